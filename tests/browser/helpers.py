"""What a person does in the browser, as small steps the tests share."""

from playwright.sync_api import Page, expect

CHART = '[data-testid="stVegaLiteChart"] svg.marks'
COOKIE_NAME = "coprod_sign_in"


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
