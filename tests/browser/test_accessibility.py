"""Every page against WCAG 2.2 AA, checked by axe-core in real Chromium, as each role sees it.

One server for the module, on a store holding the demo organisation's records as the organisation's
own, with one real account per role. Each role signs in in a browser of its own and opens every page of
its menu; once the script run is over and every chart has drawn, axe checks the page against the WCAG
2.0, 2.1 and 2.2 A and AA rules. The sign-in page (nobody signed in) and the young people's rating page
(`/?rate=TOKEN`) are checked too.

A serious or critical violation fails the test; so does a moderate or minor one not in `ACCEPTED`.
Each check's findings: test-artifacts/accessibility-<what>.txt; screenshots of the sign-in page, each
role's first page and the rating page: test-artifacts/accessibility-*.png."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from sqlalchemy import select

from auth.accounts import create
from components.registry import ALL_ROLES, HOME, PAGES, PageSpec
from data.demo.organisation import load_demo
from data.rating_links.links import open_link
from models.db import engine_for
from models.schema import open_store
from models.settings import set_setting
from models.tables import ProgrammeSession
from tests.browser.conftest import VIEWPORT, running_app
from tests.browser.helpers import settle, sign_in, sign_in_form_shown

pytestmark = pytest.mark.browser
WAIT = 60_000
PASSWORD = "an accessibility check password"
ACCOUNTS = {role: f"a11y-{role.replace('_', '-')}" for role in ALL_ROLES}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
BLOCKING = {"serious", "critical"}
TARGETS_SHOWN = 3
SNIPPET = 100  # characters of an element's HTML in a report
# Moderate or minor rules allowed to fail, each with the reason. Never a serious or critical one.
ACCEPTED: dict[str, str] = {}
ALL_CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
    .every(chart => chart.querySelector('svg.marks'))"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(base URL, store URL): a server on the demo organisation's records as real data, one account
    per role (password PASSWORD)."""
    folder = tmp_path_factory.mktemp("accessibility_server")
    engine = open_store(f"sqlite:///{folder / 'browser.db'}")  # the path `running_app` serves
    load_demo(engine)
    set_setting(engine, "demo_data", False)
    for role, username in ACCOUNTS.items():
        create(engine, username, role, PASSWORD, actor="test")
    engine.dispose()
    with running_app(folder) as (base_url, env):
        yield base_url, env["DATABASE_URL"]


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def menu(role: str) -> list[PageSpec]:
    """The pages in `role`'s menu ("home" only sends people on, it is never shown)."""
    return [spec for spec in PAGES if role in spec.roles and spec.page_id != "home"]


def drawn(page: Page) -> None:
    """The script run is over, nothing is still loading and every chart has drawn its marks."""
    settle(page)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=WAIT)
    page.wait_for_function(ALL_CHARTS_DRAWN, timeout=WAIT)
    settle(page)


def findings(axe: Axe, page: Page, where: str) -> list[dict]:
    """axe's WCAG A and AA violations on the page as it is now, each labelled with `where`."""
    return [{**violation, "where": where} for violation in axe.run(page, options=AXE_OPTIONS).response["violations"]]


def failing(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in BLOCKING or v["id"] not in ACCEPTED]


def _element(node: dict) -> str:
    """One element: the last step of axe's selector, the start of its HTML, axe's first message on it."""
    selector = str(node["target"][-1]).rsplit(" > ", 1)[-1]
    html = " ".join(node.get("html", "").split())[:SNIPPET]
    messages = [check["message"] for check in (*node.get("any", ()), *node.get("all", ()), *node.get("none", ()))]
    return f"    {selector}  {html}" + (f"\n      {messages[0]}" if messages else "")


def report(violations: list[dict]) -> str:
    """One paragraph per violation: page, rule, impact, help, how many elements, the first few of them."""
    return "\n".join(
        f"{v['where']}: {v['id']} ({v['impact']}) {v['help']}: {len(v['nodes'])} element(s)\n"
        + "\n".join(_element(node) for node in v["nodes"][:TARGETS_SHOWN]) for v in violations)


def check(violations: list[dict], artifacts_dir, name: str) -> None:
    (artifacts_dir / f"accessibility-{name}.txt").write_text(report(violations) or "no violations\n")
    bad = failing(violations)
    if bad:
        pytest.fail(f"{len(bad)} accessibility violation(s) (WCAG 2.2 A/AA, axe-core):\n{report(bad)}", pytrace=False)


def test_the_sign_in_page(served, browser, axe, artifacts_dir):
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    try:
        page.goto(served[0])
        sign_in_form_shown(page)
        drawn(page)
        page.screenshot(path=str(artifacts_dir / "accessibility-sign-in.png"))
        check(findings(axe, page, "sign-in"), artifacts_dir, "sign-in")
    finally:
        context.close()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_every_page_of_each_role(served, browser, axe, artifacts_dir, role):
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    violations = []
    try:
        page.goto(served[0])
        sign_in_form_shown(page)
        settle(page)
        sign_in(page, ACCOUNTS[role], PASSWORD)
        for spec in menu(role):
            page.goto(f"{served[0]}/{spec.url_path}")
            expect(page.get_by_role("button", name="Sign out")).to_be_visible(timeout=WAIT)
            expect(page.get_by_role("heading", name=spec.title, exact=True, level=1)).to_be_visible(timeout=WAIT)
            drawn(page)
            if spec.page_id == HOME[role]:
                page.screenshot(path=str(artifacts_dir / f"accessibility-{role}-{spec.url_path}.png"))
            violations += findings(axe, page, f"{role} {spec.url_path}")
    finally:
        context.close()
    check(violations, artifacts_dir, role)


def test_the_rating_page(served, browser, axe, artifacts_dir):
    engine = engine_for(served[1])
    S = ProgrammeSession.__table__
    with engine.connect() as conn:
        session_code = conn.execute(select(S.c.code).order_by(S.c.date.desc())).scalars().first()
    token = open_link(engine, session_code, "staff-member").token
    engine.dispose()
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    try:
        page.goto(f"{served[0]}/?rate={token}")
        expect(page.get_by_role("button", name="Send my answers")).to_be_visible(timeout=WAIT)
        expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=WAIT)  # no status widget here
        page.screenshot(path=str(artifacts_dir / "accessibility-rating-page.png"))
        check(findings(axe, page, "rating page"), artifacts_dir, "rating-page")
    finally:
        context.close()
