"""manage.py copy-store: every table of a store copied into an empty one (SQLite to SQLite always;
SQLite to PostgreSQL when TEST_POSTGRES_URL is set), checked, audited; refused onto a store that
holds data or onto itself; rolled back when a check fails."""

import json
import os
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

import data.copy_store as copying
from cli.main import main
from data.copy_store import (
    COMPARED, COPIED, KEPT_BY_TRIGGERS, NOT_COPIED, TABLES, data_span, figure_differences, rows_beyond_new,
)
from data.demo.accounts import load_demo_with_accounts
from measures.filters import Filters
from measures.formatting import plural
from measures.report import measures_json
from models.db import engine_for, make_engine
from models.schema import head_revision, open_store, schema_revision
from models.tables import (
    AuditEntry, BoardSnapshot, Framework, LoginAttempt, Participant, ProgrammeSession, RatingLink, RatingResponse,
    SavedView, Skill, SummaryMonthChange, YoungPeopleAttendance,
)
from tests.conftest import POSTGRES_URL_VARIABLE

DEMO_END = date(2026, 11, 1)
SCHEMA = "copy_store_test"  # the PostgreSQL test's own schema: other tests use public
AT = datetime(2026, 10, 1, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory) -> str:
    """The demo organisation, with a row in each table the demo leaves empty."""
    url = f"sqlite:///{tmp_path_factory.mktemp('source')}/store.db"
    engine = open_store(url)
    load_demo_with_accounts(engine, end=DEMO_END)
    _fill_the_other_tables(engine)
    return url


@pytest.fixture
def postgres_url():
    """TEST_POSTGRES_URL in a schema of its own, made afresh and dropped after the test."""
    url = os.environ.get(POSTGRES_URL_VARIABLE)
    if not url:
        pytest.skip(f"{POSTGRES_URL_VARIABLE} not set")
    admin = make_engine(url)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        conn.exec_driver_sql(f"CREATE SCHEMA {SCHEMA}")
    target = make_url(url).update_query_dict({"options": f"-csearch_path={SCHEMA}"})
    yield target.render_as_string(hide_password=False)
    engine_for(target.render_as_string(hide_password=False)).dispose()
    with admin.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
    admin.dispose()


def copy(source_url: str, target_url: str, monkeypatch, capsys) -> tuple[int, str, str]:
    monkeypatch.setenv("DATABASE_URL", source_url)
    code = main(["copy-store", "--to", target_url])
    out, err = capsys.readouterr()
    return code, out, err


def test_sqlite_to_sqlite_copies_every_table_with_the_same_figures(demo_url, tmp_path, monkeypatch, capsys):
    target_url = f"sqlite:///{tmp_path}/copy.db"
    code, out, err = copy(demo_url, target_url, monkeypatch, capsys)
    assert code == 0, err
    source, target = open_store(demo_url), open_store(target_url)
    assert_a_faithful_copy(source, target, out, demo_url)
    assert _figures(source) == _figures(target)


def test_sqlite_to_postgresql_copies_every_table_and_restarts_the_ids(demo_url, postgres_url, monkeypatch, capsys):
    code, out, err = copy(demo_url, postgres_url, monkeypatch, capsys)
    assert code == 0, err
    source, target = open_store(demo_url), open_store(postgres_url)
    assert_a_faithful_copy(source, target, out, demo_url)
    assert figure_differences(_figures(source), _figures(target)) == []
    password = make_url(postgres_url).password
    assert f":{password}@" not in out + err and ":***@" in out
    with target.begin() as conn:  # the sequences were moved past the ids copied
        highest = conn.execute(select(func.max(Participant.id))).scalar_one()
        new = conn.execute(insert(Participant).values(code="NEW-1", role="young_person")
                           .returning(Participant.id)).scalar_one()
        assert new == highest + 1
        assert _last_audit(conn).id == _highest_audit_id(source) + 1  # written after the sequences moved

    again, _, refused = copy(demo_url, postgres_url, monkeypatch, capsys)
    assert again == 2 and "is not empty" in refused and ":***@" in refused
    assert _counts(target)["participants"] == _counts(source)["participants"] + 1


def assert_a_faithful_copy(source, target, out: str, source_url: str) -> None:
    counts = _counts(source)
    assert all(counts.values()), f"the source should fill every table: {counts}"
    copied = _counts(target)
    assert copied == {**counts, "audit_log": counts["audit_log"] + 1}
    assert schema_revision(target) == head_revision()
    assert _kept_by_triggers(source) == _kept_by_triggers(target)  # rebuilt on the target, each row once
    with target.connect() as conn:
        entry = _last_audit(conn)
    assert entry.action == COPIED and json.loads(entry.detail)["source"] == source_url
    assert f"Copied {plural(len(COMPARED), 'table')} from {source_url}" in out
    for each in NOT_COPIED:
        assert f"{each.name} " in out and "(not copied: " in out
    with target.connect() as conn:  # every month of the rebuilt summary counted as changed
        months = conn.execute(select(func.count()).select_from(SummaryMonthChange)).scalar_one()
        summary_months = {day.replace(day=1) for day in conn.execute(select(YoungPeopleAttendance.date)).scalars()}
    assert months == len(summary_months) > 0
    assert "figures identical" in out


def test_refuses_a_store_that_holds_data_and_changes_nothing(small_org, tmp_path, monkeypatch, capsys):
    target_url = f"sqlite:///{tmp_path}/target.db"
    target = open_store(target_url)
    with target.begin() as conn:
        conn.execute(insert(Participant).values(code="THEIRS", role="young_person"))
    before = _counts(target)
    code, out, err = copy(str(small_org.url), target_url, monkeypatch, capsys)
    assert code == 2 and out == ""
    assert "Nothing copied" in err and target_url in err and "1 row in participants" in err
    assert _counts(target) == before


def test_refuses_to_copy_a_store_onto_itself(small_org, monkeypatch, capsys):
    before = _counts(small_org)
    code, _, err = copy(str(small_org.url), str(small_org.url), monkeypatch, capsys)
    assert code == 2 and "is the store being copied" in err
    assert _counts(small_org) == before


def test_the_built_in_rows_of_a_new_target_give_way_to_the_sources(small_org, tmp_path, monkeypatch, capsys):
    with small_org.begin() as conn:  # an organisation's rename of a built-in skill
        conn.execute(update(Skill).where(Skill.code == "teamwork").values(name="Working together"))
    target_url = f"sqlite:///{tmp_path}/target.db"
    target = open_store(target_url)  # a new store: the built-in frameworks, skills and ladder only
    with target.connect() as conn:
        assert rows_beyond_new(conn) == {}
    code, _, err = copy(str(small_org.url), target_url, monkeypatch, capsys)
    assert code == 0, err
    with target.connect() as conn:
        assert conn.execute(select(Skill.name).where(Skill.code == "teamwork")).scalar_one() == "Working together"
    assert _counts(target) == {**_counts(small_org), "audit_log": _counts(small_org)["audit_log"] + 1}


def test_figures_that_differ_roll_the_whole_copy_back(small_org, tmp_path, monkeypatch, capsys):
    calls = []

    def second_differs(engine, *args, **kwargs):
        figures = measures_json(engine, *args, **kwargs)
        calls.append(engine)
        if len(calls) == 2:  # the copy's
            figures["engagement"]["attendance_rate"] += 0.01
        return figures

    monkeypatch.setattr(copying, "measures_json", second_differs)
    target_url = f"sqlite:///{tmp_path}/target.db"
    code, out, err = copy(str(small_org.url), target_url, monkeypatch, capsys)
    assert code == 1 and out == ""
    assert "engagement.attendance_rate" in err and "rolled back" in err
    target = open_store(target_url)
    with target.connect() as conn:
        assert rows_beyond_new(conn) == {}  # as empty as a new store: a second try may go ahead
        assert conn.execute(select(func.count()).select_from(AuditEntry)).scalar_one() == 0


def _counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {each.name: conn.execute(select(func.count()).select_from(each)).scalar_one() for each in COMPARED}


def _kept_by_triggers(engine) -> dict[str, list[tuple]]:
    with engine.connect() as conn:
        return {each.name: sorted(tuple(row) for row in conn.execute(select(each))) for each in KEPT_BY_TRIGGERS}


def _figures(engine) -> dict:
    with engine.connect() as conn:
        period = data_span(conn)
    return measures_json(engine, period, Filters(), audience="admin")


def _highest_audit_id(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.max(AuditEntry.id))).scalar_one()


def _last_audit(conn):
    return conn.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).one()


def _fill_the_other_tables(engine) -> None:
    with engine.begin() as conn:
        session_id = conn.execute(select(func.min(ProgrammeSession.id))).scalar_one()
        framework_id = conn.execute(select(func.min(Framework.id))).scalar_one()
        conn.execute(insert(LoginAttempt).values(username="demo-admin", at=AT, succeeded=True))
        conn.execute(insert(SavedView).values(name="Forum agenda", query="period=all", created_at=AT,
                                              created_by="demo-admin"))
        conn.execute(insert(BoardSnapshot).values(
            name="October board", period_from=date(2026, 7, 1), period_to=date(2026, 9, 30),
            meeting_date=date(2026, 10, 14), created_at=AT, created_by="demo-admin", data_version="v1",
            suppression_k=5, content="{}"))
        link_id = conn.execute(insert(RatingLink).values(
            token_hash="ab" * 32, session_id=session_id, framework_id=framework_id, opened_at=AT,
            opened_by="demo-staff", expires_at=AT + timedelta(hours=2), max_responses=30)
            .returning(RatingLink.id)).scalar_one()
        conn.execute(insert(RatingResponse).values(link_id=link_id, device_hash="cd" * 32, response_code="R-1",
                                                   client_hash="ef" * 32, first_sent_at=AT, sent_at=AT))
    assert set(SQLModel.metadata.tables) == {each.name for each in TABLES}
