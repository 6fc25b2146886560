"""Figures kept by month (migration 0015, measures/kept_by_month.py): the summary's triggers count
the months each write touches, on SQLite and PostgreSQL, and so does the importer's bulk path; the
engagement grid read month by month, each month's rows kept in the store, equals the same query
run over the whole period, and only the months whose count moved are read again."""

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from sqlalchemy import Date, Float, Integer, func, insert, select, update
from sqlalchemy.exc import OperationalError

from data.participant_rights import erase_participant
from measures import engagement_grid as grid_module, kept_by_month
from measures.engagement_grid import PEOPLE, RECORDS, _grid_query, engagement_grid
from measures.filters import NO_FILTERS, Filters, Period
from measures.kept_by_month import KEPT_DAYS, figure_key, month_windows
from models.summaries import INSERTS_PAUSED, PAUSED, attendance_added_in_bulk
from models.tables import (
    Attendance, MonthFigure, Participant, Programme, ProgrammeSession, Setting, SummaryMonthChange,
    YoungPeopleAttendance,
)

A, S, P, PR = Attendance.__table__, ProgrammeSession.__table__, Participant.__table__, Programme.__table__
CHANGES, FIGURES, SETTINGS = SummaryMonthChange.__table__, MonthFigure.__table__, Setting.__table__
Y = YoungPeopleAttendance.__table__
D = date.fromisoformat
NOV, DEC, JAN, FEB, MAR, APR = D("2023-11-01"), D("2023-12-01"), *(date(2024, m, 1) for m in (1, 2, 3, 4))
JUN, AUG, OCT = date(2024, 6, 1), date(2024, 8, 1), date(2024, 10, 1)
WHOLE = Period(NOV, D("2024-04-30"))  # six months; November has no records
MID = Period(D("2024-01-15"), D("2024-03-10"))  # starts and ends mid-month


def in_month(first: date) -> Period:
    return Period(first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1))


def counts(engine) -> dict[date, int]:
    with engine.connect() as conn:
        return dict(conn.execute(select(CHANGES.c.month, CHANGES.c.changes)).all())


def rose(before: dict, after: dict) -> set[date]:
    """The months whose count went up; no count ever goes down or away."""
    assert all(after.get(month, 0) >= n for month, n in before.items())
    return {month for month, n in after.items() if n > before.get(month, 0)}


def ids(conn, table, code: str) -> int:
    return conn.execute(select(table.c.id).where(table.c.code == code)).scalar_one()


def record(conn, session: str, person: str, attended: bool = True) -> dict:
    return dict(session_id=ids(conn, S, session), participant_id=ids(conn, P, person), attended=attended)


def one_record(conn, session: str, person: str):
    return (A.c.session_id == ids(conn, S, session)) & (A.c.participant_id == ids(conn, P, person))


def records(conn, session: str, person: str, **values):
    return update(A).where(one_record(conn, session, person)).values(**values)


def new_session(conn, code: str, day: str):
    return insert(S).values(code=code, programme_id=ids(conn, PR, "P1"), date=D(day), activity_type="workshop",
                            mode="online", led_by="co_led", duration_hours=2.0)


def kept(engine) -> list[tuple]:
    with engine.connect() as conn:
        return conn.execute(select(FIGURES.c.figure, FIGURES.c.month, FIGURES.c.changes, FIGURES.c.payload)
                            .order_by(FIGURES.c.figure, FIGURES.c.month)).all()


def direct_grid(engine, period: Period, filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """The grid from its query run once over the whole period, shaped as `engagement_grid` shapes it."""
    with engine.connect() as conn:
        rows = [dict(row) for row in conn.execute(_grid_query(period, filters, period)).mappings()]
    grid = pd.DataFrame(rows, columns=["month", "mode", *PEOPLE, *RECORDS])
    grid["month"] = [str(day)[:7] for day in grid["month"]]
    grid = grid.sort_values(["month", "mode"], ignore_index=True)
    return grid.astype({**{c: "int64" for c in (*PEOPLE, "expected", "attended", "paid_records")},
                        **{c: "float64" for c in ("hours", "paid", "expenses")}})


@pytest.fixture
def windows_read(monkeypatch) -> list[Period]:
    """The windows the grid's query is made for: the whole period (its name), then each run read."""
    read = []

    def spying(period, filters, window):
        read.append(window)
        return _grid_query(period, filters, window)
    monkeypatch.setattr(grid_module, "_grid_query", spying)
    return read


def summary(engine) -> set[tuple]:
    with engine.connect() as conn:
        return set(map(tuple, conn.execute(select(Y)).all()))


def test_the_triggers_count_exactly_the_months_a_write_touches(small_org_any):
    engine = small_org_any
    # Young people's records (small_org): Y2 A C (Jan, Mar); Y3 A F (Jan, Mar); Y4 A (Jan); Y5 E B
    # (Dec, Feb); Y6 B C (Feb, Mar); Y7 E C (Dec, Mar). A record written counts its month (its row
    # is removed and added again, even unchanged); other rows count when their previous dates change.
    steps = [  # (what, write, months touched)
        ("a trainer's record: no summary row", lambda c: insert(A).values(record(c, "B", "S2")), set()),
        ("a session with no records yet", lambda c: new_session(c, "G", "2024-08-10"), set()),
        ("Y4 comes to G, after A", lambda c: insert(A).values(record(c, "G", "Y4")), {AUG}),
        ("Y3 came to A after all: F follows it", lambda c: records(c, "A", "Y3", attended=True), {JAN, MAR}),
        # Unchanged, but removed and added again: meanwhile F (Mar) follows Y3's record before A.
        ("Y3's record of A written as it is", lambda c: records(c, "A", "Y3", attended=True), {JAN, MAR}),
        ("G moves from August to October", lambda c: update(S).where(S.c.code == "G").values(date=D("2024-10-01")),
         {AUG, OCT}),
        ("C (Y2, Y6, Y7, each last there) moves from March to June",
         lambda c: update(S).where(S.c.code == "C").values(date=D("2024-06-05")), {MAR, JUN}),
        ("Y5 is older", lambda c: update(P).where(P.c.code == "Y5").values(age_band="19_25"), {DEC, FEB}),
        ("Y7 missed E (Dec): C (Jun) follows it", lambda c: A.delete().where(one_record(c, "E", "Y7")), {DEC, JUN}),
    ]
    for what, write, touched in steps:
        before, rows_before = counts(engine), summary(engine)
        with engine.begin() as conn:
            conn.execute(write(conn))
        changed = {row[0].replace(day=1) for row in rows_before ^ summary(engine)}
        assert changed <= rose(before, counts(engine)) == touched, what
    engagement_grid(engine, WHOLE, Filters())
    before = counts(engine)
    erase_participant(engine, "Y6")  # Y6: B (Feb) and C (now June)
    assert rose(before, counts(engine)) == {FEB, JUN}
    assert kept(engine) == []  # an erasure lets no figure counted with them stay


def test_an_update_of_the_summary_counts_its_rows_months_when_it_changes_them(small_org_any):
    engine = small_org_any
    with engine.connect() as conn:  # the row of Y3 at F (20 Mar), by its key as it changes
        key = {"date": D("2024-03-20"), "session_id": ids(conn, S, "F"), "participant_id": ids(conn, P, "Y3")}
        others = {"session_id": ids(conn, S, "A"), "participant_id": ids(conn, P, "Y4")}

    def other(column, value):
        if column.name in others:
            return others[column.name]
        if value is None:
            kinds = ((Date, JAN), (Integer, 1), (Float, 1.0))
            return next((v for kind, v in kinds if isinstance(column.type, kind)), "x")
        if isinstance(value, bool):
            return not value
        return value + timedelta(days=1) if isinstance(value, date) else value + ("x" if isinstance(value, str) else 1)

    def update_rose(**values) -> set[date]:
        before = counts(engine)
        with engine.begin() as conn:
            conn.execute(update(Y).where(*(Y.c[name] == value for name, value in key.items())).values(**values))
        key.update((name, value) for name, value in values.items() if name in key)
        return rose(before, counts(engine))

    for column in Y.columns:  # each column changed alone (the date within March) counts March
        with engine.connect() as conn:
            now = conn.execute(select(column).where(*(Y.c[name] == value for name, value in key.items()))).scalar_one()
        assert update_rose(**{column.name: other(column, now)}) == {MAR}, column.name
    # Written as it is: nothing (columns the previous dates are not worked out from: an update of
    # those, as `attended`, has the young person's dates worked out again, which the loop above left wrong).
    assert update_rose(paid_gbp=Y.c.paid_gbp, mode=Y.c.mode) == set()
    # No writer moves a summary row itself, but if one did, both months would count.
    assert update_rose(date=D("2024-05-20")) == {MAR, date(2024, 5, 1)}


def test_the_bulk_path_counts_each_month_it_added_to_once(small_org_any, windows_read):
    engine = small_org_any
    with engine.begin() as conn:
        conn.execute(new_session(conn, "G", "2024-08-10"))
    engagement_grid(engine, WHOLE, Filters())
    before, windows_read[:] = counts(engine), []
    with engine.begin() as conn, attendance_added_in_bulk(conn):  # as the importer adds records
        conn.execute(insert(A), [
            record(conn, "E", "Y4"),  # Dec, before Y4's record of A: that row's previous dates change (Jan)
            record(conn, "D", "Y7"), record(conn, "D", "Y5"),  # two in April, after all of theirs
            record(conn, "G", "Y3"),  # August, a month with no records before
        ])
    after = counts(engine)
    assert {month: after[month] - before.get(month, 0) for month in rose(before, after)} == \
        {DEC: 1, JAN: 1, APR: 1, AUG: 1} and AUG not in before
    with engine.connect() as conn:
        assert conn.execute(select(SETTINGS.c.key).where(SETTINGS.c.key.in_((PAUSED, INSERTS_PAUSED)))).all() == []
    # The grid reads December and January (one run) and April again, and is right.
    assert_frame_equal(engagement_grid(engine, WHOLE, Filters()), direct_grid(engine, WHOLE))
    assert windows_read == [WHOLE, Period(DEC, D("2024-01-31")), in_month(APR)]


def test_the_grid_by_month_equals_the_whole_query_and_reads_only_touched_months(small_org_any, windows_read):
    engine = small_org_any

    def check(period: Period, *read_again: Period) -> None:
        assert_frame_equal(engagement_grid(engine, period, Filters()), direct_grid(engine, period))
        assert windows_read == [period, *read_again]
        windows_read.clear()

    def write(statement) -> None:
        with engine.begin() as conn:
            conn.execute(statement(conn))

    assert month_windows(MID) == [Period(MID.start, D("2024-01-31")), Period(FEB, D("2024-02-29")),
                                  Period(MAR, MID.end)]
    check(WHOLE, WHOLE)  # nothing kept yet: every month, in one run
    check(MID, MID)
    check(WHOLE)  # every month kept and current: nothing read
    check(MID)
    assert direct_grid(engine, WHOLE)["expected"].sum() == 16  # every young person's record (small_org)
    write(lambda c: records(c, "A", "Y4", attended=False))  # Y4: January only
    check(WHOLE, in_month(JAN))
    check(MID, Period(MID.start, D("2024-01-31")))
    write(lambda c: records(c, "E", "Y5", attended=False))  # Y5 missed E (Dec): B (Feb) follows it
    check(WHOLE, in_month(DEC), in_month(FEB))
    check(MID, in_month(FEB))
    with engine.begin() as conn:
        conn.execute(new_session(conn, "N", "2023-11-20"))
    write(lambda c: insert(A).values(record(c, "N", "Y4")))  # November, kept empty, and Y4's January row
    check(WHOLE, in_month(NOV), in_month(JAN))
    check(MID, Period(MID.start, D("2024-01-31")))
    assert direct_grid(engine, WHOLE)["expected"].sum() == 17
    now = counts(engine)
    key = figure_key(_grid_query(WHOLE, Filters(), WHOLE), engine)
    assert {month: n for figure, month, n, _ in kept(engine) if figure == key} == \
        {month: now[month] for month in (NOV, DEC, JAN, FEB, MAR, APR)}


def test_each_period_and_filter_keeps_rows_of_its_own(small_org_any, windows_read):
    engine = small_org_any
    first_quarter, older = Period(JAN, D("2024-03-31")), Filters(age_bands=("16_18",))
    asked = [(WHOLE, Filters()), (WHOLE, older), (first_quarter, Filters())]
    for period, filters in asked:
        assert_frame_equal(engagement_grid(engine, period, filters), direct_grid(engine, period, filters))
        assert windows_read == [period, period]  # nothing taken from the figures kept before
        windows_read.clear()
    keys = [figure_key(_grid_query(period, filters, period), engine) for period, filters in asked]
    assert len(set(keys)) == 3
    rows = kept(engine)
    assert {figure: [month for f, month, *_ in rows if f == figure] for figure, *_ in rows} == {
        keys[0]: [NOV, DEC, JAN, FEB, MAR, APR], keys[1]: [NOV, DEC, JAN, FEB, MAR, APR], keys[2]: [JAN, FEB, MAR]}
    # Empty months are kept too. Y4..Y7 (16 to 18) have no records in November or April.
    assert {(keys.index(f), month) for f, month, _, payload in rows if payload == "[]"} == \
        {(0, NOV), (1, NOV), (1, APR)}


def test_not_an_engine_reads_the_whole_query_and_keeps_nothing(small_org_any):
    engine = small_org_any

    class OneConnection:  # not an Engine: lends connections only, as a copy's checks do
        connect = engine.connect
    for period in (WHOLE, MID):
        assert_frame_equal(engagement_grid(OneConnection(), period, Filters()), direct_grid(engine, period))
    assert kept(engine) == []


@contextmanager
def taking_no_write(engine, monkeypatch, how: str):
    """Another connection holding the lock that keeping figures needs, or every insert failing."""
    with engine.connect() as conn, monkeypatch.context() as patched:
        if how == "another writer":
            conn.exec_driver_sql("BEGIN IMMEDIATE" if engine.dialect.name == "sqlite"
                                 else "LOCK TABLE month_figures IN SHARE MODE")
        else:
            def refused(_table):
                raise OperationalError("INSERT INTO month_figures", {}, Exception("the store is busy"))
            patched.setattr(kept_by_month, "insert", refused)
        yield
        conn.rollback()


@pytest.mark.parametrize("refusing", ["another writer", "inserts refused"])
def test_the_rows_come_back_quickly_when_the_store_takes_no_write(small_org_any, monkeypatch, caplog, refusing):
    engine = small_org_any
    with caplog.at_level(logging.INFO, logger=kept_by_month.__name__), \
            taking_no_write(engine, monkeypatch, refusing):
        started = time.monotonic()
        grid = engagement_grid(engine, WHOLE, Filters())
        took = time.monotonic() - started
    assert took < 3  # the 100 ms of WAIT_MS, never the 10 s busy timeout
    assert_frame_equal(grid, direct_grid(engine, WHOLE))
    assert kept(engine) == []
    assert "not kept" in caplog.text
    engagement_grid(engine, WHOLE, Filters())  # the store takes writes again: kept
    assert len(kept(engine)) == 6


def test_figures_worked_out_long_ago_go_when_others_are_kept(small_org, monkeypatch):
    engine, today = small_org, date(2024, 6, 1)
    monkeypatch.setattr(kept_by_month, "utcnow", lambda: datetime(2024, 6, 1, 9, tzinfo=UTC))
    oldest_kept = today - timedelta(days=KEPT_DAYS)
    assert oldest_kept == D("2024-04-22")

    def figure(name: str, computed_on: date) -> dict:
        return dict(figure=name, month=JAN, changes=1, computed_on=computed_on, payload="[]")

    with engine.begin() as conn:
        conn.execute(insert(FIGURES), [figure("too old", oldest_kept - timedelta(days=1)),
                                       figure("just kept", oldest_kept)])
    engagement_grid(engine, WHOLE, Filters())
    with engine.connect() as conn:
        on = dict(conn.execute(select(FIGURES.c.figure, func.max(FIGURES.c.computed_on))
                               .group_by(FIGURES.c.figure)).all())
    key = figure_key(_grid_query(WHOLE, Filters(), WHOLE), engine)
    assert on == {"just kept": oldest_kept, key: today}


def test_the_bulk_path_counts_a_month_another_writer_adds_to_meanwhile(small_org_any):
    engine = small_org_any
    if engine.dialect.name == "sqlite":
        pytest.skip("SQLite lets one writer at a time")
    with engine.begin() as conn:
        conn.execute(new_session(conn, "G", "2024-08-10"))

    def import_one() -> None:
        with engine.begin() as conn, attendance_added_in_bulk(conn):
            conn.execute(insert(A).values(record(conn, "G", "Y4")))

    waiting = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
    with engine.connect() as other, engine.connect() as watching, ThreadPoolExecutor(1) as pool:
        other.execute(insert(A).values(record(other, "G", "Y3")))  # August's first record, not committed yet
        counted_there = other.execute(select(CHANGES.c.changes).where(CHANGES.c.month == AUG)).scalar_one()
        importing = pool.submit(import_one)
        for _ in range(100):  # until the import waits for the other writer's August
            if importing.done() or watching.exec_driver_sql(waiting).scalar():
                break
            watching.rollback()  # pg_stat_activity is read afresh in each transaction
            time.sleep(0.05)
        other.commit()
        importing.result(timeout=10)
    assert counts(engine)[AUG] == counted_there + 1
