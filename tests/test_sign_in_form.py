"""The sign-in form through the real app: the same message whatever went wrong."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from auth.accounts import SIGN_IN_FAILED
from models.schema import open_store
from tests.apptest_helpers import PASSWORD, add_role_accounts

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def app(store_url, monkeypatch):
    add_role_accounts(open_store(store_url))
    monkeypatch.setenv("DATABASE_URL", store_url)
    return AppTest.from_file(APP, default_timeout=60).run()


def submit(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    return at.button[0].click().run()


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def test_unknown_user_wrong_password_and_locked_account_get_one_message(app):
    assert errors(submit(app, "nobody-at-all", PASSWORD)) == [SIGN_IN_FAILED]
    assert errors(submit(app, "u-staff", "wrong-password-123")) == [SIGN_IN_FAILED]
    for _ in range(4):
        submit(app, "u-staff", "wrong-password-123")
    locked = submit(app, "u-staff", PASSWORD)   # right password, but locked after 5 failures
    assert errors(locked) == [SIGN_IN_FAILED]
    assert not locked.metric


def test_right_password_signs_in_and_shows_name_and_role(app):
    at = submit(app, "u-trustee", PASSWORD)
    assert not at.exception and not errors(at)
    assert [m.value for m in at.success] == ["Signed in. Opening your page..."]
    at.run()  # in a browser, the cookie component's own rerun
    sidebar_text = " ".join(m.value for m in at.sidebar.markdown)
    assert "Test trustee" in sidebar_text and "Trustee" in sidebar_text
    assert [b.label for b in at.sidebar.button] == ["Sign out"]


def test_sign_out_returns_to_the_form(app):
    at = submit(app, "u-admin", PASSWORD).run()
    assert at.metric
    at.sidebar.button[0].click().run()
    assert [t.label for t in at.text_input][:2] == ["Username", "Password"]
    assert not at.metric


def test_app_refuses_to_run_with_a_known_default_cookie_key(app, monkeypatch):
    monkeypatch.setenv("COPROD_COOKIE_KEY", "some_signature_key")
    at = app.run()
    assert any("will not start" in e for e in errors(at))
    assert not at.text_input and not at.metric


def test_the_session_keeps_its_version_and_sign_out_raises_the_accounts(app, store_url):
    from auth.accounts import get_account
    at = submit(app, "u-admin", PASSWORD).run()
    assert at.session_state["session_version"] == 0
    at.sidebar.button[0].click().run()
    assert get_account(open_store(store_url), "u-admin").session_version == 1
    assert "session_version" not in at.session_state


def test_a_role_change_elsewhere_ends_the_session(app, store_url):
    from auth.accounts import set_role
    at = submit(app, "u-admin", PASSWORD).run()
    assert at.metric
    set_role(open_store(store_url), "u-admin", "staff", actor="another admin")
    at.run()
    assert [t.label for t in at.text_input][:2] == ["Username", "Password"]
    assert not at.metric
