"""How many rows the large tables hold, in all and per key, without counting them each time.

On PostgreSQL, triggers keep `row_counts` (migration 0017): for each value of a key of
attendance, evaluations and principle ratings, how many rows hold it. Counting ten million
attendance rows there took 0.5-0.9 s, and finding the participants on no register (one look-up
of each in them) 1.2 s; read from the kept counts they take a few hundredths. SQLite counts as
fast by itself, and keeps nothing: the same functions count the rows there
(docs/decisions.md, "Row counts kept on PostgreSQL").

A key whose rows are all gone keeps its row, with n = 0; every session and participant has a
row for its attendance from the start.

The totals of the large tables (`TOTALLED`) are kept there too (migration 0020): `counted` the
table's name, a row per writing transaction (`key`: its id modulo 2^31 - 1) with the net rows it
added, so writers never wait on each other's row; key 0 holds what was counted at once (by the
upgrade, after a bulk load). A total is the sum of its table's rows; at ten million attendance
rows, counting the 510,000 participants took 0.03-0.06 s, summing every session's count 0.04 s.
"""

from sqlalchemy import (
    Column, ColumnElement, Integer, Table, and_, any_, cast, delete, exists, func, insert, literal, literal_column,
    select, union_all, update,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection

from models.tables import RowCount

COUNTS = RowCount.__table__
# table: the keys counted
COUNTED = {"attendance": ("session_id", "participant_id"), "evaluations": ("skill_id",),
           "principle_ratings": ("principle_id",)}
# Keys with a row for every row they point at, 0 while nothing does (migration 0017): table -> key.
ZERO_ROWS = {"sessions": "attendance.session_id", "participants": "attendance.participant_id"}
EVERY_ROW = tuple(ZERO_ROWS.values())
# Tables with a total, `counted` = the name (migration 0020); programmes and feedback are few, and counted.
TOTALLED = frozenset(("attendance", "evaluations", "principle_ratings", "sessions", "participants"))


def kept(dialect_name: str) -> bool:
    return dialect_name == "postgresql"


def _name(column: Column) -> str | None:
    """The `counted` value of a counted key column, else None."""
    return f"{column.table.name}.{column.name}" if column.name in COUNTED.get(column.table.name, ()) else None


def rows_held(conn: Connection, table: Table) -> int:
    """How many rows `table` holds."""
    if kept(conn.dialect.name) and table.name in TOTALLED:
        return int(conn.execute(select(func.coalesce(func.sum(COUNTS.c.n), 0))
                                .where(COUNTS.c.counted == table.name)).scalar_one())
    return conn.execute(select(func.count()).select_from(table)).scalar_one()


def rows_with(dialect_name: str, column: Column, key: ColumnElement):
    """A scalar subquery: how many rows of `column`'s table have `column` = `key` (a column of the
    outer query, usually)."""
    name = _name(column)
    if kept(dialect_name) and name:
        return (select(func.coalesce(func.sum(COUNTS.c.n), 0))
                .where(COUNTS.c.counted == name, COUNTS.c.key == key).scalar_subquery())
    return select(func.count()).where(column == key).scalar_subquery()


def rows_under(dialect_name: str, column: Column, parent: Column, *where: ColumnElement):
    """A scalar subquery: how many rows of `column`'s table point (by `column`) at a row of
    `parent`'s table that meets `where`: the ratings of a framework's principles, say."""
    name = _name(column)
    if kept(dialect_name) and name:
        return (select(func.coalesce(func.sum(COUNTS.c.n), 0))
                .select_from(COUNTS.join(parent.table, and_(COUNTS.c.counted == name, COUNTS.c.key == parent)))
                .where(*where).scalar_subquery())
    return (select(func.count()).select_from(column.table.join(parent.table, column == parent))
            .where(*where).scalar_subquery())


def has_rows(dialect_name: str, column: Column, key: ColumnElement):
    """An EXISTS: at least one row of `column`'s table has `column` = `key`."""
    name = _name(column)
    if kept(dialect_name) and name:
        return exists().where(COUNTS.c.counted == name, COUNTS.c.key == key, COUNTS.c.n > 0)
    return exists().where(column == key)


def has_no_rows(dialect_name: str, column: Column, key: ColumnElement):
    """The opposite of `has_rows`. On PostgreSQL, for a key with a row for every row it points at
    (`EVERY_ROW`), the keys at 0 are one range of the partial index ix_row_counts_none (the 0
    written into the SQL, not bound, for the planner to see the index fits). They are gathered
    first, into one array: given `key IN (...)` with a LIMIT, the planner walked every
    participant in code order instead, looking each up (0.4 s at scale XL, against 0.06 s)."""
    name = _name(column)
    if kept(dialect_name) and name in EVERY_ROW:
        keys = select(func.array_agg(COUNTS.c.key)).where(COUNTS.c.counted == name, COUNTS.c.n == literal_column("0"))
        integers = postgresql.ARRAY(Integer)  # cast: one array, not a set of them; empty, not NULL, for no keys
        return key == any_(func.coalesce(cast(keys.scalar_subquery(), integers), cast(postgresql.array([]), integers)))
    return ~has_rows(dialect_name, column, key)


def recount(conn: Connection, table: Table) -> None:
    """Counts what the triggers keep of `table`'s rows again, from scratch: for a load into an
    empty table, locked, that had its insert triggers off (data/importing/bulk_load.py). Its keys'
    counts, the zero rows of sessions and participants, its total (in key 0). Nothing to do on
    SQLite."""
    if not kept(conn.dialect.name):
        return
    if table.name in COUNTED:
        columns = [table.c[name] for name in COUNTED[table.name]]
        conn.execute(update(COUNTS).where(COUNTS.c.counted.in_([_name(column) for column in columns])).values(n=0))
        grouped = union_all(*(select(literal(_name(column)).label("counted"), column.label("key"),
                                     func.count().label("n")).group_by(column) for column in columns)).subquery()
        counts = postgresql.insert(COUNTS).from_select(["counted", "key", "n"], select(grouped))
        conn.execute(counts.on_conflict_do_update(index_elements=["counted", "key"], set_={"n": counts.excluded.n}))
    if table.name in ZERO_ROWS:
        zero = select(literal(ZERO_ROWS[table.name]), table.c.id, literal(0))
        conn.execute(postgresql.insert(COUNTS).from_select(["counted", "key", "n"], zero).on_conflict_do_nothing())
    if table.name in TOTALLED:
        conn.execute(delete(COUNTS).where(COUNTS.c.counted == table.name))
        total = select(literal(table.name), literal(0), func.count()).select_from(table)
        conn.execute(insert(COUNTS).from_select(["counted", "key", "n"], total))
