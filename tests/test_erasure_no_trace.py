"""Erasure leaves no trace: after `erase-participant` the code is nowhere in the store, not in the
audit log, saved views, board snapshots' names, a dump of the database, nor the bytes of its file
and write-ahead log. Free text naming the participant is listed for an admin to edit first."""

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event, insert, select

from board_snapshots.saved import create_snapshot, list_snapshots
from data.forms.feedback import FeedbackEntry, add_feedback, update_feedback
from data.forms.participant import NewParticipant, save_participant
from data.forms.session import RegisterLine, save_register
from data.participant_rights import Mention, erase_participant, export_participant, find_mentions
from data.saved_views import list_views, save_view
from measures.filters import Period
from models.audit import AUDIT
from models.db import sqlite_file
from models.schema import open_store
from models.tables import Participant, PrincipleRating, ProgrammeSession
from tests import small_org
from tests.apptest_helpers import add_role_accounts, open_deep_link

ROOT = Path(__file__).resolve().parent.parent
CODE = "Zq-7X"   # distinctive, so that finding it in raw bytes means it was left behind
Q1_2024 = Period(date(2024, 1, 1), date(2024, 3, 31))
VIEW = "Follow up zq-7x attendance"           # another case: found all the same
VIEW_QUERY = "measure=Attendance+rate&note=ZQ-7X+asked"
SNAPSHOT = f"Board Q1 (after {CODE} left)"
FEEDBACK_SAID = "The room is too cold in winter"
FEEDBACK_DONE = f"Asked {CODE} what heating they would like; bought a heater"


def _seed(engine) -> None:
    """The small organisation with CODE in: a form save and an export (audit rows), a saved view's
    name and query, a board snapshot's name, and a feedback item's text."""
    small_org.build(engine)
    add_role_accounts(engine)
    save_participant(engine, "u-staff", NewParticipant(CODE, "young_person", age_band="11_15"))
    save_register(engine, "u-staff", "A", [RegisterLine(CODE, True), RegisterLine("Y1", True),
                                           RegisterLine("Y2", True), RegisterLine("Y4", True),
                                           RegisterLine("S1", True), RegisterLine("Y3", False)])
    export_participant(engine, CODE, actor="u-admin")
    save_view(engine, VIEW, VIEW_QUERY, "u-staff")
    save_view(engine, "Attendance by month", "measure=Attendance+rate&split=Month", "u-staff")
    create_snapshot(engine, SNAPSHOT, Q1_2024, date(2024, 4, 15), "u-admin", k=1)
    add_feedback(engine, "u-staff", FeedbackEntry("F9", date(2024, 2, 1), FEEDBACK_SAID, "done", "P1",
                                                  FEEDBACK_DONE, date(2024, 2, 10)))


def _audit_details(engine) -> list[str]:
    with engine.connect() as conn:
        return [detail or "" for detail in conn.execute(select(AUDIT.c.detail).order_by(AUDIT.c.id)).scalars()]


def _found_in(data: bytes) -> bool:
    return CODE.lower().encode() in data.lower()


@pytest.fixture
def seeded(store_url):
    engine = open_store(store_url)
    _seed(engine)
    return engine


def _secure_delete_off(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA secure_delete=OFF")


@pytest.fixture
def seeded_plain(store_url):
    """As `seeded`, but every connection with secure_delete off, as SQLite is built by default
    (Debian's Python has it on): deleted and overwritten text stays in free space, until erased."""
    engine = open_store(store_url)
    event.listen(engine, "connect", _secure_delete_off)
    engine.dispose()
    _seed(engine)
    yield engine
    event.remove(engine, "connect", _secure_delete_off)


def test_the_fixture_has_the_code_everywhere_it_should(seeded):
    details = _audit_details(seeded)
    assert any(CODE in d and "form saved" not in d for d in details)
    # The participant form, the export, the view saved (another case), the snapshot taken.
    assert sum(CODE.lower() in d.lower() for d in details) == 4
    assert VIEW in list(list_views(seeded)["name"]) and SNAPSHOT in list(list_snapshots(seeded)["name"])
    assert find_mentions(seeded, CODE) == [Mention("You said, we did item F9", "We did", FEEDBACK_DONE)]


def test_erasure_replaces_the_code_with_a_token_everywhere_it_is_still_written(seeded):
    erasure = erase_participant(seeded, CODE, actor="u-admin")
    assert erasure.deleted == {"attendance": 1, "evaluations": 0, "principle_ratings": 0, "participants": 1}
    assert erasure.token.startswith("erased participant #")
    details = _audit_details(seeded)
    assert not any(CODE.lower() in d.lower() for d in details)
    with seeded.connect() as conn:
        last_id, last = conn.execute(select(AUDIT.c.id, AUDIT.c.detail).order_by(AUDIT.c.id.desc())).first()
    assert erasure.token == f"erased participant #{last_id}"
    assert json.loads(last) == {"code": erasure.token, "counts": erasure.deleted,
                                "rewritten": {"audit_log": 4, "saved_views": 1, "board_snapshots": 1}}
    assert sum(erasure.token in d for d in details) == 5   # the four rewritten and the erasure's own
    assert any(f'"codes": ["{erasure.token}"]' in d for d in details)   # the participant form's save
    views = list_views(seeded)
    assert list(views["name"]) == [f"Follow up {erasure.token} attendance", "Attendance by month"]
    assert "ZQ-7X" not in views.loc[0, "query"] and "erased+participant" in views.loc[0, "query"]
    assert f"Board Q1 (after {erasure.token} left)" in list(list_snapshots(seeded)["name"])
    # Free text is listed, never changed by the program.
    assert find_mentions(seeded, CODE)[0].text == FEEDBACK_DONE


def test_a_second_erasure_gets_its_own_token_and_names_stay_unique(seeded):
    save_participant(seeded, "u-staff", NewParticipant("Qq-8", "young_person"))
    first = erase_participant(seeded, CODE, actor="u-admin")
    save_view(seeded, "Follow up qq-8 attendance", "measure=Sessions+held", "u-staff")
    save_view(seeded, f"Follow up {first.token.replace('#', '# ')} attendance", "measure=Sessions+held",
              "u-admin")
    second = erase_participant(seeded, "Qq-8", actor="u-admin")
    assert first.token != second.token
    names = list(list_views(seeded)["name"])
    assert f"Follow up {second.token} attendance" in names and len(set(n.lower() for n in names)) == len(names)
    assert not any("qq-8" in d.lower() for d in _audit_details(seeded))
    assert any(first.token in d for d in _audit_details(seeded))   # the first erasure's rows keep their token


def test_only_the_whole_code_is_replaced(seeded):
    save_participant(seeded, "u-staff", NewParticipant(CODE + "0", "young_person"))
    save_view(seeded, f"Only {CODE}0", "measure=Sessions+held", "u-staff")
    erase_participant(seeded, CODE, actor="u-admin")
    assert f"Only {CODE}0" in list(list_views(seeded)["name"])
    assert any(f"{CODE}0" in d for d in _audit_details(seeded))
    with seeded.connect() as conn:
        assert conn.execute(select(Participant.id).where(Participant.code == CODE + "0")).scalar() is not None


def test_free_text_mentions_are_found_as_whole_words_ignoring_case(seeded):
    with seeded.begin() as conn:
        conn.execute(ProgrammeSession.__table__.update().where(ProgrammeSession.code == "B")
                     .values(title="Podcast with zq-7x"))
        conn.execute(ProgrammeSession.__table__.update().where(ProgrammeSession.code == "C")
                     .values(title=f"Podcast with {CODE}0"))   # another code: not a mention
        rating = conn.execute(select(PrincipleRating.__table__).limit(1)).mappings().one()
        conn.execute(insert(PrincipleRating.__table__).values(
            session_id=rating["session_id"], principle_id=rating["principle_id"], rater_role="staff", score=4,
            rated_on=date(2024, 2, 15), comment=f"{CODE} led the planning."))
    add_feedback(seeded, "u-staff", FeedbackEntry("F10", date(2024, 3, 1), "ZQ-7X: more podcasts please",
                                                  "raised"))
    found = {(m.where.split(" (")[0].rsplit(" ", 1)[0], m.field) for m in find_mentions(seeded, CODE)}
    assert found == {("You said, we did item", "We did"), ("You said, we did item", "You said"),
                     ("Session", "Title"), ("Principle rating", "Comment")}


def _dump(engine) -> str:
    with engine.connect() as conn:
        return "\n".join(conn.connection.iterdump())


def _store_bytes(url: str) -> dict[str, bytes]:
    path = sqlite_file(url)
    files = {path.name: path.read_bytes()}
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        files[wal.name] = wal.read_bytes()
    return files


def test_after_erasure_the_code_is_nowhere_in_the_store(store_url, seeded_plain):
    seeded = seeded_plain
    with seeded.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 0
    assert _found_in(_dump(seeded).encode()) and any(_found_in(b) for b in _store_bytes(store_url).values())
    # The admin edits the listed feedback first, as the page and the command line ask.
    update_feedback(seeded, "u-admin", "F9", "done", "Bought a heater", date(2024, 2, 10))
    assert find_mentions(seeded, CODE) == []
    erasure = erase_participant(seeded, CODE, actor="u-admin")
    assert erasure.cleared == "store vacuumed, write-ahead log checkpointed and truncated"
    assert not _found_in(_dump(seeded).encode())
    for name, data in _store_bytes(store_url).items():
        assert not _found_in(data), f"{CODE} is still in {name}"
    # Still a working store, with the token where the code was.
    assert erasure.token in _dump(seeded)


def manage(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, input="", timeout=120)


def test_cli_lists_free_text_mentions_and_erases_without_trace(store_url, seeded):
    refused = manage(store_url, "erase-participant", CODE)
    assert refused.returncode != 0 and "--yes" in refused.stderr
    assert f"You said, we did item F9, We did: {FEEDBACK_DONE}" in refused.stdout
    update_feedback(seeded, "u-admin", "F9", "done", "Bought a heater", date(2024, 2, 10))
    erased = manage(store_url, "erase-participant", CODE, "--yes")
    assert erased.returncode == 0, erased.stderr
    assert f"Erased participant '{CODE}'" in erased.stdout and "erased participant #" in erased.stdout
    assert "Free text that names" not in erased.stdout
    assert not _found_in(_dump(seeded).encode())
    for name, data in _store_bytes(store_url).items():
        assert not _found_in(data), f"{CODE} is still in {name}"


def test_admin_page_lists_mentions_before_the_erase_button(store_url, seeded, monkeypatch):
    at = open_deep_link(store_url, monkeypatch, "pages/participant_rights.py", "admin")
    at.selectbox[0].set_value(CODE).run()
    assert not at.exception
    assert any("Erasing does not change it" in w.value for w in at.warning)
    mentions = at.dataframe[1].value
    assert list(mentions["Where"]) == ["You said, we did item F9"] and list(mentions["Text"]) == [FEEDBACK_DONE]
    at.checkbox[0].check().run()
    next(b for b in at.button if b.label == "Erase participant").click().run()
    assert not at.exception
    assert any("erased participant \\#" in s.value for s in at.success)   # escaped for Markdown
    assert not any(CODE.lower() in d.lower() for d in _audit_details(seeded))


def _every_row_as_text(engine) -> str:
    """Every row of every table, as text (a dump that works on PostgreSQL too)."""
    from sqlalchemy import MetaData
    tables = MetaData()
    tables.reflect(engine)
    with engine.connect() as conn:
        return "\n".join(repr(tuple(row)) for table in tables.sorted_tables
                         for row in conn.execute(select(table)).all())


def test_erasure_on_either_database_leaves_no_row_naming_the_code(any_engine):
    _seed(any_engine)
    update_feedback(any_engine, "u-admin", "F9", "done", "Bought a heater", date(2024, 2, 10))
    assert CODE.lower() in _every_row_as_text(any_engine).lower()
    erasure = erase_participant(any_engine, CODE, actor="u-admin")
    assert CODE.lower() not in _every_row_as_text(any_engine).lower()
    expected = {"sqlite": "store vacuumed", "postgresql": "tables vacuumed: participants"}[any_engine.dialect.name]
    assert erasure.cleared.startswith(expected)
