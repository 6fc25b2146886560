"""Sign-in with streamlit-authenticator, against the accounts in the store.

The library's own checks have known gaps (docs/decisions.md), so two of its steps are routed
through auth/: the password check (lockout kept in the store, equal time and message for
every failure) and the cookie check (cookies issued before a sign-out, password change, role
change or deactivation are refused, and so is a token whose expiry lies beyond now + the cookie
lifetime). A signed-in session keeps the account's session version it signed in with, and ends
when the account's has moved on: see `accounts.session_still_valid` for the whole design.
"""

from datetime import UTC, datetime, timedelta

import streamlit as st
import streamlit_authenticator as stauth

from auth import accounts
from auth.cookie_key import cookie_key
from models.clock import utcnow

COOKIE_NAME = "coprod_sign_in"
COOKIE_DAYS = 7.0
COOKIE_LIFETIME = timedelta(days=COOKIE_DAYS)
SESSION_KEYS = ("authentication_status", "username", "name", "roles", "email")


def _secret_cookie_key() -> str | None:
    try:
        return st.secrets.get("cookie_key")
    except Exception:  # no secrets.toml at all
        return None


def _cookie_issued_at(token: dict) -> datetime | None:
    """The cookie's implied issue time, or None when its expiry is beyond now + the lifetime."""
    return accounts.cookie_issued_at(token.get("exp_date"), COOKIE_LIFETIME, utcnow())


def make_authenticator(engine) -> stauth.Authenticate:
    """Build once per run (its cookie manager is a component with a fixed key)."""
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
