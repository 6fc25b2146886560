"""First start on a fresh store: the app creates demo data, says so, and draws charts."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CHART = '[data-testid="stVegaLiteChart"] svg.marks'


def test_first_start_shows_demo_data_charts(app_server, page, artifacts_dir):
    page.goto(app_server)
    page.wait_for_selector(CHART, timeout=60_000)
    assert page.locator(CHART).count() >= 1

    expect(page.locator("body")).to_contain_text(re.compile("demo data", re.IGNORECASE), timeout=30_000)
    # Let the script run finish before the screenshot (the status widget shows "Running...").
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=30_000)

    page.screenshot(path=str(artifacts_dir / "first_start.png"))
