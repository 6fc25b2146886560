"""Each page of the dashboard, as a head of innovation opens it: charts drawn, no error."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import CHART, demo_account, settle, sign_in

pytestmark = pytest.mark.browser
CHART_PAGES = {
    "overview": "Co-production health",
    "engagement": "Engagement",
    "representation": "Who gets to lead",
    "skills": "Skills gained",
    "principles": "Principles and the ladder",
    "you_said_we_did": "You said, we did",
}


@pytest.fixture(scope="module")
def admin_page(app_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(app_server)
    sign_in(page, *demo_account(app_server, "demo-admin"))
    yield page
    context.close()


@pytest.mark.parametrize("url_path", list(CHART_PAGES))
def test_each_page_draws_its_charts(app_server, admin_page, artifacts_dir, url_path):
    page = admin_page
    page.goto(f"{app_server}/{url_path}")
    expect(page.get_by_role("heading", name=CHART_PAGES[url_path], exact=True)).to_be_visible(timeout=60_000)
    page.wait_for_selector(CHART, timeout=60_000)
    settle(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert page.locator(CHART).count() >= 1
    page.screenshot(path=str(artifacts_dir / f"page-{url_path}.png"))
