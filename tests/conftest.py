import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from models.schema import open_store  # noqa: E402


@pytest.fixture(autouse=True)
def cookie_key_file(tmp_path, monkeypatch) -> Path:
    """The generated sign-in cookie key goes to the test's own folder, never into the repository
    (auth/cookie_key.py would otherwise write .streamlit/cookie_key beside the app)."""
    path = tmp_path / "cookie_key"
    monkeypatch.setenv("COPROD_COOKIE_KEY_FILE", str(path))
    return path


@pytest.fixture
def store_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path}/store.db"


@pytest.fixture
def engine(store_url):
    return open_store(store_url)


@pytest.fixture
def small_org(engine):
    from tests import small_org as fixture
    fixture.build(engine)
    return engine


POSTGRES_URL_VARIABLE = "TEST_POSTGRES_URL"
DROP_ALL_TABLES = """
DO $$ DECLARE t record; BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
    EXECUTE 'DROP TABLE IF EXISTS public.' || quote_ident(t.tablename) || ' CASCADE';
  END LOOP;
END $$;
"""


@pytest.fixture(params=["sqlite", "postgresql"])
def any_engine(request, tmp_path):
    """A fresh store on SQLite, and again on PostgreSQL when TEST_POSTGRES_URL is set
    (scripts/test.sh sets it up): the measures must give the same figures on both."""
    if request.param == "sqlite":
        return open_store(f"sqlite:///{tmp_path}/store.db")
    return fresh_postgres_store()


def fresh_postgres_store(reason: str = "not set"):
    """An empty store at TEST_POSTGRES_URL, every table of the test before dropped; skips the
    test when the variable is not set."""
    import os
    url = os.environ.get(POSTGRES_URL_VARIABLE)
    if not url:
        pytest.skip(f"{POSTGRES_URL_VARIABLE} {reason}")
    from models.db import engine_for
    with engine_for(url).begin() as conn:
        conn.exec_driver_sql(DROP_ALL_TABLES)
    return open_store(url)


@pytest.fixture
def small_org_any(any_engine):
    from tests import small_org as fixture
    fixture.build(any_engine)
    return any_engine


@pytest.fixture
def small_org_app(store_url, monkeypatch):
    """The small organisation with one account per role, as the app's store (DATABASE_URL)."""
    from tests import small_org as fixture
    from tests.apptest_helpers import add_role_accounts
    engine = open_store(store_url)
    fixture.build(engine)
    add_role_accounts(engine)
    monkeypatch.setenv("DATABASE_URL", store_url)
    return engine


@pytest.fixture
def small_org_url(store_url):
    """The small organisation with one account per role (tests/apptest_helpers.py), by URL."""
    from tests import small_org as fixture
    from tests.apptest_helpers import add_role_accounts
    engine = open_store(store_url)
    fixture.build(engine)
    add_role_accounts(engine)
    return store_url
