"""Large loads into empty tables: each table's indexes and foreign keys made once over all its
rows, rather than kept up to date row by row (docs/decisions.md, the importer's fast path).

Row by row, every new row goes into each secondary index at a scattered place and, on
PostgreSQL, runs one query per foreign key (about 15 µs each: most of a large import). For a
table that is empty before the import and gets at least BULK_ROWS rows, within the import's own
transaction:

- SQLite: its secondary indexes (not unique ones, which check the rows as they come) are
  dropped, and created again from their own SQL after the load; so are insert triggers whose work
  the importer does itself (the attendance summary, models/summaries.py);
- PostgreSQL: the table is locked (a reader of it waits for the commit; a lock not granted within
  LOCK_WAIT leaves the import on the row-by-row path); its foreign keys and secondary indexes
  (not unique ones) are dropped, then added again after the load, each foreign key checking every
  row in one query; the same insert triggers are disabled meanwhile (not the one counting the
  table's changes, once per statement: models/table_changes.py), and what they keep in
  `row_counts` (counts per key, zero rows, the table's total) counted again afterwards, over every
  row (models/row_counts.py: recount).

A refused or killed import rolls all of it back with the rows: the schema is as it was."""

import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Table, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from models.row_counts import recount
from models.table_changes import TRIGGER as CHANGES_TRIGGER

BULK_ROWS = 10_000
LOCK_WAIT = "2s"
_INSERT_TRIGGER = re.compile(r'\s*CREATE\s+(TEMP\w*\s+)?TRIGGER\s+(IF\s+NOT\s+EXISTS\s+)?("[^"]*"|\S+)\s+'
                             r'((BEFORE|AFTER|INSTEAD\s+OF)\s+)?INSERT\s+ON\s', re.IGNORECASE)


@dataclass
class _SetAside:
    """What was taken off the tables, to be put back as it was, in this order."""

    indexes: list[str] = field(default_factory=list)  # statements that create them again
    foreign_keys: list[str] = field(default_factory=list)  # statements that add them again
    triggers: list[str] = field(default_factory=list)  # statements that enable them again
    tables: list[str] = field(default_factory=list)  # the tables loaded in bulk


@contextmanager
def loading_in_bulk(conn: Connection, tables: list[Table], triggers_done_here: tuple[str, ...] = ()):
    """For the block: the `tables` that are empty have their checks and indexes set aside, and
    get them back at its end (all of them checking every row then); yields the names of those
    tables. `triggers_done_here`: tables whose insert triggers the caller does the work of. On an
    error in the block nothing is put back: the caller's transaction is rolled back, and the
    schema with it."""
    empty = [table for table in dict.fromkeys(tables) if _empty(conn, table)]
    if not empty:
        yield frozenset()
        return
    if conn.dialect.name == "sqlite":
        aside = _sqlite_set_aside(conn, empty, triggers_done_here)
    elif conn.dialect.name == "postgresql":
        aside = _postgres_set_aside(conn, empty, triggers_done_here)
    else:
        aside = _SetAside()
    yield frozenset(aside.tables)
    for statement in (*aside.indexes, *aside.foreign_keys, *aside.triggers):
        conn.exec_driver_sql(statement)
    for table in empty:  # their counting triggers were off as well (PostgreSQL): counted once, over every row,
        # totals too; a table whose insert triggers stayed on has its counts and total kept by them
        if table.name in aside.tables and table.name in triggers_done_here:
            recount(conn, table)


def _empty(conn: Connection, table: Table) -> bool:
    return conn.execute(select(1).select_from(table).limit(1)).first() is None


def _sqlite_set_aside(conn: Connection, tables: list[Table], triggers_done_here: tuple[str, ...]) -> _SetAside:
    # Python's sqlite3 opens a transaction only before an INSERT, UPDATE or DELETE: without one
    # open, each DROP would be committed at once, whatever became of the import.
    if not conn.connection.driver_connection.in_transaction:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    aside = _SetAside(tables=[table.name for table in tables])
    for table in tables:
        if table.name in triggers_done_here:  # SQLite cannot disable a trigger: it is dropped, then made again
            for name, sql in conn.exec_driver_sql(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table.name,)).all():
                if _INSERT_TRIGGER.match(sql):
                    conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
                    aside.triggers.append(sql)
        # Unique indexes stay: they check the rows as they come, and the importer looks codes up.
        # Those of constraints have no SQL of their own (sqlite_autoindex_...).
        for name, sql in conn.exec_driver_sql(
                "SELECT m.name, m.sql FROM sqlite_master m JOIN pragma_index_list(m.tbl_name) i ON i.name = m.name "
                "WHERE m.type = 'index' AND m.tbl_name = ? AND m.sql IS NOT NULL AND NOT i.\"unique\"",
                (table.name,)).all():
            conn.exec_driver_sql(f'DROP INDEX "{name}"')
            aside.indexes.append(sql)
    return aside


def _postgres_set_aside(conn: Connection, tables: list[Table], triggers_done_here: tuple[str, ...]) -> _SetAside:
    """All in a savepoint: a lock not granted within LOCK_WAIT (a page may be reading a table), or
    a change the database refuses (say, the import's role does not own a table), undoes it all and
    leaves the import on the row-by-row path."""
    names = ", ".join(conn.dialect.identifier_preparer.format_table(table) for table in tables)
    before = conn.exec_driver_sql("SHOW lock_timeout").scalar()
    aside = _SetAside()
    try:
        with conn.begin_nested():
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{LOCK_WAIT}'")
            conn.exec_driver_sql(f"LOCK TABLE {names} IN ACCESS EXCLUSIVE MODE")  # readers wait for the commit
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{before}'")
            for table in tables:
                if _empty(conn, table):  # still: rows may have come in before the lock was granted
                    _postgres_table_set_aside(conn, table, table.name in triggers_done_here, aside)
    except DBAPIError:
        return _SetAside()
    return aside


def _postgres_table_set_aside(conn: Connection, table: Table, triggers_done_here: bool, aside: _SetAside) -> None:
    aside.tables.append(table.name)
    name = conn.dialect.identifier_preparer.format_table(table)
    for constraint, definition in conn.exec_driver_sql(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %(t)s::regclass AND contype = 'f' ORDER BY conname", {"t": name}).all():
        conn.exec_driver_sql(f'ALTER TABLE {name} DROP CONSTRAINT "{constraint}"')
        aside.foreign_keys.append(f'ALTER TABLE {name} ADD CONSTRAINT "{constraint}" {definition}')
    for index, definition in conn.exec_driver_sql(
            "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = %(t)s::regclass AND NOT i.indisunique "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) "
            "ORDER BY c.relname", {"t": name}).all():
        conn.exec_driver_sql(f'DROP INDEX "{index}"')
        aside.indexes.append(definition)
    if triggers_done_here:
        for (trigger,) in conn.exec_driver_sql(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %(t)s::regclass AND NOT tgisinternal "
                "AND tgenabled = 'O' AND tgtype & 4 <> 0 AND tgname <> %(kept)s ORDER BY tgname",  # 4: INSERT
                {"t": name, "kept": CHANGES_TRIGGER}).all():
            conn.exec_driver_sql(f'ALTER TABLE {name} DISABLE TRIGGER "{trigger}"')
            aside.triggers.append(f'ALTER TABLE {name} ENABLE TRIGGER "{trigger}"')
