"""Sign-in as a person meets it: deep links, reloads, forbidden pages, revoked cookies."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import CHART, COOKIE_NAME, demo_account, settle, sign_in, sign_in_form_shown

pytestmark = pytest.mark.browser
STAFF = "demo-staff"  # its password is random per installation: read from the store (demo_account)


def heading(page, text):
    return page.get_by_role("heading", name=text)


def test_a_deep_link_before_sign_in_shows_the_form_then_lands_on_the_page(app_server, page, artifacts_dir):
    page.goto(f"{app_server}/you_said_we_did")
    sign_in_form_shown(page)
    settle(page)
    assert page.locator(CHART).count() == 0 and page.get_by_test_id("stDataFrame").count() == 0

    sign_in(page, *demo_account(app_server, STAFF))
    expect(heading(page, "You said, we did")).to_be_visible(timeout=30_000)
    assert page.url.endswith("/you_said_we_did")

    page.reload()  # the cookie signs the person in again, on the same page
    expect(heading(page, "You said, we did")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("textbox", name="Username")).to_have_count(0)
    settle(page)
    page.screenshot(path=str(artifacts_dir / "you_said_we_did.png"))


def test_a_deep_link_to_a_forbidden_page_shows_no_data(app_server, page, artifacts_dir):
    page.goto(app_server)
    sign_in(page, *demo_account(app_server, STAFF))
    page.wait_for_selector(CHART, timeout=60_000)
    page.goto(f"{app_server}/users")
    expect(page.locator("body")).to_contain_text("not available to your role", timeout=30_000)
    settle(page)
    expect(page.locator("body")).not_to_contain_text("demo-trustee")   # no user list
    assert page.get_by_test_id("stDataFrame").count() == 0
    page.screenshot(path=str(artifacts_dir / "forbidden.png"))


def test_a_cookie_copied_before_sign_out_no_longer_signs_in(app_server, browser, page):
    page.goto(app_server)
    sign_in(page, *demo_account(app_server, STAFF))
    page.wait_for_selector(CHART, timeout=60_000)
    settle(page)
    copied = [c for c in page.context.cookies() if c["name"] == COOKIE_NAME]
    assert copied, "the sign-in cookie was not written"

    # Control: while signed in, the copied cookie does sign a new browser in.
    other = browser.new_context(viewport={"width": 1280, "height": 900})
    other.add_cookies(copied)
    other_page = other.new_page()
    other_page.goto(app_server)
    other_page.wait_for_selector(CHART, timeout=60_000)
    other.close()

    page.get_by_role("button", name="Sign out").click()
    sign_in_form_shown(page)

    replay = browser.new_context(viewport={"width": 1280, "height": 900})
    replay.add_cookies(copied)
    replay_page = replay.new_page()
    replay_page.goto(app_server)
    sign_in_form_shown(replay_page)
    settle(replay_page)
    assert replay_page.locator(CHART).count() == 0
    replay.close()
