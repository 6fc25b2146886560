"""What a person does in the browser, as small steps the tests share."""

import time
from pathlib import Path

from playwright.sync_api import Page, expect

CHART = '[data-testid="stVegaLiteChart"] svg.marks'
COOKIE_NAME = "coprod_sign_in"
# base URL of each server the tests started -> its store's DATABASE_URL (filled in by conftest.running_app)
STORES: dict[str, str] = {}


def demo_account(base_url: str, username: str, timeout_s: float = 60) -> tuple[str, str]:
    """(username, password) of a demo account of the server at `base_url`, read from its store: the
    demo passwords are random, made by the app's first run (open the app first; this waits for it)."""
    from sqlalchemy.exc import OperationalError

    from data.demo.accounts import demo_password
    from models.db import engine_for

    url = STORES[base_url]
    path = Path(url.split("///", 1)[1])
    deadline = time.monotonic() + timeout_s
    while True:
        if path.exists():
            try:
                return username, demo_password(engine_for(url), username)
            except (KeyError, OperationalError):
                pass  # the first run is still writing the store
        if time.monotonic() > deadline:
            raise AssertionError(f"no demo account '{username}' in {url} after {timeout_s} s")
        time.sleep(0.25)


def sign_in(page: Page, username: str, password: str) -> None:
    """Fill in the form and click Login, once: one click signs in, even on a freshly started
    server (tests/browser/test_single_click_sign_in.py)."""
    page.get_by_role("textbox", name="Username").fill(username)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Login").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible(timeout=30_000)


def settle(page: Page) -> None:
    """Wait until the script run is over (the status widget shows "Running...")."""
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=30_000)


def sign_in_form_shown(page: Page) -> None:
    expect(page.get_by_role("textbox", name="Username")).to_be_visible(timeout=30_000)
