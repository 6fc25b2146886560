"""The dashboard with the keyboard alone: Tab, Shift+Tab, Enter, Space and the arrow keys, no mouse.

An admin signs in, opens "Show the numbers" under a chart and downloads its CSV, goes through every
page of the menu (in its sections, with no "View more" to open), and saves a change on the
Settings page. Nothing is clicked: a step presses Tab (or Shift+Tab) until the control it wants
has the focus, then Enter, Space or an arrow key.

The module runs a server of its own on a store holding the demo organisation's records as the
organisation's own, with a real admin account (no demo accounts), so that the save is real and
can be read back from the store. Screenshots: test-artifacts/keyboard-*.png."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from auth.accounts import create
from components.registry import PAGES, SECTIONS
from data.demo.organisation import load_demo
from models.db import engine_for
from models.schema import open_store
from models.settings import get_setting, set_setting
from tests.browser.conftest import running_app
from tests.browser.helpers import settle, sign_in_form_shown

pytestmark = pytest.mark.browser
ADMIN = "keyboard-admin"
PASSWORD = "an admin who uses no mouse"
WAIT = 60_000
MOST_PRESSES = 150  # more than the focus stops of the longest page
ADMIN_MENU = [spec for spec in PAGES if "admin" in spec.roles and spec.section]  # the registry's order


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(base URL, the store's URL): a server on the demo organisation's records as real data."""
    folder = tmp_path_factory.mktemp("keyboard_server")
    engine = open_store(f"sqlite:///{folder / 'browser.db'}")  # the path `running_app` serves
    load_demo(engine)
    set_setting(engine, "demo_data", False)
    create(engine, ADMIN, "admin", PASSWORD, actor="test")
    engine.dispose()
    with running_app(folder) as (base_url, env):
        yield base_url, env["DATABASE_URL"]


@pytest.fixture(scope="module")
def store(served):
    """The server's store, read only to check what the Settings page saved."""
    engine = engine_for(served[1])
    yield engine
    engine.dispose()


def has_focus(target: Locator) -> bool:
    return target.evaluate("element => element === document.activeElement")


def tab_to(page: Page, target: Locator, key: str = "Tab") -> None:
    """Press Tab (Shift+Tab with key="Shift+Tab") until `target` has the keyboard's focus."""
    expect(target).to_be_visible(timeout=WAIT)
    for _ in range(MOST_PRESSES):
        if has_focus(target):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{MOST_PRESSES} presses of {key} never reached {target}")


def choose_with_arrows(page: Page, combobox: Locator, option: str) -> None:
    """With the focus on `combobox`: open its list with ArrowDown, move down to `option` (the one
    its aria-activedescendant names), Enter."""
    page.keyboard.press("ArrowDown")
    wanted = page.get_by_role("option", name=option, exact=True)
    expect(wanted).to_be_visible(timeout=WAIT)
    for _ in range(10):
        if combobox.get_attribute("aria-activedescendant") == wanted.get_attribute("id"):
            page.keyboard.press("Enter")
            expect(wanted).to_be_hidden(timeout=WAIT)
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"ArrowDown never reached the option '{option}'")


def menu_link(page: Page, title: str) -> Locator:
    # The link's text is its icon's name and its title: match the title alone, exactly.
    return page.locator(".st-key-menu").get_by_role("link").filter(has=page.get_by_text(title, exact=True))


def page_heading(page: Page, title: str) -> Locator:
    return page.get_by_role("heading", name=title, exact=True, level=1)


def on_page(page: Page, spec) -> None:
    expect(page_heading(page, spec.title)).to_be_visible(timeout=WAIT)
    expect(page).to_have_url(re.compile(rf"/{spec.url_path}(\?|$)"))
    settle(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_an_admin_uses_the_dashboard_with_the_keyboard_alone(served, store, page: Page, artifacts_dir):
    base_url, _ = served
    page.goto(base_url)
    sign_in_form_shown(page)
    settle(page)

    # Sign in: type into the form, then Enter on Login.
    tab_to(page, page.get_by_role("textbox", name="Username"))
    page.keyboard.type(ADMIN)
    page.keyboard.press("Tab")
    expect(page.get_by_role("textbox", name="Password")).to_be_focused()
    page.keyboard.type(PASSWORD)
    tab_to(page, page.get_by_role("button", name="Login"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible(timeout=WAIT)
    overview = ADMIN_MENU[0]
    on_page(page, overview)

    # The menu: every section there, every page in view, nothing folded behind "View more".
    menu = page.locator(".st-key-menu")
    for section in SECTIONS:
        expect(menu.get_by_text(section, exact=True)).to_be_visible()
    expect(page.get_by_text("View more")).to_have_count(0)
    for spec in ADMIN_MENU:
        expect(menu_link(page, spec.title)).to_be_visible()

    # A chart's numbers: open "Show the numbers" with Enter, download the CSV with Space.
    numbers = page.get_by_test_id("stExpander").filter(has_text="Show the numbers").first
    tab_to(page, numbers.locator("summary"))
    page.keyboard.press("Enter")
    expect(numbers.get_by_test_id("stDataFrame")).to_be_visible(timeout=WAIT)
    page.screenshot(path=str(artifacts_dir / "keyboard-show-the-numbers.png"))
    csv_button = page.get_by_role("button", name="Data (CSV, protected figures)").first
    tab_to(page, csv_button)
    with page.expect_download(timeout=WAIT) as download:
        page.keyboard.press("Space")
    assert download.value.suggested_filename.endswith(".csv")
    with open(download.value.path(), encoding="utf-8-sig") as csv:
        assert csv.readline().strip()  # a header row

    # Every page of the menu, in order: Tab to its link, Enter.
    for spec in ADMIN_MENU[1:]:
        link = menu_link(page, spec.title)
        tab_to(page, link)
        page.keyboard.press("Enter")
        on_page(page, spec)
    page.screenshot(path=str(artifacts_dir / "keyboard-last-page.png"))

    # Back up the menu to Settings with Shift+Tab; change two settings and save them.
    settings = next(spec for spec in ADMIN_MENU if spec.page_id == "settings")
    tab_to(page, menu_link(page, settings.title), key="Shift+Tab")
    page.keyboard.press("Enter")
    on_page(page, settings)
    k_before = get_setting(store, "suppression_k")
    label_before = get_setting(store, "work_label")
    tab_to(page, page.get_by_label("Hide figures behind fewer than this many young people (k)", exact=True))
    page.keyboard.press("ArrowUp")
    words = page.get_by_role("combobox", name="What we call this work")
    tab_to(page, words)
    choose_with_arrows(page, words, "participation")
    expect(words).to_have_value("participation")
    tab_to(page, page.get_by_role("button", name="Save settings"))
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("Saved: suppression k, work label.",
                                                                          timeout=WAIT)
    settle(page)
    page.screenshot(path=str(artifacts_dir / "keyboard-settings-saved.png"))
    assert get_setting(store, "suppression_k") == k_before + 1
    assert (label_before, get_setting(store, "work_label")) == ("co-production", "participation")
