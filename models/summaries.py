"""Writing many attendance records at once, with the young people's attendance summary kept right.

The summary (models.tables.YoungPeopleAttendance) is kept by triggers (migrations 0006, 0013)
whoever writes. Row by row, though, the insert trigger tripled the time of a large import, so the
importer pauses it inside its own transaction and adds the summary rows of everything it added in
bulk at the end. Other connections never see the pause: it is a settings row that is gone again
before the transaction commits.

Each summary row also carries the dates of the same young person's previous records
(`PREVIOUS`, docs/decisions.md 24, "The previous record's date"): worked out for the new rows as
they are added, and again for the rows of the young people who already had some.
"""

from contextlib import contextmanager

from sqlalchemy import (
    Column, Date, Integer, MetaData, Table, and_, case, delete, func, insert, literal, or_, select, union_all, update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from models.tables import (
    Attendance, Participant, ProgrammeSession, Setting, SummaryMonthChange, YoungPeopleAttendance,
)
from models.vocab import DOING_WITH_RUNGS, LEADING_ROLES, YOUNG_PERSON

PAUSED = "young_people_attendance_paused"  # the key the triggers look for (migration 0006)
INSERTS_PAUSED = "summary_inserts_paused"  # and the summary's own insert triggers (migrations 0015, 0016)
A, S, P = Attendance.__table__, ProgrammeSession.__table__, Participant.__table__
Y = YoungPeopleAttendance.__table__
SETTINGS = Setting.__table__
CHANGES = SummaryMonthChange.__table__
# The previous record's date in each sense: (column, only attended records, which of those count
# (column, values; None: all), the young person's records within the same values of these columns).
PREVIOUS = (("previous_on", False, None, ()), ("previous_attended_on", True, None, ()),
            ("previous_in_mode_on", False, None, ("mode",)), ("previous_attended_in_mode_on", True, None, ("mode",)),
            ("previous_attended_in_programme_on", True, None, ("programme_id",)),
            ("previous_led_on", True, ("role_in_session", LEADING_ROLES), ()),
            ("previous_doing_with_on", True, ("ladder_rung", DOING_WITH_RUNGS), ()))
WORKED_FROM = ("date", "session_id", "participant_id", "attended", "mode", "programme_id", "role_in_session",
               "ladder_rung")  # the columns the previous dates are worked out from
POINTERS = tuple(name for name, *_ in PREVIOUS)
COPIED = tuple(c.name for c in Y.columns if c.name not in POINTERS)  # what the summary copies in
KEY = ("date", "session_id", "participant_id")
RECOMPUTE_CHUNK = 5_000  # young people per statement when their dates are worked out again


def summary_rows(where, *joins):
    """The summary's copied columns for the attendance records `where` picks (young people's
    only); `joins`: (table, ON clause) pairs to join to the records, for columns of their own."""
    sources = {**{c.name: c for c in S.columns}, **{c.name: c for c in P.columns}, **{c.name: c for c in A.columns}}
    records = A.join(S, S.c.id == A.c.session_id).join(P, P.c.id == A.c.participant_id)
    for table, on in joins:
        records = records.join(table, on)
    return select(*(sources[name] for name in COPIED)).select_from(records).where(P.c.role == YOUNG_PERSON, where)


def _records(where):
    """What the previous dates are worked out from (`WORKED_FROM`), for the attendance records `where` picks."""
    sources = {**{c.name: c for c in S.columns}, **{c.name: c for c in A.columns}}
    return (select(*(sources[name] for name in WORKED_FROM))
            .select_from(A.join(S, S.c.id == A.c.session_id).join(P, P.c.id == A.c.participant_id))
            .where(P.c.role == YOUNG_PERSON, where))


def previous_dates(rows) -> list:
    """The `PREVIOUS` columns over `rows` (a subquery with the `WORKED_FROM` columns), as window
    functions over each young person's records in date and session order."""
    columns = []
    for name, attended_only, counted, within in PREVIOUS:
        person = [rows.c.participant_id, *(rows.c[column] for column in within)]
        order = [rows.c.date, rows.c.session_id]
        if attended_only:
            counts = rows.c.attended.is_(True)
            if counted:
                counts = and_(counts, rows.c[counted[0]].in_(counted[1]))
            value = func.max(case((counts, rows.c.date))).over(partition_by=person, order_by=order, rows=(None, -1))
        else:
            value = func.lag(rows.c.date).over(partition_by=person, order_by=order)
        columns.append(value.label(name))
    return columns


@contextmanager
def attendance_added_in_bulk(conn: Connection):
    """Inside the caller's transaction: attendance records added in the block get their summary
    rows in bulk at its end (records changed or removed are still handled by triggers)."""
    if conn.dialect.name == "postgresql":  # SQLite has one writer at a time already
        conn.exec_driver_sql("LOCK TABLE attendance IN SHARE ROW EXCLUSIVE MODE")  # readers go on
    before = conn.execute(select(func.coalesce(func.max(A.c.id), 0))).scalar_one()
    conn.execute(insert(SETTINGS).values(key=PAUSED, value="true"))
    yield
    conn.execute(delete(SETTINGS).where(SETTINGS.c.key == PAUSED))
    # Holding the table's write lock, every record above `before` was added by this transaction.
    added_people = select(A.c.participant_id).where(A.c.id > before)
    had_rows = conn.execute(select(Y.c.participant_id).distinct()
                            .where(Y.c.participant_id.in_(added_people))).scalars().all()
    # The new rows' previous dates go to a temporary table first, worked out from the few columns
    # they need: carrying every copied column through the window functions' sorts took SQLite
    # twice as long (docs/decisions.md, 24).
    new = _records(A.c.id > before).add_columns(literal(1).label("new"))
    old = select(*(Y.c[name] for name in WORKED_FROM), literal(0).label("new")) \
        .where(Y.c.participant_id.in_(added_people))
    rows = (union_all(new, old) if had_rows else new).subquery()
    dated = select(rows.c.session_id, rows.c.participant_id, rows.c.new, *previous_dates(rows)).subquery()
    dates = _previous_dates_table()
    dates.create(conn)
    conn.execute(insert(dates).from_select(
        ["session_id", "participant_id", *POINTERS],
        select(dated.c.session_id, dated.c.participant_id, *(dated.c[name] for name in POINTERS))
        .where(dated.c.new == 1)))
    # In the key's (date-first) order: PostgreSQL keeps a table's rows where they were written, so
    # a period's rows then lie together on disk (docs/decisions.md, 24); SQLite appends to its key.
    rows = summary_rows(A.c.id > before, (dates, (dates.c.session_id == A.c.session_id)
                                          & (dates.c.participant_id == A.c.participant_id)))
    # The summary's own insert triggers only for rows this one statement adds: rows the block's
    # updates wrote again (by the triggers of attendance and sessions) have had theirs.
    conn.execute(insert(SETTINGS).values(key=INSERTS_PAUSED, value="true"))
    conn.execute(insert(Y).from_select([*COPIED, *POINTERS], rows.add_columns(*(dates.c[name] for name in POINTERS))
                                       .order_by(S.c.date, A.c.session_id, A.c.participant_id)))
    dates.drop(conn)
    conn.execute(delete(SETTINGS).where(SETTINGS.c.key == INSERTS_PAUSED))
    _count_months(conn, select(S.c.date).select_from(A.join(S, S.c.id == A.c.session_id))
                  .where(A.c.id > before).distinct())
    for start in range(0, len(had_rows), RECOMPUTE_CHUNK):
        previous_dates_again(conn, had_rows[start:start + RECOMPUTE_CHUNK])


def _count_months(conn: Connection, dates) -> None:
    """One more change for each month of the dates `dates` (a query) gives, as the summary's
    triggers count them (models.tables.SummaryMonthChange), and like them whatever another
    writer counts meanwhile."""
    found = sorted({day.replace(day=1) for day in conn.execute(dates).scalars()})
    if not found:
        return
    adding = (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(CHANGES)
    conn.execute(adding.values([{"month": month, "changes": 1} for month in found])
                 .on_conflict_do_update(index_elements=[CHANGES.c.month], set_={"changes": CHANGES.c.changes + 1}))


def _previous_dates_table() -> Table:
    """A temporary table (this connection's alone) of the new summary rows' previous dates, by key:
    young person first, the order the window functions give their rows in (written in key order,
    SQLite filled it in three quarters of the time)."""
    return Table("summary_previous_dates", MetaData(),
                 Column("participant_id", Integer, primary_key=True), Column("session_id", Integer, primary_key=True),
                 *(Column(name, Date) for name in POINTERS), prefixes=["TEMPORARY"], sqlite_with_rowid=False)


def previous_dates_again(conn: Connection, people: list[int]) -> None:
    """Work out the `PREVIOUS` dates of every summary row of the young people `people` again,
    writing only the rows whose dates changed."""
    rows = select(Y).where(Y.c.participant_id.in_(people)).subquery()
    dated = select(*(rows.c[name] for name in KEY), *previous_dates(rows)).subquery()
    changed = [Y.c[name].is_distinct_from(dated.c[name]) for name in POINTERS]
    conn.execute(update(Y)
                 .where(*(Y.c[name] == dated.c[name] for name in KEY), or_(*changed))
                 .values({name: dated.c[name] for name in POINTERS}))
