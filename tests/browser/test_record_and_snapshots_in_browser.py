"""The Record page and the Board snapshots page in real Chromium, as people use them.

Staff add a participant by code and see it saved; a name typed as a code is refused and nothing is
saved; the new code is offered at once in the skills evaluation's picker. An admin takes a board
snapshot (the name left as suggested: one click) and downloads its board pack (the second); a trustee
opens the same snapshot from its link in another browser, sees the frozen figures and the charts,
and switches to the print-friendly view, which a copied `?print=true` link opens too.

This module runs its own servers, so what it saves reaches no other browser test, and so that it can
read the store to check what the pages say was saved: for the snapshots, a fresh store with demo data
and demo accounts; for Record, a store holding the demo organisation's records as the organisation's
own (a save into a demo store clears the demo first, demo accounts included) and a real staff account.
Screenshots: test-artifacts/record-*.png and test-artifacts/snapshots-*.png."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Locator, Page, expect
from sqlalchemy import func, select

from auth.accounts import create
from board_snapshots.saved import get_snapshot
from data.demo.organisation import load_demo
from models.db import engine_for
from models.schema import open_store
from models.settings import set_setting
from models.tables import Participant
from tests.browser.conftest import page_of_its_own, running_app
from tests.browser.helpers import CHART, demo_account, settle, sign_in, sign_in_form_shown

pytestmark = pytest.mark.browser
# Demo accounts: their passwords are random per installation, read from the store (demo_account).
REAL_STAFF = "staff-member"
ADMIN = "demo-admin"
TRUSTEE = "demo-trustee"
WAIT = 30_000
NEW_CODE = "YP-BROWSER-1"
SUCCESS = "stAlertContentSuccess"
ERROR = "stAlertContentError"


STAFF_PASSWORD = "a real staff password"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(base URL, the store's URL) of a server of our own on a fresh store with demo data."""
    with running_app(tmp_path_factory.mktemp("snapshots_server")) as (base_url, env):
        yield base_url, env["DATABASE_URL"]


@pytest.fixture(scope="module")
def record_served(tmp_path_factory):
    """(base URL, the store's URL) of a server on a store that holds the demo organisation's records
    as the organisation's own, with a real staff account (no demo accounts)."""
    folder = tmp_path_factory.mktemp("record_server")
    engine = open_store(f"sqlite:///{folder / 'browser.db'}")  # the path `running_app` serves
    load_demo(engine)
    set_setting(engine, "demo_data", False)
    create(engine, REAL_STAFF, "staff", STAFF_PASSWORD, actor="test")
    engine.dispose()
    with running_app(folder) as (base_url, env):
        yield base_url, env["DATABASE_URL"]


@pytest.fixture(scope="module")
def app_server(served):
    return served[0]


def _read_only(url: str):
    """A server's store, read only to check what the pages say was saved (no schema upgrade)."""
    engine = engine_for(url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def store(served):
    yield from _read_only(served[1])


@pytest.fixture(scope="module")
def record_store(record_served):
    yield from _read_only(record_served[1])


@pytest.fixture
def other_browser(browser, request, artifacts_dir):
    """A second person's browser: its own context, so no sign-in is shared. Screenshot on failure."""
    with page_of_its_own(browser, request, artifacts_dir, suffix="-other-browser") as page:
        yield page


def open_signed_in(page: Page, url: str, account: str) -> None:
    """Open `url` and sign in with a demo account, once the sign-in form is there."""
    page.goto(url)
    sign_in_form_shown(page)
    settle(page)
    server = urlparse(url)
    sign_in(page, *demo_account(f"{server.scheme}://{server.netloc}", account))


def choose(page: Page, label: str, option: str) -> None:
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option, exact=True).click()
    settle(page)


def participant(store, code: str):
    with store.connect() as conn:
        return conn.execute(select(Participant.__table__).where(Participant.__table__.c.code == code)).first()


def participant_count(store) -> int:
    with store.connect() as conn:
        return conn.execute(select(func.count()).select_from(Participant.__table__)).scalar_one()


def table_cells(page: Page, header: str) -> list[str]:
    """The cells (headers left out) of the one table with a column `header`: an interactive table's
    accessible cells (it is drawn on a canvas) on screen, or the plain table of the print view."""
    grid = page.get_by_test_id("stDataFrame").filter(has_text=header)
    plain = page.get_by_test_id("stTable").filter(has_text=header)
    table: Locator = grid.or_(plain)
    expect(table).to_have_count(1, timeout=WAIT)
    return [c.strip() for c in table.locator('[role="gridcell"], td').all_text_contents()]


def figures_table(page: Page, first_column: str) -> dict[str, str]:
    """A two-column table of figures, as {first column: "This time"} (there is no "Last time" column
    while a snapshot is the first one)."""
    cells = table_cells(page, first_column)
    assert len(cells) % 2 == 0, cells
    return dict(zip(cells[0::2], cells[1::2], strict=True))


def test_staff_add_a_participant_and_a_name_is_refused(record_served, page: Page, record_store, artifacts_dir):
    store = record_store
    page.goto(f"{record_served[0]}/record")
    sign_in_form_shown(page)
    settle(page)
    sign_in(page, REAL_STAFF, STAFF_PASSWORD)
    expect(page.get_by_role("heading", name="Record", exact=True)).to_be_visible(timeout=WAIT)
    settle(page)
    page.get_by_role("tab", name="New participant").click()
    expect(page).to_have_url(re.compile(r"form=New\+participant"), timeout=WAIT)
    code_box = page.get_by_role("textbox", name="Participant code")
    expect(code_box).to_be_visible(timeout=WAIT)
    assert participant(store, NEW_CODE) is None
    before = participant_count(store)

    # Role is left as it starts ("Young person"); an age band is picked.
    expect(page.get_by_role("combobox", name="Role")).to_have_value("Young person")
    code_box.fill(NEW_CODE)
    choose(page, "Age band (optional)", "16 to 18")
    page.get_by_role("button", name="Add participant").click()
    saved = page.get_by_test_id(SUCCESS)
    expect(saved).to_contain_text(f"Added participant {NEW_CODE} (young person).", timeout=WAIT)
    settle(page)
    expect(code_box).to_have_value("")  # the form starts afresh after a save
    page.screenshot(path=str(artifacts_dir / "record-participant-added.png"))
    row = participant(store, NEW_CODE)
    assert (row.role, row.age_band, row.consent_data_use) == ("young_person", "16_18", True)
    assert participant_count(store) == before + 1

    # A name, not a code: refused with the reason, and nothing saved.
    code_box.fill("Jane Smith")
    page.get_by_role("button", name="Add participant").click()
    refused = page.get_by_test_id(ERROR)
    expect(refused).to_contain_text("Nothing was saved. Please fix:", timeout=WAIT)
    expect(refused).to_contain_text("Participant code: a code has no spaces and holds at least one digit "
                                    "(e.g. YP-042), so that a name is never used by mistake")
    settle(page)
    expect(saved).to_have_count(0)
    expect(code_box).to_have_value("Jane Smith")  # kept, to be corrected
    page.screenshot(path=str(artifacts_dir / "record-name-refused.png"))
    assert participant(store, "Jane Smith") is None
    assert participant_count(store) == before + 1

    # The new code is offered at once in the skills evaluation's picker (its cache follows the data).
    page.get_by_role("tab", name="Skills evaluation").click()
    picker = page.get_by_role("combobox", name="Young person")
    expect(picker).to_be_visible(timeout=WAIT)
    settle(page)
    picker.click()
    picker.fill("BROWSER")
    expect(page.get_by_role("option", name=NEW_CODE, exact=True)).to_be_visible(timeout=WAIT)
    page.screenshot(path=str(artifacts_dir / "record-evaluation-picker.png"))


def test_an_admin_takes_a_snapshot_and_a_trustee_opens_it(app_server, page: Page, other_browser: Page, store,
                                                          artifacts_dir):
    admin = page
    open_signed_in(admin, f"{app_server}/snapshots", ADMIN)
    expect(admin.get_by_role("heading", name="Board snapshots", exact=True)).to_be_visible(timeout=WAIT)
    expect(admin.get_by_text("No board snapshots yet. Take the first one above.")).to_be_visible(timeout=WAIT)
    settle(admin)

    # First click: take it, the name left as suggested (from today's date, the meeting date's default).
    name_box = admin.get_by_role("textbox", name="Name")
    suggested = name_box.get_attribute("placeholder")
    assert re.fullmatch(r"Board meeting \d{1,2} [A-Z][a-z]+ 20\d\d", suggested or ""), suggested
    expect(admin.get_by_text(re.compile(r"^Covers \d{1,2} [A-Z][a-z]+ 20\d\d to .* \(\d+ days\)\.$"))).to_be_visible()
    admin.get_by_role("button", name="Take the snapshot").click()
    expect(admin.get_by_test_id(SUCCESS)).to_contain_text(
        f"Snapshot '{suggested}' taken. Its figures are frozen: download the board pack below.", timeout=WAIT)
    expect(admin.get_by_role("heading", name=suggested, level=2)).to_be_visible(timeout=WAIT)
    admin.wait_for_selector(CHART, timeout=60_000)
    settle(admin)
    assert parse_qs(urlparse(admin.url).query)["snapshot"] == [suggested]  # the link reopens it
    expect(admin.get_by_text("Take another snapshot")).to_be_visible()  # folded away, the download in view
    expect(admin.get_by_text("This is the first snapshot: there is nothing earlier to compare it with.").first
           ).to_be_visible()
    admin.screenshot(path=str(artifacts_dir / "snapshots-taken.png"))

    # What the page shows is what was frozen in the store.
    frozen = get_snapshot(store, suggested).figures
    shown = figures_table(admin, "Figure")
    assert shown["Young people taking part"] == f"{frozen['engagement']['active_young_people']:,}", shown
    assert shown["Sessions held"] == f"{frozen['engagement']['sessions_held']:,}", shown
    assert re.fullmatch(r"£[\d,]+", shown["Paid to young people for their time"]), shown
    health = admin.get_by_test_id("stMetric").filter(has_text=f"This time: {suggested}")
    expect(health).to_contain_text(re.compile(r"\d+ out of 100"))
    index = int(re.search(r"(\d+) out of 100", health.inner_text()).group(1))
    assert abs(index - frozen["health_index"]["value"]) <= 0.5, (index, frozen["health_index"])
    listed = table_cells(admin, "Period covered")  # "Every snapshot": name, meeting, period, taken, by
    assert listed[0] == suggested and listed[4] == ADMIN, listed

    # Second click: the board pack, a PDF named after the snapshot.
    with admin.expect_download(timeout=120_000) as download:
        admin.get_by_role("button", name="Download the board pack (PDF)").click()
    pack = download.value
    stem = re.sub(r"[^a-z0-9]+", "-", suggested.lower())
    assert pack.suggested_filename == f"board-pack-{stem}.pdf"
    with open(pack.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # A trustee, in another browser, opens the link the admin has in the address bar.
    trustee = other_browser
    open_signed_in(trustee, admin.url, TRUSTEE)
    expect(trustee.get_by_role("heading", name=suggested, level=2)).to_be_visible(timeout=WAIT)
    trustee.wait_for_selector(CHART, timeout=60_000)
    settle(trustee)
    assert trustee.locator(CHART).count() >= 1
    expect(trustee.get_by_test_id("stMetric").filter(has_text=f"This time: {suggested}")).to_contain_text(
        f"{index} out of 100")
    assert figures_table(trustee, "Figure") == shown  # frozen: the same figures for everyone
    expect(trustee.get_by_role("button", name="Take the snapshot")).to_have_count(0)  # trustees read only
    expect(trustee.get_by_text("Delete this snapshot")).to_have_count(0)
    expect(trustee.get_by_test_id("stException")).to_have_count(0)
    trustee.get_by_role("heading", name="Key figures").scroll_into_view_if_needed()
    trustee.screenshot(path=str(artifacts_dir / "snapshots-trustee-figures.png"))
    trustee.locator(CHART).first.scroll_into_view_if_needed()
    trustee.screenshot(path=str(artifacts_dir / "snapshots-trustee-chart.png"))

    # The print-friendly view: switched on, it is in the link; no menu, no buttons, plain tables.
    trustee.get_by_text("Print-friendly view", exact=True).click()
    expect(trustee).to_have_url(re.compile(r"print=true"), timeout=WAIT)
    printable = trustee.url
    copy = trustee.context.new_page()  # the copied link, opened in a new tab
    copy.goto(printable)
    expect(copy.get_by_role("heading", name=suggested, level=2)).to_be_visible(timeout=60_000)
    copy.wait_for_selector(CHART, timeout=60_000)
    settle(copy)
    expect(copy.get_by_role("switch", name="Print-friendly view")).to_be_checked()
    expect(copy.get_by_test_id("stSidebar")).to_be_hidden()
    expect(copy.get_by_role("button", name="Download the board pack (PDF)")).to_be_hidden()
    assert figures_table(copy, "Figure") == shown
    copy.screenshot(path=str(artifacts_dir / "snapshots-print.png"))

    # Switched off again: the menu is back, and the link no longer asks for the print view.
    copy.get_by_text("Print-friendly view", exact=True).click()
    expect(copy.get_by_test_id("stSidebar")).to_be_visible(timeout=WAIT)
    expect(copy).not_to_have_url(re.compile(r"print="), timeout=WAIT)
    expect(copy.get_by_role("button", name="Download the board pack (PDF)")).to_be_visible(timeout=WAIT)
