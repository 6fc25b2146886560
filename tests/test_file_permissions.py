"""The store, SQLite's -wal and -shm beside it and every backup are owner-only (mode 0600): they
hold children's data."""

import os
import sqlite3
import stat

import pytest
from sqlalchemy import text

from models.db import make_engine
from models.schema import open_store
from tests import small_org
from tests.test_cli import manage


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def open_umask():
    """A umask that lets everyone read new files (022), as on many servers: the store must not rely
    on a strict one."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def test_a_new_store_and_its_wal_and_shm_are_owner_only(tmp_path, open_umask):
    path = tmp_path / "new.db"
    engine = open_store(f"sqlite:///{path}")
    with engine.begin() as conn:  # a write, with the connection still open: -wal and -shm are there
        conn.execute(text("UPDATE settings SET value = value"))
        wal, shm = path.with_name("new.db-wal"), path.with_name("new.db-shm")
        assert wal.exists() and shm.exists()
        assert {p.name: mode(p) for p in (path, wal, shm)} == {"new.db": 0o600, "new.db-wal": 0o600,
                                                               "new.db-shm": 0o600}


def test_a_store_made_readable_by_others_becomes_owner_only_when_opened(tmp_path, open_umask):
    path = tmp_path / "old.db"
    url = f"sqlite:///{path}"
    older = sqlite3.connect(path)  # a store from before, as SQLite makes one: 0644
    older.execute("PRAGMA journal_mode=WAL")
    older.execute("CREATE TABLE t (x)")
    older.execute("INSERT INTO t VALUES (1)")
    older.commit()  # still open, so its -wal stays
    wal = path.with_name("old.db-wal")
    os.chmod(path, 0o644)
    os.chmod(wal, 0o644)
    assert mode(path) == 0o644
    open_store(url)
    assert mode(path) == 0o600 and mode(wal) == 0o600
    older.close()


def test_a_new_engine_on_an_existing_store_sets_owner_only(tmp_path, open_umask):
    path = tmp_path / "store.db"
    sqlite3.connect(path).close()
    os.chmod(path, 0o664)
    make_engine(f"sqlite:///{path}").dispose()  # as a new process (or migrations) would open it
    assert mode(path) == 0o600


def test_other_databases_and_memory_are_left_alone(tmp_path):
    from models.db import secure_sqlite_files
    secure_sqlite_files("sqlite://")
    secure_sqlite_files("sqlite:///:memory:")
    secure_sqlite_files("postgresql://someone@localhost/youth")
    assert list(tmp_path.iterdir()) == []


def test_backup_writes_an_owner_only_copy_and_says_where(tmp_path, store_url, open_umask):
    small_org.build(open_store(store_url))
    target = tmp_path / "copy.db"
    result = manage(store_url, "backup", str(target))  # its own process, with the umask of 022
    assert result.returncode == 0, result.stderr
    assert mode(target) == 0o600
    assert f"to {target.resolve()} (permissions 0600, owner only)." in result.stdout
    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copy.close()
    assert mode(target) == 0o600
    for side in ("copy.db-wal", "copy.db-shm", "copy.db-journal"):  # if opening the copy made any
        if (tmp_path / side).exists():
            assert mode(tmp_path / side) == 0o600
