"""The "Easy read" switch on the pages young people see, and what it draws: bigger text, and a
chart's one-line summary (the texts themselves: measures/easy_read.py).

Signed in, the switch is the account's own choice, kept in the store (auth/preferences.py; on by
default for young people). With no account (the rating page) it lives in the browser session,
on by default.
"""

import streamlit as st

from auth.accounts import AccountError
from auth.preferences import easy_read_default, easy_read_for, set_easy_read
from components.connection import current_engine
from components.sign_in import current_account

LABEL = "Easy read"
HELP = "Short sentences and bigger text."
BROWSER_KEY = "easy-read"   # no account: this browser session's choice
# Static CSS (no data in it): bigger text in the page's main column.
EASY_READ_CSS = """<style>
[data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] li,
[data-testid="stMainBlockContainer"] label p {font-size: 1.25rem; line-height: 1.6;}
[data-testid="stMainBlockContainer"] [data-testid="stCaptionContainer"] p {font-size: 1.1rem;}
[data-testid="stMainBlockContainer"] h2, [data-testid="stMainBlockContainer"] h3 {font-size: 1.6rem;}
[data-testid="stMainBlockContainer"] [data-testid="stMetricValue"] {font-size: 2.6rem;}
</style>"""


def easy_read_switch() -> bool:
    """The switch, read from and kept on the signed-in account; True when easy read is on."""
    engine = current_engine()
    account = current_account(engine)
    if account is None:
        return browser_easy_read_switch()
    key = f"easy-read-{account.username}"   # another account signed in later starts from its own
    if key not in st.session_state:
        chosen = easy_read_for(engine, account.username)
        st.session_state[key] = easy_read_default(account.role) if chosen is None else chosen
    return _drawn(st.toggle(LABEL, key=key, help=HELP, on_change=_keep, args=(engine, account.username, key)))


def browser_easy_read_switch() -> bool:
    """The switch with no account: this browser session's choice, on at first."""
    st.session_state.setdefault(BROWSER_KEY, True)
    return _drawn(st.toggle(LABEL, key=BROWSER_KEY, help=HELP))


def browser_easy_read() -> bool:
    """This browser session's choice where the switch is not drawn; bigger text when on."""
    return _drawn(st.session_state.get(BROWSER_KEY, True))


def _keep(engine, username: str, key: str) -> None:
    try:
        set_easy_read(engine, username, st.session_state[key])
    except AccountError:  # the account went while the page was open: the switch still works this session
        pass


def _drawn(on: bool) -> bool:
    if on:
        st.html(EASY_READ_CSS)
    return on
