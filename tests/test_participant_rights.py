"""Participant rights: export everything about one participant; erase them completely.

Hand count for Y1 in tests/small_org.py:
- attendance: sessions A, B, F, D, E -> 5 rows (all attended).
- evaluations: P1 confidence pre 2023-11-01, pre 2024-01-05, post 2024-02-20, post 2024-03-25,
  and P2 confidence pre 2024-03-01 -> 5 rows.
- principle ratings given (rater_id): session B, lundy voice, score 2 -> 1 row.
"""

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from components.rights.finding import LISTED
from data.participant_rights import (
    UnknownParticipant, codes_starting_with, erase_participant, export_participant,
)
from measures import started_early
from measures.filters import Filters, Period
from measures.report import measures_json
from models.audit import AUDIT
from models.schema import open_store
from models.tables import Attendance, Evaluation, Participant, PrincipleRating
from models.version import data_version
from tests import small_org
from tests.apptest_helpers import add_role_accounts, open_deep_link

ROOT = Path(__file__).resolve().parent.parent
Q1_2024 = Period(date(2024, 1, 1), date(2024, 3, 31))
FIND = "rights-find"  # the search box of components/rights/finding.py
Y1_COUNTS = {"attendance": 5, "evaluations": 5, "principle_ratings": 1, "participants": 1}


def _id_of(conn, code):
    return conn.execute(select(Participant.id).where(Participant.code == code)).scalar()


def rows_about(engine, person_id: int) -> dict[str, int]:
    checks = {"attendance": (Attendance, Attendance.participant_id),
              "evaluations": (Evaluation, Evaluation.participant_id),
              "principle_ratings": (PrincipleRating, PrincipleRating.rater_id),
              "participants": (Participant, Participant.id)}
    with engine.connect() as conn:
        return {name: conn.execute(select(func.count()).select_from(table).where(column == person_id)).scalar()
                for name, (table, column) in checks.items()}


def table_sizes(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t.__tablename__: conn.execute(select(func.count()).select_from(t)).scalar()
                for t in (Attendance, Evaluation, PrincipleRating, Participant)}


def audit_rows(engine) -> list[tuple[str, str, dict]]:
    with engine.connect() as conn:
        return [(actor, action, json.loads(detail or "{}")) for actor, action, detail in conn.execute(
            select(AUDIT.c.actor, AUDIT.c.action, AUDIT.c.detail).order_by(AUDIT.c.id))]


def test_export_holds_the_hand_counted_rows(small_org):
    export = export_participant(small_org, "Y1", actor="tester")
    assert export["participant"]["code"] == "Y1" and export["participant"]["age_band"] == "11_15"
    assert sorted(row["session"] for row in export["attendance"]) == ["A", "B", "D", "E", "F"]
    assert len(export["evaluations"]) == 5
    assert sorted((e["programme"], e["completed_on"]) for e in export["evaluations"])[0] == ("P1", "2023-11-01")
    assert [(r["session"], r["principle"], r["score"]) for r in export["principle_ratings"]] == [("B", "voice", 2)]
    json.dumps(export)  # JSON-ready as it stands
    assert audit_rows(small_org)[-1] == ("tester", "participant exported",
                                         {"code": "Y1", "counts": {"attendance": 5, "evaluations": 5,
                                                                   "principle_ratings": 1}})


def test_erase_leaves_no_row_about_them_and_others_untouched(small_org):
    with small_org.connect() as conn:
        y1 = _id_of(conn, "Y1")
    before, version = table_sizes(small_org), data_version(small_org)
    erasure = erase_participant(small_org, "Y1", actor="tester")
    assert erasure.deleted == Y1_COUNTS and erasure.rows_deleted == 12
    assert rows_about(small_org, y1) == {name: 0 for name in Y1_COUNTS}
    after = table_sizes(small_org)
    assert {name: before[name] - after[name] for name in before} == Y1_COUNTS
    with small_org.connect() as conn:
        assert _id_of(conn, "Y2") is not None
    assert data_version(small_org) != version
    actor, action, detail = audit_rows(small_org)[-1]
    assert erasure.token.startswith("erased participant #")
    assert (actor, action, detail) == ("tester", "participant erased", {
        "code": erasure.token, "counts": Y1_COUNTS,
        "rewritten": {"audit_log": 0, "saved_views": 0, "board_snapshots": 0}})


def test_unknown_code_is_refused_clearly(small_org):
    with pytest.raises(UnknownParticipant, match="No participant with code 'NOPE'"):
        export_participant(small_org, "NOPE")
    with pytest.raises(UnknownParticipant, match="NOPE"):
        erase_participant(small_org, "NOPE")
    assert audit_rows(small_org) == []


def test_measures_no_longer_count_an_erased_participant(small_org):
    # Active young people in Q1 2024: Y1..Y7 (see test_measures.py); without Y1, six.
    assert measures_json(small_org, Q1_2024, Filters(), k=1)["engagement"]["active_young_people"] == 7
    erase_participant(small_org, "Y1", actor="tester")
    assert measures_json(small_org, Q1_2024, Filters(), k=1)["engagement"]["active_young_people"] == 6


def manage(url: str, *args: str, stdin: str | None = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, input=stdin, timeout=120)


def test_cli_exports_json_to_stdout_and_to_a_file(store_url, tmp_path):
    small_org.build(open_store(store_url))
    shown = manage(store_url, "export-participant", "Y1")
    assert shown.returncode == 0, shown.stderr
    assert len(json.loads(shown.stdout)["attendance"]) == 5
    target = tmp_path / "y1.json"
    written = manage(store_url, "export-participant", "Y1", "--output", str(target))
    assert written.returncode == 0, written.stderr
    assert json.loads(target.read_text())["participant"]["code"] == "Y1"


def test_cli_erases_only_with_yes_when_not_at_a_terminal(store_url):
    engine = open_store(store_url)
    small_org.build(engine)
    refused = manage(store_url, "erase-participant", "Y1")
    assert refused.returncode != 0 and "--yes" in refused.stderr
    assert table_sizes(engine)["participants"] == len(small_org.PARTICIPANTS)
    erased = manage(store_url, "erase-participant", "Y1", "--yes")
    assert erased.returncode == 0, erased.stderr
    assert "Erased participant 'Y1'" in erased.stdout
    with engine.connect() as conn:
        assert _id_of(conn, "Y1") is None
    assert [action for _, action, _ in audit_rows(engine)][-1] == "participant erased"


@pytest.mark.parametrize("command", [("export-participant", "NOPE"), ("erase-participant", "NOPE", "--yes")])
def test_cli_fails_clearly_on_an_unknown_code(store_url, command):
    small_org.build(open_store(store_url))
    result = manage(store_url, *command)
    assert result.returncode != 0
    assert "No participant with code 'NOPE'" in result.stderr


def test_admin_page_shows_counts_and_erases_after_confirmation(store_url, monkeypatch):
    engine = open_store(store_url)
    small_org.build(engine)
    add_role_accounts(engine)
    at = open_deep_link(store_url, monkeypatch, "pages/participant_rights.py", "admin")
    assert not at.exception
    assert "Participant records" in [t.value for t in at.title]
    at.text_input(key=FIND).set_value(" y1 ").run()   # the first characters, any case
    assert at.selectbox[0].options == ["Y1"]
    at.selectbox[0].set_value("Y1").run()
    table = at.dataframe[0].value
    assert dict(zip(table["What"], table["Rows"], strict=True)) == {
        "Attendance at sessions": 5, "Skill self-ratings (evaluations)": 5, "Principle ratings they gave": 1,
        "Their participant record": 1}
    assert [b.proto.label for b in at.get("download_button")] == [
        "Download everything held (Excel)", "Download everything held (JSON)"]
    erase = next(b for b in at.button if b.label == "Erase participant")
    assert erase.disabled  # not before the box is ticked
    at.checkbox[0].check().run()
    next(b for b in at.button if b.label == "Erase participant").click().run()
    assert not at.exception
    assert any("Erased participant Y1" in s.value for s in at.success)
    assert not at.selectbox and any("No participant code starts with 'y1'" in w.value for w in at.warning)
    with engine.connect() as conn:
        assert _id_of(conn, "Y1") is None
    assert audit_rows(engine)[-1][:2] == ("u-admin", "participant erased")


def test_admin_page_says_clearly_when_no_code_starts_with_what_was_typed(store_url, monkeypatch):
    engine = open_store(store_url)
    small_org.build(engine)
    add_role_accounts(engine)
    at = open_deep_link(store_url, monkeypatch, "pages/participant_rights.py", "admin")
    at.text_input(key=FIND).set_value("NOPE").run()
    assert not at.exception
    assert [w.value for w in at.warning] == [
        "No participant code starts with 'NOPE'. Check the code they gave (it may have been erased already)."]
    assert not at.selectbox and not at.dataframe and not at.get("download_button")
    assert "Erase participant" not in [b.label for b in at.button]


def test_admin_page_never_offers_more_than_the_first_codes_found(store_url, monkeypatch):
    # 200 codes P000 to P199 besides small_org's S1, S2, Y1 to Y7: "p" finds 200, the page offers
    # the first LISTED (50) in order, P000 to P049; so does an empty search (P sorts before S and Y).
    engine = open_store(store_url)
    small_org.build(engine)
    add_role_accounts(engine)
    with engine.begin() as conn:
        conn.execute(insert(Participant), [dict(code=f"P{i:03d}", role="young_person") for i in range(200)])
    at = open_deep_link(store_url, monkeypatch, "pages/participant_rights.py", "admin")
    first = [f"P{i:03d}" for i in range(LISTED)]
    assert LISTED == 50 and at.selectbox[0].options == first
    at.text_input(key=FIND).set_value("p").run()
    assert at.selectbox[0].options == first
    at.text_input(key=FIND).set_value("P19").run()
    assert at.selectbox[0].options == [f"P{i}" for i in range(190, 200)]


def test_codes_are_found_by_their_first_characters_with_like_wildcards_taken_literally(any_engine):
    # Sets where more than one is found: PostgreSQL may order punctuation differently from SQLite.
    codes = ["A%2", "A_1", "AB1", "a_lower", "B1", "B2", "B3"]
    with any_engine.begin() as conn:
        conn.execute(insert(Participant), [dict(code=c, role="young_person") for c in codes])
    assert set(codes_starting_with(any_engine, "A_", limit=50)) == {"A_1", "a_lower"}
    assert codes_starting_with(any_engine, "a%", limit=50) == ["A%2"]
    assert codes_starting_with(any_engine, "ab", limit=50) == ["AB1"]
    assert codes_starting_with(any_engine, "b", limit=2) == ["B1", "B2"]
    assert len(codes_starting_with(any_engine, "", limit=3)) == 3
    assert codes_starting_with(any_engine, "C", limit=50) == []


def test_an_erasure_drops_every_figure_started_early(small_org):
    calls = []
    started_early.started("depth of Y1's period", lambda: calls.append(1))()
    erase_participant(small_org, "Y1", actor="tester")
    started_early.started("depth of Y1's period", lambda: calls.append(2))()
    assert calls == [1, 2]
