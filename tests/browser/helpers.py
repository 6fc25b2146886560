"""What a person does in the browser, as small steps the tests share."""

from playwright.sync_api import Page, expect

CHART = '[data-testid="stVegaLiteChart"] svg.marks'
COOKIE_NAME = "coprod_sign_in"


def sign_in(page: Page, username: str, password: str) -> None:
    page.get_by_role("textbox", name="Username").fill(username)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Login").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible(timeout=30_000)


def settle(page: Page) -> None:
    """Wait until the script run is over (the status widget shows "Running...")."""
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=30_000)


def sign_in_form_shown(page: Page) -> None:
    expect(page.get_by_role("textbox", name="Username")).to_be_visible(timeout=30_000)
