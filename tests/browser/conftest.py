"""Fixtures for real-browser tests: a Streamlit server on a fresh store, and Chromium.

Chromium is Debian's /usr/bin/chromium (scripts/test.sh installs it with apt-get), driven by
Playwright's Python package. Never `playwright install`.

The app under test is ``app.py`` at the repo root; ``APP_UNDER_TEST`` (a path, absolute or
relative to the repo root) points the harness at another script.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.browser.helpers import STORES

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
START_TIMEOUT_S = 60
VIEWPORT = {"width": 1280, "height": 900}
DEVICES: dict[str, dict] = {}   # Playwright's device descriptors, once Chromium runs
PHONE = "Pixel 7"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _log_tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _stop(proc: subprocess.Popen) -> None:
    """Stop the server we started, by its own PID: terminate, then kill."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@contextmanager
def running_app(tmp: Path):
    """`streamlit run` on a free port with a fresh SQLite store in `tmp`; yields (base URL, env).
    Stopped by its own PID afterwards."""
    app = Path(os.environ.get("APP_UNDER_TEST", "app.py"))
    if not app.is_absolute():
        app = REPO_ROOT / app
    if not app.is_file():
        pytest.fail(f"app under test not found: {app}")

    port = _free_port()
    env = os.environ.copy()
    env["DATABASE_URL"] = f"sqlite:///{tmp / 'browser.db'}"
    env["COPROD_COOKIE_KEY_FILE"] = str(tmp / "cookie_key")  # never the repository's .streamlit/
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH")) if p)
    log_path = tmp / "streamlit.log"
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(app),
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    STORES[base_url] = env["DATABASE_URL"]  # where tests read the demo passwords (helpers.demo_account)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited with code {proc.returncode}:\n{_log_tail(log_path)}")
            try:
                with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit not healthy after {START_TIMEOUT_S} s:\n{_log_tail(log_path)}")
            time.sleep(0.25)
        yield base_url, env
    finally:
        _stop(proc)


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory):
    """The app on a fresh store (demo data and demo accounts); yields the base URL."""
    with running_app(tmp_path_factory.mktemp("app_server")) as (base_url, _env):
        yield base_url


@pytest.fixture(scope="session")
def phone(browser) -> dict:
    """Playwright's descriptor of a common Android phone (viewport, touch, user agent)."""
    return DEVICES[PHONE]


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: run `bash scripts/test.sh` (it installs Debian chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        DEVICES.update(pw.devices)
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@contextmanager
def page_of_its_own(browser, request, artifacts_dir: Path, suffix: str = ""):
    """A new page in a context of its own (nothing shared: one person's browser), viewport
    1280x900. When the test fails, a screenshot goes to test-artifacts/failed-<test><suffix>.png."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    try:
        yield page
    finally:
        rep = getattr(request.node, "rep_call", None)
        if rep is not None and rep.failed:
            name = "".join(c if c.isalnum() or c in "-_" else "_" for c in request.node.name)
            try:
                page.screenshot(path=str(artifacts_dir / f"failed-{name}{suffix}.png"))
            except Exception as exc:  # the page may be gone: keep the real failure visible
                print(f"failure screenshot not taken: {exc}")
        context.close()


@pytest.fixture
def page(browser, request, artifacts_dir):
    """A new page of its own; a screenshot on failure (see `page_of_its_own`)."""
    with page_of_its_own(browser, request, artifacts_dir) as own:
        yield own
