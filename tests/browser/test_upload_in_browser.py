"""Bringing in a workbook as a member of staff does it: one bad row is named and nothing changes;
the fixed workbook is previewed, brought in, and the new programme appears in the dashboard.

The import removes the demo sign-ins (real data now), so this module runs its own server with a real
staff account: the other browser tests keep theirs, with the demo accounts."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from tests.browser.helpers import settle, sign_in

pytestmark = pytest.mark.browser
REPO_ROOT = Path(__file__).resolve().parents[2]
# A real staff account: the import removes the demo sign-ins, which would sign demo-staff out mid-test.
STAFF = ("upload-tester", "upload-tester-password-2024")
UPLOADER = 'input[type="file"]'


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    """A server of our own on a fresh store with the demo data (as the conftest's, but per module)."""
    tmp = tmp_path_factory.mktemp("upload_server")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp / 'browser.db'}",
           "PYTHONPATH": os.pathsep.join(p for p in (str(REPO_ROOT), os.environ.get("PYTHONPATH")) if p)}
    cmd = [sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "app.py"), "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]
    log_path = tmp / "streamlit.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start:\n{log_path.read_text(errors='replace')[-3000:]}")
            try:
                with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            time.sleep(0.25)
        subprocess.run([sys.executable, "manage.py", "create-user", "--username", STAFF[0], "--role", "staff",
                        "--password", STAFF[1]], cwd=REPO_ROOT, env=env, check=True, capture_output=True)
        yield base_url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


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

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Co-production health").click()
    settle(page)
    page.get_by_test_id("stMultiSelect").filter(has_text="Programme").first.locator("input").click()
    expect(page.get_by_role("option", name="New programme")).to_be_visible(timeout=30_000)
