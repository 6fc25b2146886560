"""Where the store lives and how to connect to it (SQLite by default, PostgreSQL by URL)."""

import logging
import os
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlmodel import create_engine

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "data" / "coproduction.db"
BUSY_TIMEOUT_MS = 10_000
# The store holds children's data: its file, SQLite's -wal and -shm beside it and every backup
# are readable and writable by their owner only.
OWNER_ONLY = 0o600
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")

log = logging.getLogger(__name__)


def database_url() -> str:
    """`DATABASE_URL` when set, else the SQLite file under data/."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE_PATH}"


def _tune_sqlite(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@contextmanager
def larger_page_cache(conn: Connection, mebibytes: int = 64):
    """On SQLite, a page cache of `mebibytes` for this connection while the block runs, then
    the one it had. A large write touches index pages all over a big store; with SQLite's
    default 2 MB it read many of them twice (an import of 100,000 rows into a store at scale L
    took 2.4 s instead of 2.1 s). Nothing on other databases."""
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{mebibytes * 1024}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(before)}")


def sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names; None for an in-memory store, a `file:` URI or another database."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:" \
            or database.startswith("file:"):
        return None
    return Path(database)


def create_owner_only(path: Path, flags: int = os.O_RDWR) -> None:
    """Create `path` with mode 0600 from the start (never readable by others, not even for a
    moment); FileExistsError when it is there already."""
    descriptor = os.open(path, flags | os.O_CREAT | os.O_EXCL, OWNER_ONLY)
    try:
        os.fchmod(descriptor, OWNER_ONLY)  # whatever the umask took away
    finally:
        os.close(descriptor)


def secure_sqlite_files(url: str) -> None:
    """For a SQLite store: create its file with mode 0600 before SQLite opens it, or set 0600 on
    the file and its -wal, -shm and -journal when they exist already (a store from before, made
    0644). SQLite gives the -wal and -shm files it creates the database file's permissions, so
    they are owner-only too. Nothing for PostgreSQL or an in-memory store."""
    path = sqlite_file(url)
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        create_owner_only(path)
    except FileExistsError:
        pass
    for name in (path, *(path.with_name(path.name + suffix) for suffix in SQLITE_SIDE_FILES)):
        try:
            os.chmod(name, OWNER_ONLY)
        except FileNotFoundError:
            pass
        except OSError as problem:  # e.g. a file owned by someone else: say so, but still open the store
            log.warning("Could not make %s owner-only (mode 0600): %s", name, problem.strerror)


POSTGRES_OPTIONS = "-c work_mem=32MB -c random_page_cost=1.1 -c jit=off"


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        secure_sqlite_files(url)
        engine = create_engine(url, connect_args={"check_same_thread": False,
                                                  "timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _tune_sqlite)
        return engine
    # Sorts of a year's rows at scale spilled to disk with the default 4 MB, and with the default
    # random_page_cost the planner scanned the whole summary rather than its date-first key
    # (docs/decisions.md, 22). JIT compiling cost a page's largest queries more than it saved:
    # they run for tenths of a second (decisions.md, 29). Per connection, so nothing needs
    # changing on the server.
    # connect_args would replace options given in the URL (e.g. a search_path): keep both.
    given = make_url(url).query.get("options")
    given = " ".join(given) if isinstance(given, tuple) else given
    options = f"{given} {POSTGRES_OPTIONS}" if given else POSTGRES_OPTIONS
    return create_engine(url, pool_pre_ping=True, connect_args={"options": options})


@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    """One engine per URL and process (keyed on the URL so tests never share a store)."""
    return make_engine(url)
