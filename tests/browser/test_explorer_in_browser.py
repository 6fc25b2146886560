"""The forum explorer in real Chromium: pick a measure and a split, click a bar and then a point to
look inside them, open the copied link in a new tab and see the same view; presentation mode for
the projector (screenshot: test-artifacts/explorer-presentation.png). The figures are protected
(staff forum audience); their values are checked in tests/test_explorer*.py."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import CHART, demo_account, settle, sign_in

pytestmark = pytest.mark.browser
BARS = f"{CHART} g.mark-rect path"


def choose(page: Page, label: str, option: str) -> None:
    page.get_by_test_id("stSelectbox").filter(has_text=label).first.click()
    page.get_by_role("option", name=option, exact=True).click()
    settle(page)


def what_is_shown(page: Page) -> dict:
    """The words a person reads: the chart's title, the sentence, what it covers, the marks' labels."""
    page.wait_for_selector(CHART, timeout=60_000)
    settle(page)
    return {
        "title": page.locator(".st-key-explorer-panel h3").first.inner_text(),
        "sentence": page.locator(".st-key-explorer-sentence").inner_text(),
        "scope": page.locator(".st-key-explorer-scope").inner_text(),
        "marks": sorted(page.locator(f"{CHART} path[aria-label]").evaluate_all(
            "nodes => nodes.map(n => n.getAttribute('aria-label'))")),
    }


def test_pick_click_copy_the_link_and_present(app_server, page: Page, artifacts_dir):
    page.goto(f"{app_server}/explorer")
    sign_in(page, *demo_account(app_server, "demo-staff"))
    expect(page.get_by_role("heading", name="Forum explorer")).to_be_visible(timeout=60_000)
    page.wait_for_selector(CHART, timeout=60_000)
    settle(page)

    choose(page, "Measure", "Attendance rate")
    choose(page, "Split by", "Mode")
    expect(page.locator(".st-key-explorer-panel h3").first).to_have_text("Attendance rate by mode")
    expect(page.locator(".st-key-explorer-definition, [data-testid='stAlertContentInfo']").filter(
        has_text="of the young people expected at sessions, the share who came").first).to_be_visible()
    # The forum explorer shows protected figures, whoever uses it, and says so.
    expect(page.locator(".st-key-explorer-controls")).to_contain_text("Figures about young people are protected")
    page.wait_for_selector(BARS)
    page.screenshot(path=str(artifacts_dir / "explorer.png"))

    # A click on the "In person" bar looks inside it: only in-person sessions, month by month.
    page.locator(f'{BARS}[aria-label^="In person."]').click()
    expect(page.locator(".st-key-explorer-panel h3").first).to_have_text("Attendance rate by month", timeout=30_000)
    settle(page)
    expect(page).to_have_url(re.compile(r"mode=In\+person"))
    expect(page).to_have_url(re.compile(r"split=Month"))
    expect(page.locator(".st-key-explorer-scope")).to_contain_text("Mode: In person")
    assert len(what_is_shown(page)["marks"]) >= 6

    # A click on a month's point looks inside that month, programme by programme. (The points are
    # found by their nearest-point layer, which takes the click: hence force.)
    page.locator(f'{CHART} g.mark-symbol path[aria-label]').nth(2).click(force=True)
    expect(page.locator(".st-key-explorer-panel h3").first).to_have_text("Attendance rate by programme",
                                                                          timeout=30_000)
    settle(page)
    expect(page).to_have_url(re.compile(r"when=[A-Z][a-z]{2}\+20\d\d"))
    before = what_is_shown(page)
    assert re.match(r"1 [A-Z][a-z]{2} 20\d\d to [23]\d [A-Z][a-z]{2} 20\d\d · Mode: In person", before["scope"])

    # The copied link, opened in a new tab, shows exactly the same view.
    link = page.url
    copy = page.context.new_page()
    copy.goto(link)
    expect(copy.locator(".st-key-explorer-panel h3").first).to_have_text("Attendance rate by programme",
                                                                          timeout=60_000)
    assert what_is_shown(copy) == before

    # Presentation mode: only the chart and what it says, large; no sidebar, no controls.
    copy.goto(link + "&present=true")
    copy.wait_for_selector(CHART, timeout=60_000)
    settle(copy)
    expect(copy.get_by_test_id("stSidebar")).to_be_hidden()
    expect(copy.get_by_role("heading", name="Forum explorer")).to_be_hidden()
    expect(copy.locator(".st-key-explorer-sentence")).to_have_text(before["sentence"])
    size = copy.locator(".st-key-explorer-sentence p").evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
    assert size >= 36
    copy.screenshot(path=str(artifacts_dir / "explorer-presentation.png"))
