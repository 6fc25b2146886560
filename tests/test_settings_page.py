"""Settings through the app: saved values reach the measures; bad values change nothing."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from models.audit import recent
from models.schema import open_store
from models.settings import get_setting, set_setting
from tests import small_org
from tests.apptest_helpers import add_role_accounts, sign_in_as

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def settings_page(store_url, monkeypatch):
    engine = open_store(store_url)
    small_org.build(engine)
    add_role_accounts(engine)
    monkeypatch.setenv("DATABASE_URL", store_url)
    at = sign_in_as(AppTest.from_file(APP, default_timeout=60), "admin").run()
    return engine, at.switch_page("pages/settings.py").run()


def number_input(at: AppTest, label_start: str):
    return next(n for n in at.number_input if n.label.startswith(label_start))


def test_saving_k_and_the_label_changes_what_everyone_sees(settings_page):
    engine, at = settings_page
    number_input(at, "Hide figures behind fewer than").set_value(3)
    at.selectbox[-1].set_value("youth voice")
    next(b for b in at.button if b.label == "Save settings").click().run()
    assert not at.exception
    assert any("Saved" in s.value for s in at.success)
    assert get_setting(engine, "suppression_k") == 3
    assert get_setting(engine, "work_label") == "youth voice"
    assert "settings changed" in set(recent(engine)["action"])
    overview = at.switch_page("pages/overview.py").run()
    assert "Youth voice health" in [t.value for t in overview.title]


def test_amber_above_green_is_refused_and_nothing_changes(settings_page):
    engine, at = settings_page
    number_input(at, "Amber from").set_value(80)
    number_input(at, "Hide figures behind fewer than").set_value(3)
    next(b for b in at.button if b.label == "Save settings").click().run()
    assert any("Nothing saved" in e.value and "amber (80)" in e.value for e in at.error)
    assert get_setting(engine, "health_thresholds") == {"green": 70, "amber": 50}
    assert get_setting(engine, "suppression_k") == 5


def test_the_address_for_rating_links_is_saved_and_a_bad_one_refused(settings_page):
    engine, at = settings_page
    at.text_input[0].input("dashboard.example.org")
    next(b for b in at.button if b.label == "Save settings").click().run()
    assert any("Nothing saved" in e.value and "https://" in e.value for e in at.error)
    assert get_setting(engine, "public_url") == ""
    at.text_input[0].input("https://dashboard.example.org/")
    next(b for b in at.button if b.label == "Save settings").click().run()
    assert get_setting(engine, "public_url") == "https://dashboard.example.org"


def test_the_representation_alert_threshold_is_saved_and_an_older_store_gets_its_default(settings_page):
    engine, at = settings_page
    field = number_input(at, "A group leads less often than it takes part")
    assert field.value == 0.8                                   # the default
    field.set_value(0.7)
    next(b for b in at.button if b.label == "Save settings").click().run()
    assert not at.exception
    assert get_setting(engine, "alert_thresholds") == {"principle_mean_below": 3.0, "gap_above": 0.5,
                                                       "active_drop_share": 0.25, "representation_ratio_below": 0.7}
    # Thresholds saved before this one existed: the page and the alerts read its default.
    set_setting(engine, "alert_thresholds", {"principle_mean_below": 3.5, "gap_above": 0.5, "active_drop_share": 0.2})
    assert get_setting(engine, "alert_thresholds")["representation_ratio_below"] == 0.8
    fresh = sign_in_as(AppTest.from_file(APP, default_timeout=60), "admin").run().switch_page("pages/settings.py").run()
    assert not fresh.exception
    assert number_input(fresh, "A group leads less often than it takes part").value == 0.8
    assert number_input(fresh, "A principle rated below").value == 3.5
