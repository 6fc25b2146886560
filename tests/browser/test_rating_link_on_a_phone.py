"""A young person rates a session on a phone, from the link staff opened: no account, one tap
per question, one to send, a thank-you; in well under 30 seconds. At 320 px wide nothing
scrolls sideways and every answer is at least 44 px tall; nothing else of the app is reachable.
Screenshots: test-artifacts/rate-on-a-phone*.png."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect
from sqlalchemy import text

from data.rating_links.links import open_link
from models.db import engine_for
from models.schema import open_store
from tests import small_org
from tests.browser.conftest import running_app

pytestmark = pytest.mark.browser
WAIT = 30_000
ANSWERS = {"Space": "4: a lot", "Voice": "5: completely", "Audience": "3: some", "Influence": "2: a little"}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(base URL, store URL): a server on the small organisation's records (real data, no demo)."""
    folder = tmp_path_factory.mktemp("rating_server")
    engine = open_store(f"sqlite:///{folder / 'browser.db'}")  # the path `running_app` serves
    small_org.build(engine)
    engine.dispose()
    with running_app(folder) as (base_url, env):
        yield base_url, env["DATABASE_URL"]


@pytest.fixture
def link(served):
    engine = engine_for(served[1])
    opened = open_link(engine, "A", "staff-member")
    engine.dispose()
    return f"{served[0]}/?rate={opened.token}"


def drawn(page) -> None:
    """The page has no app header (so no status widget to wait on): wait for its last parts."""
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=WAIT)
    expect(page.get_by_role("button", name="Send my answers")).to_be_visible(timeout=WAIT)
    expect(page.get_by_test_id("stToolbar")).to_be_hidden(timeout=WAIT)


def _phone(browser, phone, **overrides):
    return browser.new_context(**{**phone, **overrides})


def test_a_young_person_rates_the_session_on_a_phone_in_under_30_seconds(browser, phone, served, link, artifacts_dir):
    context = _phone(browser, phone)
    page = context.new_page()
    try:
        started = time.monotonic()
        page.goto(link)
        expect(page.get_by_role("heading", name="How was this session?")).to_be_visible(timeout=WAIT)
        for principle, answer in ANSWERS.items():
            page.get_by_role("radiogroup", name=principle).get_by_text(answer, exact=True).tap()
        page.get_by_role("button", name="Send my answers").tap()
        expect(page.get_by_text("Your answers are saved")).to_be_visible(timeout=WAIT)
        took = time.monotonic() - started
        page.screenshot(path=str(artifacts_dir / "rate-on-a-phone-thanks.png"), full_page=True)
        assert took < 30, f"rating took {took:.0f} s"
        links = page.get_by_role("link").evaluate_all(  # "skip to main content" stays on the page
            "(all) => all.map(a => a.getAttribute('href')).filter(h => !h.startsWith('#'))")
        assert page.get_by_test_id("stSidebarNav").count() == 0 and links == [], links
    finally:
        context.close()
    engine = engine_for(served[1])
    with engine.connect() as conn:
        saved = conn.execute(text("SELECT p.name, r.score, r.rater_role FROM principle_ratings r JOIN principles p "
                                  "ON p.id = r.principle_id WHERE r.rating_code LIKE 'RL%' ORDER BY p.position")).all()
    engine.dispose()
    assert [tuple(row) for row in saved] == [("Space", 4, "young_person"), ("Voice", 5, "young_person"),
                                             ("Audience", 3, "young_person"), ("Influence", 2, "young_person")]


def test_at_320_px_nothing_scrolls_sideways_and_answers_are_big_enough_to_tap(browser, phone, link, artifacts_dir):
    context = _phone(browser, phone, viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        page.goto(link)
        expect(page.get_by_role("radiogroup", name="Voice")).to_be_visible(timeout=WAIT)
        drawn(page)
        page.screenshot(path=str(artifacts_dir / "rate-on-a-phone.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        heights = page.get_by_role("radiogroup", name="Voice").locator("label").evaluate_all(
            "(all) => all.map(label => label.getBoundingClientRect().height)")
        assert len(heights) == 5 and min(heights) >= 44, heights
    finally:
        context.close()


def test_a_wrong_link_shows_one_plain_message(browser, phone, served):
    context = _phone(browser, phone)
    page = context.new_page()
    try:
        page.goto(f"{served[0]}/?rate=not-a-real-link-token-at-all")
        expect(page.get_by_text("This link is not open")).to_be_visible(timeout=WAIT)
        assert page.get_by_role("radiogroup").count() == 0 and page.get_by_role("textbox").count() == 0
    finally:
        context.close()
