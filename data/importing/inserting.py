"""New records (a column of values per store column) -> rows of a table, in the caller's
transaction, as fast as each database takes them (docs/decisions.md, the importer's fast path).

- SQLite: the INSERT compiled once and the rows handed to the driver's executemany as tuples,
  each column converted as SQLAlchemy would (dates to text), once per distinct value; for many
  rows, CHECK constraints tested once after the insert (`checks_after_insert`).
- PostgreSQL (psycopg 3): COPY into a temporary staging table, then one INSERT ... SELECT into the
  table, so the table's constraints and triggers check every row as any INSERT would; into a table
  loaded in bulk (data.importing.bulk_load), COPY straight into it. A few rows (a form's) go in as
  a plain INSERT: a staging table costs more than it saves for them.

Either way `added(rows added so far)` is told every CHUNK rows, and at the end."""

from collections.abc import Callable
from contextlib import contextmanager
from itertools import islice

from sqlalchemy import Column, Table, func, insert, inspect, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

CHUNK = 5000  # rows per executemany, and between two progress reports
COPY_CHUNK = 100_000  # rows per COPY and INSERT ... SELECT on PostgreSQL
COPY_FROM = 1000  # fewer new rows than this go in as a plain INSERT
CHECKS_AFTER_FROM = 5000  # SQLite: this many new rows or more have their CHECK constraints tested after
STAGE = "import_stage"


def insert_rows(conn: Connection, table: Table, columns: dict[str, list],
                added: Callable[[int], None] | None = None, loaded_in_bulk: bool = False) -> None:
    """`loaded_in_bulk`: the table is one data.importing.bulk_load set aside (empty before, locked)."""
    size = len(next(iter(columns.values()))) if columns else 0
    if not size:
        return
    columns = _with_defaults(table, columns, size)
    if conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg" and size >= COPY_FROM:
        _copied(conn, table, columns, size, added, straight=loaded_in_bulk)
    elif conn.dialect.name == "sqlite" and size >= CHECKS_AFTER_FROM and "id" in table.c:
        with checks_after_insert(conn, table, size):
            _executed(conn, table, columns, size, added)
    else:
        _executed(conn, table, columns, size, added)


@contextmanager
def checks_after_insert(conn: Connection, table: Table, size: int):
    """SQLite tests `col IN ('a', 'b')` of a CHECK constraint by building a table of the list for
    every row inserted (about 2 µs a row: a third of a large insert). For the block the CHECK
    constraints are off; then each is tested once over the rows the block added (those above the
    largest id before it: SQLite gives a new row the next id), and a row that breaks one raises
    IntegrityError, as its INSERT would have."""
    before = conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
    conn.exec_driver_sql("PRAGMA ignore_check_constraints = ON")
    try:
        yield
    finally:
        conn.exec_driver_sql("PRAGMA ignore_check_constraints = OFF")
    name = conn.dialect.identifier_preparer.format_table(table)
    added = f"id > {int(before)}"
    if conn.exec_driver_sql(f"SELECT count(*) FROM {name} WHERE {added}").scalar() != size:
        added = "1"  # ids were not handed out in order: every row is tested
    for check in inspect(conn).get_check_constraints(table.name):  # one pass each: each IN list built once
        if conn.exec_driver_sql(f"SELECT 1 FROM {name} WHERE {added} AND NOT ({check['sqltext']}) LIMIT 1").first():
            raise IntegrityError(f"CHECK ({check['sqltext']})", None,
                                 _CheckFailed(f"CHECK constraint failed: {check['name'] or check['sqltext']}"))


class _CheckFailed(Exception):
    """The reason SQLite gives for a CHECK constraint broken by an INSERT."""


def _with_defaults(table: Table, columns: dict[str, list], size: int) -> dict[str, list]:
    """The columns, and the table's own scalar default for each column they leave out."""
    missing = {column.name: [column.default.arg] * size for column in table.columns
               if column.name not in columns and column.default is not None and column.default.is_scalar}
    return {**columns, **missing} if missing else columns


def _executed(conn: Connection, table: Table, columns: dict[str, list], size: int,
              added: Callable[[int], None] | None) -> None:
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=list(columns))
    if not compiled.positional:  # a driver with named parameters: SQLAlchemy builds the rows
        names = list(columns)
        rows = (dict(zip(names, values, strict=True)) for values in zip(*columns.values(), strict=True))
        write = lambda part: conn.execute(insert(table), part)  # noqa: E731
    else:
        sql = str(compiled)
        rows = zip(*(_bound(conn, table.c[key], columns[key]) for key in compiled.positiontup), strict=True)
        write = lambda part: conn.exec_driver_sql(sql, part)  # noqa: E731
    done = 0
    while done < size:
        part = list(islice(rows, CHUNK))
        write(part)
        done += len(part)
        if added:
            added(done)


def _bound(conn: Connection, column: Column, values: list) -> list:
    """`values` as the driver takes them: the column type's own conversion, once per distinct value."""
    processor = column.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
    if processor is None:
        return values
    converted = {value: processor(value) for value in set(values) if value is not None}
    converted[None] = None
    return list(map(converted.__getitem__, values))


def _copied(conn: Connection, table: Table, columns: dict[str, list], size: int,
            added: Callable[[int], None] | None, straight: bool) -> None:
    """COPY into a staging table made for this insert (gone at commit or rollback), then
    INSERT ... SELECT from it, COPY_CHUNK rows at a time. `straight`: COPY into the table itself,
    as fast again (it is empty and locked, and its foreign keys check every row after the load:
    data.importing.bulk_load); the table's constraints check the rows all the same."""
    quote = conn.dialect.identifier_preparer.quote
    target = conn.dialect.identifier_preparer.format_table(table)
    names = ", ".join(quote(name) for name in columns)
    if not straight:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {STAGE}")
        conn.exec_driver_sql(f"CREATE TEMPORARY TABLE {STAGE} ON COMMIT DROP AS "
                             f"SELECT {names} FROM {target} WITH NO DATA")
    copy_sql = f"COPY {target if straight else STAGE} ({names}) FROM STDIN"
    cursor = conn.connection.driver_connection.cursor()
    rows = zip(*columns.values(), strict=True)
    done = 0
    try:
        while done < size:
            part = list(islice(rows, COPY_CHUNK))
            with cursor.copy(copy_sql) as copy:
                for row in part:
                    copy.write_row(row)
            if not straight:
                conn.exec_driver_sql(f"INSERT INTO {target} ({names}) SELECT {names} FROM {STAGE}")
                conn.exec_driver_sql(f"TRUNCATE {STAGE}")
            done += len(part)
            if added:
                added(done)
    except conn.dialect.loaded_dbapi.IntegrityError as error:  # as SQLAlchemy reports it for a statement of its own
        raise IntegrityError(copy_sql, None, error) from error
    finally:
        cursor.close()
    if not straight:
        conn.exec_driver_sql(f"DROP TABLE {STAGE}")
