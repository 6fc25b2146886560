"""Opening the store: create or upgrade the schema (Alembic), then make sure the built-in
frameworks, skills and ladder exist. Safe to call on every start."""

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, select
from sqlalchemy.engine import Engine

from models.builtins import seed_builtins
from models.db import PROJECT_ROOT, database_url, engine_for, secure_sqlite_files
from models.tables import Participant, Programme

HEAD = "head"


def alembic_config() -> Config:
    return Config(str(PROJECT_ROOT / "alembic.ini"))


def upgrade_schema(engine: Engine, revision: str = HEAD) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def open_store(url: str | None = None) -> Engine:
    """The engine for `url` (default: DATABASE_URL or data/coproduction.db), schema at head. A
    SQLite store's files are made owner-only (mode 0600) on every opening: models.db."""
    url = url or database_url()
    secure_sqlite_files(url)
    engine = engine_for(url)
    upgrade_schema(engine)
    seed_builtins(engine)
    return engine


def head_revision() -> str:
    """The newest migration's revision id."""
    from alembic.script import ScriptDirectory
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def schema_revision(engine: Engine) -> str | None:
    if not inspect(engine).has_table("alembic_version"):
        return None
    with engine.connect() as conn:
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def holds_records(engine: Engine) -> bool:
    """True when any programme or participant exists (demo or real)."""
    with engine.connect() as conn:
        return any(conn.execute(select(t.id).limit(1)).first() for t in (Programme, Participant))
