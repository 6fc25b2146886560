"""How many rows the large tables hold, in all and per key, without counting them each time.

On PostgreSQL, triggers keep `row_counts` (migration 0017): for each value of a key of
attendance, evaluations and principle ratings, how many rows hold it. Counting ten million
attendance rows there took 0.5-0.9 s, and finding the participants on no register (one look-up
of each in them) 1.2 s; read from the kept counts they take a few hundredths. SQLite counts as
fast by itself, and keeps nothing: the same functions count the rows there
(docs/decisions.md, "Row counts kept on PostgreSQL").

A key whose rows are all gone keeps its row, with n = 0; every session and participant has a
row for its attendance from the start.
"""

from sqlalchemy import (
    Column, ColumnElement, Integer, Table, and_, any_, cast, exists, func, literal, literal_column, select, union_all,
    update,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection

from models.tables import RowCount

COUNTS = RowCount.__table__
# table: the keys counted; the first one is summed for the table's total
COUNTED = {"attendance": ("session_id", "participant_id"), "evaluations": ("skill_id",),
           "principle_ratings": ("principle_id",)}
# Keys with a row for every row they point at, 0 while nothing does (migration 0017).
EVERY_ROW = ("attendance.session_id", "attendance.participant_id")


def kept(dialect_name: str) -> bool:
    return dialect_name == "postgresql"


def _name(column: Column) -> str | None:
    """The `counted` value of a counted key column, else None."""
    return f"{column.table.name}.{column.name}" if column.name in COUNTED.get(column.table.name, ()) else None


def rows_held(conn: Connection, table: Table) -> int:
    """How many rows `table` holds."""
    if kept(conn.dialect.name) and table.name in COUNTED:
        first = table.c[COUNTED[table.name][0]]
        return int(conn.execute(select(func.coalesce(func.sum(COUNTS.c.n), 0))
                                .where(COUNTS.c.counted == _name(first))).scalar_one())
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
    """Counts `table`'s rows again, from scratch: for a load that had the table's triggers off
    (data/importing/bulk_load.py). Nothing to do on SQLite."""
    if not kept(conn.dialect.name) or table.name not in COUNTED:
        return
    columns = [table.c[name] for name in COUNTED[table.name]]
    conn.execute(update(COUNTS).where(COUNTS.c.counted.in_([_name(column) for column in columns])).values(n=0))
    grouped = union_all(*(select(literal(_name(column)).label("counted"), column.label("key"), func.count().label("n"))
                          .group_by(column) for column in columns)).subquery()
    counts = postgresql.insert(COUNTS).from_select(["counted", "key", "n"], select(grouped))
    conn.execute(counts.on_conflict_do_update(index_elements=["counted", "key"], set_={"n": counts.excluded.n}))
