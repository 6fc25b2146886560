"""The organisation's own word for the work (Settings: co-production, participation, youth voice)
reaches every page: switched to "youth voice", no page says "co-production" any more, except as
the name of the ladder's top rung (a rung of the ladder model, not the organisation's word)."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from components.registry import PAGES
from models.schema import open_store
from models.settings import set_setting
from tests import small_org
from tests.apptest_helpers import APP_PATH, add_role_accounts, sign_in_as

# The ladder's rungs and the model's name keep their own words.
RUNG_NAMES = re.compile(r"ladder of co-production|co-design and co-production|'?co-production'? rung|"
                        r"\bCo-production\b(?= \(rung| rung)", re.I)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('label')}/store.db"
    engine = open_store(url)
    small_org.build(engine)
    add_role_accounts(engine)
    set_setting(engine, "work_label", "youth voice")
    return url


def _texts(at: AppTest) -> list[str]:
    found = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success", "error",
                 "metric", "text", "expander", "toggle", "selectbox", "radio", "page_link"):
        for element in at.get(kind):
            for attr in ("value", "label", "body", "help"):
                value = getattr(element, attr, None)
                if isinstance(value, str):
                    found.append(value)
    return found


@pytest.mark.parametrize("spec", [s for s in PAGES if s.page_id != "home"], ids=lambda s: s.page_id)
def test_no_page_says_co_production_when_the_organisation_calls_it_youth_voice(store, monkeypatch, spec):
    monkeypatch.setenv("DATABASE_URL", store)
    at = sign_in_as(AppTest.from_file(APP_PATH, default_timeout=60), "admin")
    at.query_params.update({"period": "Custom dates", "from": "2024-01-01", "to": "2024-03-31"})
    at.switch_page(spec.path).run()
    assert not at.exception
    stray = [text for text in _texts(at) if "co-production" in RUNG_NAMES.sub("", text).lower()]
    assert stray == []
