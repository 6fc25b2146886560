import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from models.store import open_store  # noqa: E402


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
