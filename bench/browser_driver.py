"""What the browser benchmarks share: the app served by a real `streamlit run` on a given store, Debian's
Chromium driven by Playwright (never `playwright install`), and an admin signed in through the form.

Every process started here is stopped by its own PID, even when the benchmark fails.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from auth.accounts import get_account  # noqa: E402
from models.schema import open_store  # noqa: E402
from tests.apptest_helpers import PASSWORD, add_role_accounts, username_for  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
VIEWPORT = {"width": 1280, "height": 900}
START_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mb(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of a process, in MB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system, every thread) a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def with_role_accounts(url: str) -> None:
    """One account per role (password PASSWORD), unless the store has them already."""
    engine = open_store(url)
    if get_account(engine, username_for("admin")) is None:
        add_role_accounts(engine)
    engine.dispose()


def start_server(url: str, log: Path, cookie_key: Path | None = None) -> tuple[subprocess.Popen, str]:
    """`streamlit run app.py` on a free port of 127.0.0.1 with DATABASE_URL=url; (process, base URL) once
    healthy. `cookie_key`: where the sign-in cookie's key goes (default: beside the log, never the
    repository's .streamlit/)."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url,
           "COPROD_COOKIE_KEY_FILE": str(cookie_key or log.parent / "cookie_key"),
           "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            urllib.request.urlopen(f"{base}/_stcore/health", timeout=2)
            return proc, base
        except OSError:
            time.sleep(0.25)
    stop(proc)
    raise SystemExit(f"the server did not start; see {log}")


def stop(proc: subprocess.Popen) -> None:
    """Stop a process we started, by its own PID: terminate, then kill."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=15)


@contextmanager
def served(url: str, log: Path):
    """The app on `url` for the length of a `with`; yields (process, base URL)."""
    proc, base = start_server(url, log)
    try:
        yield proc, base
    finally:
        stop(proc)


@contextmanager
def chromium():
    """Headless Debian Chromium for the length of a `with`; closed (and Playwright's driver with it) after."""
    from playwright.sync_api import sync_playwright

    if not os.access(CHROMIUM, os.X_OK):
        raise SystemExit(f"{CHROMIUM} is missing: `bash scripts/test.sh` installs Debian's chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def sign_in(page, base: str, role: str = "admin", timeout: float = 120_000) -> None:
    """Open the app and sign in through the form as the role's account (`with_role_accounts`)."""
    page.goto(base)
    page.get_by_role("textbox", name="Username").fill(username_for(role))
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Login").click()
    page.get_by_role("button", name="Sign out").wait_for(timeout=timeout)
