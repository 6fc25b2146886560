"""Sign-in cookies through the real app: a token signed with the installation's key signs in
only when its expiry is within the cookie lifetime and it was issued after the account's last
sign-out (or password reset, role change, deactivation).

AppTest cannot send cookies, so `st.context.cookies` is replaced by a jar the test fills.
"""

from datetime import timedelta
from pathlib import Path

import jwt
import pytest
from streamlit.runtime.context import ContextProxy
from streamlit.testing.v1 import AppTest

from auth import accounts
from auth.cookie_key import cookie_key
from components.sign_in import COOKIE_LIFETIME, COOKIE_NAME
from models.clock import utcnow
from models.schema import open_store
from tests.apptest_helpers import add_role_accounts

APP = str(Path(__file__).resolve().parent.parent / "app.py")
USER = "u-staff"


@pytest.fixture
def jar(monkeypatch) -> dict:
    cookies: dict[str, str] = {}
    monkeypatch.setattr(ContextProxy, "cookies", property(lambda self: cookies))
    return cookies


@pytest.fixture
def engine(store_url, monkeypatch):
    engine = open_store(store_url)
    add_role_accounts(engine)
    monkeypatch.setenv("DATABASE_URL", store_url)
    monkeypatch.delenv("COPROD_COOKIE_KEY", raising=False)
    return engine


def token(engine, issued_ago: timedelta = timedelta(seconds=5), expires_at=None, username: str = USER) -> str:
    """A token as the sign-in form makes it, signed with the installation's key."""
    exp = expires_at if expires_at is not None else utcnow() - issued_ago + COOKIE_LIFETIME
    return jwt.encode({"username": username, "exp_date": exp.timestamp()}, cookie_key(engine), algorithm="HS256")


def open_app(jar: dict, cookie: str) -> AppTest:
    jar[COOKIE_NAME] = cookie
    return AppTest.from_file(APP, default_timeout=60).run()


def signed_in(at: AppTest) -> bool:
    return bool(at.session_state["authentication_status"]) and [b.label for b in at.sidebar.button] == ["Sign out"]


def shows_the_form(at: AppTest) -> bool:
    return [t.label for t in at.text_input][:2] == ["Username", "Password"]


def test_a_token_within_the_lifetime_signs_in_and_keeps_the_accounts_version(engine, jar):
    at = open_app(jar, token(engine))
    assert not at.exception and signed_in(at)
    assert at.session_state["session_version"] == accounts.get_account(engine, USER).session_version == 0


def test_a_token_that_expires_in_2100_is_refused(engine, jar):
    far = utcnow().replace(year=2100)
    at = open_app(jar, token(engine, expires_at=far))
    assert not at.exception and not signed_in(at) and shows_the_form(at)


def test_a_token_just_beyond_the_lifetime_is_refused_within_the_allowance_accepted(engine, jar):
    assert not signed_in(open_app(jar, token(engine, expires_at=utcnow() + COOKIE_LIFETIME + timedelta(minutes=5))))
    assert signed_in(open_app(jar, token(engine, expires_at=utcnow() + COOKIE_LIFETIME + timedelta(seconds=30))))


def test_a_far_future_token_does_not_survive_sign_out(engine, jar):
    accounts.revoke_sessions(engine, USER, actor=USER)
    at = open_app(jar, token(engine, expires_at=utcnow().replace(year=2100)))
    assert not signed_in(at) and shows_the_form(at)


@pytest.mark.parametrize("revoke", [
    lambda e: accounts.revoke_sessions(e, USER, actor=USER),
    lambda e: accounts.reset_password(e, USER, "another-long-password", actor="admin"),
    lambda e: accounts.set_role(e, USER, "trustee", actor="admin"),
], ids=["sign-out", "password reset", "role change"])
def test_a_token_issued_before_a_revocation_is_refused(engine, jar, revoke):
    cookie = token(engine)
    assert signed_in(open_app(jar, cookie))   # control: good before
    revoke(engine)
    at = open_app(jar, cookie)
    assert not signed_in(at) and shows_the_form(at)
    assert signed_in(open_app(jar, token(engine, issued_ago=timedelta(seconds=-1))))  # a new sign-in is good


def test_the_sign_out_button_ends_the_cookie_everywhere(engine, jar):
    cookie = token(engine)
    at = open_app(jar, cookie)
    at.sidebar.button[0].click().run()
    assert shows_the_form(at)
    assert accounts.get_account(engine, USER).session_version == 1
    replay = open_app(jar, cookie)   # the cookie copied before signing out, in another browser
    assert not signed_in(replay) and shows_the_form(replay)


def test_a_session_opened_by_a_cookie_ends_when_the_version_moves_on(engine, jar):
    at = open_app(jar, token(engine))
    assert signed_in(at)
    accounts.set_active(engine, USER, False, actor="admin")
    accounts.set_active(engine, USER, True, actor="admin")   # back, but the old session stays ended
    at.run()
    assert not signed_in(at) and shows_the_form(at)


def test_a_session_without_a_version_is_signed_out(engine, jar):
    at = open_app(jar, token(engine))
    del at.session_state["session_version"]
    jar.clear()
    at.run()
    assert not signed_in(at) and shows_the_form(at)
