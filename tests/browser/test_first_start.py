"""First start on a fresh store: demo data and demo accounts, said so, then charts."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import CHART, demo_account, settle, sign_in

pytestmark = pytest.mark.browser


def test_first_start_shows_demo_accounts_then_demo_data_charts(app_server, page, artifacts_dir):
    page.goto(app_server)
    expect(page.locator("body")).to_contain_text("Demo accounts", timeout=60_000)
    admin = demo_account(app_server, "demo-admin")  # random for this installation
    # This browser is on the server's machine (127.0.0.1): the sign-in page shows the passwords.
    expect(page.locator("body")).to_contain_text(admin[1])
    settle(page)
    page.screenshot(path=str(artifacts_dir / "sign_in.png"))
    assert page.locator(CHART).count() == 0   # nothing before signing in

    sign_in(page, *admin)
    page.wait_for_selector(CHART, timeout=60_000)
    expect(page.locator("body")).to_contain_text(re.compile("demo data", re.IGNORECASE))
    settle(page)
    page.screenshot(path=str(artifacts_dir / "first_start.png"))
