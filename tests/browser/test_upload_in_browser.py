"""Bringing in a workbook as a member of staff does it: one bad row is named and nothing changes;
the fixed workbook is previewed, brought in, and the new programme appears in the dashboard.

The import removes the demo sign-ins (real data now), so this module runs its own server with a real
staff account: the other browser tests keep theirs, with the demo accounts."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from tests.browser.conftest import REPO_ROOT, running_app
from tests.browser.helpers import settle, sign_in

pytestmark = pytest.mark.browser
# A real staff account: the import removes the demo sign-ins, which would sign demo-staff out mid-test.
STAFF = ("upload-tester", "upload-tester-password-2024")
UPLOADER = 'input[type="file"]'


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    """A server of our own (fresh store, demo data) with a real staff account added once it is up."""
    with running_app(tmp_path_factory.mktemp("upload_server")) as (base_url, env):
        subprocess.run([sys.executable, "manage.py", "create-user", "--username", STAFF[0], "--role", "staff",
                        "--password", STAFF[1]], cwd=REPO_ROOT, env=env, check=True, capture_output=True)
        yield base_url


def workbook(path: Path, second_date: str) -> Path:
    """A new programme and two of its sessions in the last 12 months; the second session (row 3) on `second_date`."""
    book = Workbook()
    programmes = book.active
    programmes.title = "programmes"
    programmes.append(["programme_code", "name"])
    programmes.append(["NEWPROG", "New programme"])
    sessions = book.create_sheet("sessions")
    sessions.append(["session_code", "programme_code", "date", "activity_type"])
    sessions.append(["NEWPROG-1", "NEWPROG", (date.today() - timedelta(days=60)).isoformat(), "workshop"])
    sessions.append(["NEWPROG-2", "NEWPROG", second_date, "workshop"])
    book.save(path)
    return path


def test_a_bad_row_is_named_then_the_fixed_workbook_comes_in(app_server, page, artifacts_dir, tmp_path):
    page.goto(f"{app_server}/upload")
    sign_in(page, *STAFF)
    expect(page.get_by_role("heading", name="Bring in data")).to_be_visible(timeout=30_000)
    settle(page)

    page.set_input_files(UPLOADER, str(workbook(tmp_path / "records.xlsx", "2025-13-45")))
    problem = page.get_by_test_id("stAlertContentError").filter(has_text="to fix")
    expect(problem).to_contain_text("1 problem to fix. Nothing was changed.", timeout=30_000)
    # The table is drawn on a canvas; its cells are also in an accessible (hidden) table, read here.
    problems = page.get_by_test_id("stDataFrame").filter(has_text="What is wrong")
    expect(problems).to_have_count(1, timeout=30_000)
    settle(page)
    page.screenshot(path=str(artifacts_dir / "upload_problem.png"), full_page=True)
    cells = [c.strip() for c in problems.locator('[role="gridcell"], td').all_text_contents()]
    assert cells[:3] == ["records.xlsx, sheet sessions", "3", "date"], cells
    assert "not a date" in cells[3] or "date" in cells[3], cells
    expect(page.get_by_role("button", name="Bring these in")).to_have_count(0)

    page.get_by_role("button", name="Remove records.xlsx").click()  # the person removes the bad file
    expect(problem).to_have_count(0, timeout=30_000)
    settle(page)
    page.set_input_files(UPLOADER, str(workbook(tmp_path / "records-fixed.xlsx",
                                                (date.today() - timedelta(days=30)).isoformat())))
    bring_in = page.get_by_role("button", name="Bring these in")
    expect(bring_in).to_be_visible(timeout=30_000)
    bring_in.click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text(
        "Saved. programmes: 1 added, 0 updated, 0 already the same; sessions: 2 added", timeout=30_000)

    page.locator(".st-key-menu").get_by_role("link", name="Co-production health").click()
    expect(page.get_by_role("heading", name="Co-production health", level=1)).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible(timeout=30_000)  # the page has drawn
    settle(page)
    programme = page.get_by_role("combobox", name="Programme")
    programme.click()
    programme.press("ArrowDown")  # opens the list when the click only focused the box
    expect(page.get_by_role("option", name="New programme")).to_be_visible(timeout=30_000)
