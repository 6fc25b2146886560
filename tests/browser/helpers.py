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
    """Fill in the form and click Login. On a freshly started server a click can be lost (the
    form stays, filled in: seemingly the cookie component's first reply reruns the app while the
    sign-in is checked); a person clicks Login again, and so does this, once."""
    page.get_by_role("textbox", name="Username").fill(username)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Login").click()
    signed_in = page.get_by_role("button", name="Sign out")
    try:
        expect(signed_in).to_be_visible(timeout=30_000)
    except AssertionError:
        login = page.get_by_role("button", name="Login")
        if signed_in.count() or not login.count():  # not a lost click: let the real failure show
            raise
        page.get_by_role("textbox", name="Username").fill(username)
        page.get_by_role("textbox", name="Password").fill(password)
        login.click()
        expect(signed_in).to_be_visible(timeout=30_000)


def settle(page: Page) -> None:
    """Wait until the script run is over (the status widget shows "Running...")."""
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=30_000)


def sign_in_form_shown(page: Page) -> None:
    expect(page.get_by_role("textbox", name="Username")).to_be_visible(timeout=30_000)
