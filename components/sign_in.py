"""Sign-in with streamlit-authenticator, against the accounts in the store.

The library's own checks have known gaps (docs/decisions.md), so two of its steps are routed
through auth/: the password check (lockout kept in the store, equal time and message for
every failure) and the cookie check (cookies issued before a sign-out, password change, role
change or deactivation are refused, and so is a token whose expiry lies beyond now + the cookie
lifetime). A signed-in session keeps the account's session version it signed in with, and ends
when the account's has moved on: see `accounts.session_still_valid` for the whole design.

A third step is changed too: the library's cookie manager no longer reads the browser's cookies
with a component (`CookieWriter`), so that one click on Login always signs in.
"""

import importlib
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import extra_streamlit_components as stx
import streamlit as st
import streamlit_authenticator as stauth
from streamlit_authenticator.models import cookie_model

from auth import accounts
from auth.cookie_key import cookie_key
from models.clock import utcnow

COOKIE_NAME = "coprod_sign_in"
COOKIE_DAYS = 7.0
COOKIE_LIFETIME = timedelta(days=COOKIE_DAYS)
SESSION_KEYS = ("authentication_status", "username", "name", "roles", "email")


# The component behind stx.CookieManager (its module's name is hidden by the class of the same name).
_COOKIE_COMPONENT = importlib.import_module("extra_streamlit_components.CookieManager")._component_func


class CookieWriter(stx.CookieManager):
    """The library's cookie manager without the component that reads the browser's cookies.

    That component, drawn on every run, sends the cookies back and so asks for a rerun of its own
    (twice on a server's first session: its id changes after the first run). The library never
    uses what it sends (it reads `st.context.cookies`), but with Streamlit's fast reruns a rerun
    asked for by the browser stops the run under way: arriving while a Login click was being
    checked, it stopped that run at the password check and started one in which the click was
    no longer set, so the form stayed, filled in (docs/decisions.md). Writing and deleting the
    cookie are as before: a component drawn in the run that signs in or out.
    """

    def __init__(self, key: str = "init") -> None:  # not super().__init__(): that draws the reader
        self.cookie_manager = _COOKIE_COMPONENT
        self.cookies = {}

    def delete(self, cookie: str, key: str = "delete") -> None:
        self.cookies.setdefault(cookie, None)  # the library deletes only what the reader had seen
        super().delete(cookie, key)


cookie_model.stx = SimpleNamespace(CookieManager=CookieWriter)  # what the library builds its manager from


def _secret_cookie_key() -> str | None:
    try:
        return st.secrets.get("cookie_key")
    except Exception:  # no secrets.toml at all
        return None


def _cookie_issued_at(token: dict) -> datetime | None:
    """The cookie's implied issue time, or None when its expiry is beyond now + the lifetime."""
    return accounts.cookie_issued_at(token.get("exp_date"), COOKIE_LIFETIME, utcnow())


def make_authenticator(engine) -> stauth.Authenticate:
    """Build once per run (its cookie writer draws components with fixed keys)."""
    authenticator = stauth.Authenticate(accounts.credentials(engine), COOKIE_NAME,
                                        cookie_key(engine, _secret_cookie_key()), COOKIE_DAYS,
                                        auto_hash=False, login_sleep_time=0.1)
    model = authenticator.authentication_controller.authentication_model

    def check_credentials(username: str, password: str) -> bool:
        account = accounts.check_sign_in(engine, username, password, address=client_address())
        if account is not None:
            st.session_state["signed_in_at"] = utcnow()
            st.session_state["session_version"] = account.session_version
        return account is not None

    model.check_credentials = check_credentials
    read_cookie = authenticator.cookie_controller.get_cookie

    def valid_cookie():
        try:
            token = read_cookie()
        except TypeError:  # signed, but its exp_date is no number: the library cannot compare it
            return None
        if not token:
            return token
        issued_at = _cookie_issued_at(token)
        account = accounts.get_account(engine, str(token.get("username") or ""))
        if issued_at is None or not accounts.session_still_valid(account, issued_at):
            return None
        st.session_state["signed_in_at"] = issued_at
        st.session_state["session_version"] = account.session_version
        return token

    authenticator.cookie_controller.get_cookie = valid_cookie
    return authenticator


def client_address() -> str | None:
    """The client's address, for the lockout per address (None when unknown, as in AppTest)."""
    try:
        address = st.context.ip_address
    except Exception:  # no session context
        return None
    return address if isinstance(address, str) and address else None  # AppTest gives a mock object


def current_account(engine) -> accounts.Account | None:
    """The signed-in account, or None; ends the session when the account was revoked since
    (its session version moved on), or when the session holds no version at all."""
    if not st.session_state.get("authentication_status"):
        return None
    account = accounts.get_account(engine, st.session_state.get("username") or "")
    signed_in_at = st.session_state.get("signed_in_at") or datetime.min.replace(tzinfo=UTC)
    version = st.session_state.get("session_version")
    if version is None or not accounts.session_still_valid(account, signed_in_at, version):
        forget_session()
        return None
    return account


def forget_session() -> None:
    for key in SESSION_KEYS:
        st.session_state[key] = None
    st.session_state.pop("signed_in_at", None)
    st.session_state.pop("session_version", None)


def sign_out(engine, authenticator: stauth.Authenticate, username: str) -> None:
    accounts.revoke_sessions(engine, username, actor=username)
    authenticator.logout(location="unrendered")
    forget_session()
