"""One store copied, every table of it, into another that is empty: how an organisation moves
from SQLite to PostgreSQL, or between any two stores (`manage.py copy-store`,
docs/moving-to-postgresql.md). Turns a source engine and a target URL into a filled target and a
`CopyReport`, or into `CopyRefused` (nothing was changed) or `CopyFailed` (all rolled back).

The target is first given the project's migrations (models.schema.open_store), so its schema
revision, triggers and indexes are those of any other store. Then, in ONE transaction on it:

1. the built-in frameworks, skills and ladder every new store starts with are deleted, for the
   source's own rows (renamed or not) to replace them; any other row refuses the copy;
2. every table is copied parents first with its primary keys, streamed in chunks of CHUNK rows
   from one read snapshot of the source;
3. the tables kept by triggers (the young people's attendance summary, the skill pairs) are not
   copied but rebuilt from the attendance and evaluations copied, their insert triggers paused
   meanwhile so no row is counted twice (models.summaries.attendance_added_in_bulk,
   models.skill_pairs.evaluations_added_in_bulk; docs/decisions.md: never write to the summary);
4. on PostgreSQL, every id sequence is moved past the highest id copied;
5. the rows of every table (but the working tables of `NOT_COPIED`) are counted on both sides,
   and every figure of `measures_json` (admin, no filters, the whole span of the data) is worked
   out on both sides and compared;
6. one audit entry says where the store came from.

Only then does it commit. The figures are checked inside the transaction, before the commit,
rather than after it: the measures ask an engine for connections, and are handed the one
connection that holds the uncommitted copy (`_OneConnection`). So a failed check, like any
error, rolls the whole copy back and leaves the target as empty as it was (its schema stays, and
a later copy reuses it).
"""

import math
import threading
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from alembic.util import CommandError
from sqlalchemy import Integer, delete, func, insert, inspect, select, table
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlmodel import SQLModel

from measures.audiences import ADMIN
from measures.filters import Filters, Period
from measures.formatting import count, plural
from measures.report import measures_json
from models.audit import record
from models.builtins import seed_builtins
from models.clock import utcnow
from models.db import engine_for, larger_page_cache, make_engine, sqlite_file
from models.schema import open_store, schema_revision, upgrade_schema
from models.skill_pairs import evaluations_added_in_bulk
from models.summaries import attendance_added_in_bulk
from models.tables import (
    Evaluation, FeedbackItem, MonthFigure, PrincipleRating, ProgrammeSession, RowCount, SkillFirstPre, SkillPair,
    SummaryMonthChange, TableChange, YoungPeopleAttendance,
)

CHUNK = 5_000
COPIED = "store copied"  # the audit entry's action
VERSION_TABLE = "alembic_version"  # left as the migrations set it
# Tables kept by triggers, rebuilt rather than copied, and what each is rebuilt from.
KEPT_BY_TRIGGERS = {YoungPeopleAttendance.__table__: "attendance", SkillPair.__table__: "evaluations",
                    SkillFirstPre.__table__: "evaluations"}
# Working tables, neither copied nor compared, and why (docs/decisions.md, "Figures kept by month").
NOT_COPIED = {MonthFigure.__table__: "a cache, filled again as pages are viewed",
              SummaryMonthChange.__table__: "counted again as the attendance summary is rebuilt",
              RowCount.__table__: "counted again by triggers as the records go in (PostgreSQL only)",
              TableChange.__table__: "counted again by triggers as the records go in (PostgreSQL only)"}
TABLES = tuple(SQLModel.metadata.sorted_tables)  # parents first
COMPARED = tuple(each for each in TABLES if each not in NOT_COPIED)
# Where the data's span is read from: every dated record the measures count.
DATED = (ProgrammeSession.__table__.c.date, Evaluation.__table__.c.completed_on,
         PrincipleRating.__table__.c.rated_on, FeedbackItem.__table__.c.raised_on)
TOLERANCE = 1e-9  # floats summed in another order, by another database, may differ in the last digits
EMPTY_MEANS = ("an empty store: a new database, or one holding only the built-in frameworks, skills and ladder "
               "every store starts with")


class CopyRefused(Exception):
    """The copy cannot start (the target holds data, is the source itself, cannot be reached);
    nothing was changed. The message says why, naming the store without its password."""


class CopyFailed(Exception):
    """The copy went wrong or a check after it failed; its transaction was rolled back."""


@dataclass(frozen=True)
class CopyReport:
    source: str  # URLs as shown: without passwords
    target: str
    revision: str
    rows: dict[str, int]  # table -> rows, parents first (the same on both sides, checked)
    period: Period  # the span whose figures were found identical


def shown(url: URL | str) -> str:
    """A store's URL as it may be printed or logged: without its password."""
    return make_url(url).render_as_string(hide_password=True)


def copy_store(source: Engine, target_url: str, actor: str) -> CopyReport:
    """Copy every table of `source` (at the newest schema revision: open_store) into the store at
    `target_url`, which must be empty; `actor` is who the target's audit entry names."""
    where = _target_address(target_url)
    if same_store(source.url, where):
        raise CopyRefused(f"{shown(where)} is the store being copied; name another store to copy it to.")
    with _reached(target_url).connect() as conn:  # before the migrations: a refusal changes nothing
        _refuse_unless_empty(conn, where)
    target = _migrated(target_url)
    revision = schema_revision(source)
    if schema_revision(target) != revision:
        raise CopyRefused(f"{shown(where)} is at schema revision {schema_revision(target)}, the store being "
                          f"copied at {revision}.")
    try:
        with source.connect() as reading, target.begin() as writing, larger_page_cache(writing):
            _one_snapshot(reading)
            _refuse_unless_empty(writing, where)
            for each in reversed(TABLES):  # the built-in rows a new store starts with, children first
                writing.execute(delete(each))
            with attendance_added_in_bulk(writing), evaluations_added_in_bulk(writing):
                for each in COMPARED:
                    if each not in KEPT_BY_TRIGGERS:
                        _copy_rows(reading, writing, each)
            _restart_sequences(writing)
            rows = _same_counts(reading, writing)
            period = data_span(reading)
            _same_figures(reading, writing, period)
            record(writing, actor, COPIED, source=shown(source.url), tables=len(rows), rows=sum(rows.values()))
    except DBAPIError as problem:
        raise CopyFailed(f"{_first_line(problem.orig)}. The copy was rolled back: {shown(where)} holds "
                         "nothing of it.") from problem
    return CopyReport(shown(source.url), shown(where), revision, rows, period)


def same_store(first: URL, second: URL) -> bool:
    """Whether two URLs name the same store: the same SQLite file, or the same database on the
    same server (whoever signs in)."""
    if first.get_backend_name() != second.get_backend_name():
        return False
    if first.get_backend_name() == "sqlite":
        files = [sqlite_file(url.render_as_string(hide_password=False)) for url in (first, second)]
        if None in files:
            return first.database == second.database
        return _same_file(*files)
    return ((first.host or "localhost", first.port, first.database, sorted(first.query.items()))
            == (second.host or "localhost", second.port, second.database, sorted(second.query.items())))


def rows_beyond_new(conn: Connection) -> dict[str, int]:
    """Rows per table that a new store would not hold: every row of a table a new store leaves
    empty, and rows of the built-in frameworks, skills and ladder that differ from the ones it
    starts with. Works at any schema revision, or with no schema at all."""
    inspector = inspect(conn)
    beyond = {}
    for name in sorted(set(inspector.get_table_names()) - {VERSION_TABLE, *(each.name for each in NOT_COPIED)}):
        held = conn.execute(select(func.count()).select_from(table(name))).scalar_one()
        if held and name in new_store_rows() and name in SQLModel.metadata.tables:
            present = {column["name"] for column in inspector.get_columns(name)}
            held = _rows_not_new(conn, SQLModel.metadata.tables[name], present)
        if held:
            beyond[name] = held
    return beyond


@cache
def new_store_rows() -> dict[str, tuple[dict, ...]]:
    """Every row a new store starts with, by table: what open_store writes (the migrations, then
    the built-in frameworks, skills and ladder), worked out once in memory."""
    engine = make_engine("sqlite://")
    try:
        upgrade_schema(engine)
        seed_builtins(engine)
        with engine.connect() as conn:
            found = {each.name: tuple(dict(row) for row in conn.execute(select(each)).mappings()) for each in TABLES}
    finally:
        engine.dispose()
    return {name: rows for name, rows in found.items() if rows}


def data_span(conn: Connection) -> Period:
    """From the first to the last day anything is recorded on; today alone when nothing is."""
    days = [day for column in DATED for day in conn.execute(select(func.min(column), func.max(column))).one()
            if day is not None]
    today = utcnow().date()
    return Period(min(days), max(days)) if days else Period(today, today)


def figure_differences(source, target, path: str = "") -> list[str]:
    """The paths (e.g. "engagement.attendance_rate") at which two measures objects differ;
    numbers are equal within TOLERANCE."""
    if isinstance(source, dict) and isinstance(target, dict):
        if source.keys() != target.keys():
            return [path or "(the figures' names)"]
        return [found for key in source for found in
                figure_differences(source[key], target[key], f"{path}.{key}" if path else str(key))]
    if isinstance(source, list | tuple) and isinstance(target, list | tuple):
        if len(source) != len(target):
            return [path]
        return [found for i, pair in enumerate(zip(source, target, strict=True)) for found in
                figure_differences(*pair, f"{path}[{i}]")]
    if _number(source) and _number(target):
        return [] if math.isclose(float(source), float(target), rel_tol=TOLERANCE, abs_tol=TOLERANCE) else [path]
    return [] if source == target else [path]


def _target_address(target_url: str) -> URL:
    try:
        return make_url(target_url)
    except ArgumentError:
        raise CopyRefused("the target is not a database URL (for PostgreSQL: "
                          "postgresql+psycopg://USER:PASSWORD@HOST:PORT/DATABASE).") from None


def _reached(target_url: str) -> Engine:
    """The target's engine, once it has answered."""
    try:
        engine = engine_for(target_url)
        with engine.connect():
            return engine
    except (NoSuchModuleError, ModuleNotFoundError) as problem:
        raise CopyRefused(f"cannot open {shown(target_url)}: {problem} (for PostgreSQL write "
                          "postgresql+psycopg://...).") from None
    except DBAPIError as problem:
        raise CopyRefused(f"cannot reach {shown(target_url)}: {_first_line(problem.orig)}.") from None


def _migrated(target_url: str) -> Engine:
    try:
        return open_store(target_url)
    except CommandError as problem:  # e.g. a store made by a newer version of the dashboard
        raise CopyRefused(f"cannot bring {shown(target_url)} to this version's schema: {problem}.") from None
    except DBAPIError as problem:  # e.g. a role that may not create tables; the migrations' transaction rolled back
        raise CopyRefused(f"cannot create the tables in {shown(target_url)}: {_first_line(problem.orig)}.") from None


def _refuse_unless_empty(conn: Connection, where: URL) -> None:
    beyond = rows_beyond_new(conn)
    if beyond:
        held = ", ".join(f"{plural(n, 'row')} in {name}" for name, n in beyond.items())
        raise CopyRefused(f"{shown(where)} is not empty: it holds {held}. copy-store writes only into {EMPTY_MEANS}.")


def _rows_not_new(conn: Connection, model, present: set[str]) -> int:
    """Rows of a built-in table that a new store does not start with, compared on the columns that
    say what a row is: ids (and the foreign keys holding them) may differ from store to store."""
    columns = [column for column in model.columns if column.name in present and not column.foreign_keys
               and not (column.primary_key and column.name == "id")]
    held = Counter(tuple(row) for row in conn.execute(select(*columns)))
    new = Counter(tuple(row[column.name] for column in columns) for row in new_store_rows()[model.name])
    return sum((held - new).values())


def _one_snapshot(conn: Connection) -> None:
    """Before its first read: every read on `conn` sees the store as it was then, even if the
    dashboard writes meanwhile (SQLite in WAL mode keeps a read transaction's snapshot;
    PostgreSQL does under REPEATABLE READ)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN")
    elif conn.dialect.name == "postgresql":
        conn.execution_options(isolation_level="REPEATABLE READ")


def _copy_rows(reading: Connection, writing: Connection, each) -> None:
    """One table's rows in chunks of CHUNK, in primary-key order, never all in memory."""
    rows = reading.execute(select(each).order_by(*each.primary_key.columns).execution_options(yield_per=CHUNK))
    for chunk in rows.mappings().partitions():
        writing.execute(insert(each), [dict(row) for row in chunk])


def _restart_sequences(conn: Connection) -> None:
    """On PostgreSQL, the next id of every table past the highest copied (rows were written with
    their ids, which leaves the sequences where they were)."""
    if conn.dialect.name != "postgresql":
        return
    for each in TABLES:
        key = list(each.primary_key.columns)
        if len(key) != 1 or not isinstance(key[0].type, Integer):
            continue
        sequence = conn.execute(select(func.pg_get_serial_sequence(each.name, key[0].name))).scalar()
        if sequence:
            following = select(func.coalesce(func.max(key[0]), 0) + 1).scalar_subquery()
            conn.execute(select(func.setval(sequence, following, False)))


def _counts(conn: Connection) -> dict[str, int]:
    return {each.name: conn.execute(select(func.count()).select_from(each)).scalar_one() for each in COMPARED}


def _same_counts(reading: Connection, writing: Connection) -> dict[str, int]:
    source, target = _counts(reading), _counts(writing)
    unequal = [f"{name} ({count(n)} in the source, {count(target[name])} in the copy)"
               for name, n in source.items() if target[name] != n]
    if unequal:
        raise CopyFailed(f"the row counts differ: {', '.join(unequal)}. The copy was rolled back.")
    return source


def _same_figures(reading: Connection, writing: Connection, period: Period) -> None:
    source, target = (measures_json(_OneConnection(conn), period, Filters(), audience=ADMIN)
                      for conn in (reading, writing))
    unequal = figure_differences(source, target)
    if unequal:
        shown_paths = ", ".join(unequal[:10]) + (f" and {count(len(unequal) - 10)} more" if len(unequal) > 10 else "")
        raise CopyFailed(f"the figures differ between the source and the copy at {shown_paths}. "
                         "The copy was rolled back.")


class _OneConnection:
    """What the measures need of an engine, `connect()`, answered with one open connection (the
    copy's, before it commits). The measures run their parts on a thread pool
    (measures/parallel.py): a lock hands the connection to one part at a time."""

    def __init__(self, conn: Connection):
        self._conn = conn
        self._turn = threading.RLock()

    @contextmanager
    def connect(self):
        with self._turn:
            yield self._conn


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.samefile(second)
    except OSError:  # one of them does not exist yet
        return first.resolve() == second.resolve()


def _number(value) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _first_line(problem) -> str:
    return (str(problem).strip().splitlines() or ["the database refused"])[0].rstrip(".")
