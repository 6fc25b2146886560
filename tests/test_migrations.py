"""The store is created and upgraded by Alembic, and an older store keeps its rows."""

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.exc import DBAPIError
from sqlmodel import SQLModel

from models.db import make_engine
from models.schema import head_revision, open_store, schema_revision, upgrade_schema


def test_store_from_the_oldest_migration_upgrades_and_keeps_its_rows(tmp_path):
    url = f"sqlite:///{tmp_path}/old.db"
    old = make_engine(url)
    upgrade_schema(old, "0001")
    assert schema_revision(old) == "0001"
    with old.begin() as conn:
        conn.exec_driver_sql("INSERT INTO programmes (code, name) VALUES ('P1', 'Podcast')")
        conn.exec_driver_sql("INSERT INTO participants (code, role, consent_data_use) VALUES ('Y1', 'young_person', 1)")
    old.dispose()

    engine = open_store(url)
    assert schema_revision(engine) == head_revision()
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT code, name FROM programmes").all() == [("P1", "Podcast")]
        assert conn.exec_driver_sql("SELECT code FROM participants").scalars().all() == ["Y1"]
        assert conn.exec_driver_sql("SELECT count(*) FROM users").scalar() == 0   # added by 0002


def test_migrations_build_exactly_the_models(any_engine):
    postgres = any_engine.dialect.name == "postgresql"

    def built_here(item, name, type_, reflected, compare_to):  # models.tables.postgresql_only
        return postgres or not (type_ == "index" and item.info.get("postgresql_only"))
    with any_engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"include_object": built_here}),
                                SQLModel.metadata)
    assert diff == []


def test_opening_twice_changes_nothing_and_seeds_builtins_once(store_url, engine):
    again = open_store(store_url)
    with again.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM ladder_rungs").scalar() == 7
        assert conn.exec_driver_sql("SELECT count(*) FROM skills").scalar() == 8
        assert conn.exec_driver_sql("SELECT count(*) FROM frameworks").scalar() == 3
        assert conn.exec_driver_sql("SELECT count(*) FROM principles").scalar() == 12


def test_builtin_renames_survive_a_restart(store_url, engine):
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE skills SET name = 'Speaking up' WHERE code = 'sharing_opinion'")
    again = open_store(store_url)
    with again.connect() as conn:
        assert conn.exec_driver_sql("SELECT name FROM skills WHERE code = 'sharing_opinion'").scalar() == "Speaking up"


def test_sqlite_store_runs_in_wal_mode_with_foreign_keys(tmp_path, store_url, engine):
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    raw = sqlite3.connect(tmp_path / "store.db")
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    raw.close()


def test_0009_adds_the_session_version_with_0_for_existing_accounts(tmp_path):
    url = f"sqlite:///{tmp_path}/accounts.db"
    old = make_engine(url)
    upgrade_schema(old, "0008")
    with old.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO users (username, display_name, role, password_hash, active, is_demo, created_at)"
            " VALUES ('alice', 'Alice', 'staff', 'x', 1, 0, '2026-11-01 09:00:00.000000')")
    old.dispose()

    engine = open_store(url)
    assert schema_revision(engine) == head_revision() >= "0009"
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT username, session_version FROM users").all() == [("alice", 0)]
    from auth.accounts import get_account, revoke_sessions
    assert get_account(engine, "alice").session_version == 0
    revoke_sessions(engine, "alice", actor="alice")
    assert get_account(engine, "alice").session_version == 1


def test_a_migration_that_fails_halfway_leaves_the_store_as_it_was(any_engine):
    """On SQLite too: Python's sqlite3 would commit each CREATE TABLE at once (migrations/env.py).
    Here migration 0014 creates its two tables, then fails on an index name already taken."""
    from sqlalchemy import inspect, text

    from tests.store_helpers import downgrade_to
    downgrade_to(any_engine, "0013")
    with any_engine.begin() as conn:
        conn.execute(text("CREATE INDEX ix_skill_first_pres_key ON skills (code)"))  # in 0014's way
    with pytest.raises(DBAPIError, match="ix_skill_first_pres_key"):
        upgrade_schema(any_engine)
    assert schema_revision(any_engine) == "0013"
    assert not {"skill_pairs", "skill_first_pres"} & set(inspect(any_engine).get_table_names())
    with any_engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_skill_first_pres_key"))
    upgrade_schema(any_engine)  # the next try goes through
    assert schema_revision(any_engine) == head_revision()
