"""What the sign-in page says beyond the form: the demo accounts, or how to create the first admin.

The demo accounts' passwords are shown only to a browser on the same machine as the server (a
loopback address): anyone reaching the dashboard over a network is told to ask their administrator."""

import ipaddress

import streamlit as st

from auth.accounts import listing
from data.demo.accounts import DEMO_ACCOUNTS, demo_passwords

ASK_ADMIN = "Ask your administrator for an account."
# Headers a reverse proxy adds: the browser is then elsewhere, whatever address the proxy has.
FORWARDING_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip")


def may_see_demo_passwords(address: str | None) -> bool:
    """Only a loopback address (127.0.0.0/8, ::1) sees the demo passwords; anything else,
    an unknown address (None) or one that cannot be read included, does not."""
    if not address:
        return False
    try:
        return ipaddress.ip_address(address.strip()).is_loopback
    except ValueError:
        return False


def client_address() -> str | None:
    """The browser's address as the server sees it (the TCP peer), None when unknown.

    `st.context.ip_address` reports a loopback peer as None, the same as unknown; Streamlit's own
    loopback check reads the session's client context instead, and so does this. A connection
    through a reverse proxy (a forwarding header present) counts as unknown."""
    try:
        headers = {k.lower() for k in st.context.headers.keys()}
    except Exception:  # no session (e.g. a bare script run): nothing to go on
        return None
    if headers & set(FORWARDING_HEADERS):
        return None
    try:
        from streamlit.runtime.context import _get_client_context
        client = _get_client_context()
        if client is not None and client.remote_ip is not None:
            return client.remote_ip
    except Exception:  # a Streamlit without it: the public property (None for loopback: no passwords)
        pass
    try:
        return st.context.ip_address
    except Exception:
        return None


def sign_in_help(engine) -> None:
    users = listing(engine)
    demo = users[users["is_demo"].astype(bool)]
    if len(demo):
        if not may_see_demo_passwords(client_address()):
            st.info(ASK_ADMIN, icon=":material/person:")
            return
        passwords = demo_passwords(engine)
        st.info("**Demo accounts** (the demo data is made up; these accounts disappear when a real account "
                "is created, a record is saved or real data is imported). Their passwords are shown only on "
                "the server's own machine:", icon=":material/science:")
        shown = [(u, r, passwords[u]) for u, r, _ in DEMO_ACCOUNTS if u in passwords]
        st.table({"Username": [u for u, _, _ in shown], "Role": [r.replace("_", " ") for _, r, _ in shown],
                  "Password": [p for _, _, p in shown]})
    elif users.empty:
        st.info("There are no accounts yet. Create the first admin on the server with:\n\n"
                "`python manage.py create-user --username YOUR_NAME --role admin`", icon=":material/person_add:")
