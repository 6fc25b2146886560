"""Users (admins): add people, set roles, reset passwords, deactivate, unlock."""

import streamlit as st

from auth import accounts
from auth.passwords import PasswordRejected
from components import flash
from components.app_shell import page_entry
from components.page_opening import page_opening

PAGE_ID = "users"
MESSAGES = "users"  # components.flash key: what the last change did


class Refused(ValueError):
    """An account change refused; the message says what was not done, and why."""


def render() -> None:
    engine, me = page_opening("Users")
    flash.show(MESSAGES)
    users = accounts.listing(engine)
    st.dataframe(users.assign(role=users["role"].map(accounts.ROLE_NAMES)), hide_index=True,
                 column_config={"username": "Username", "display_name": "Name", "role": "Role", "active": "Active",
                                "is_demo": "Demo account", "created_at": "Created",
                                "locked_until": "Locked until (UTC)"})
    add, change = st.tabs(["Add a user", "Change a user"])
    with add:
        _add_form(engine, me)
    with change:
        _change_forms(engine, me, list(users["username"]))


def _act(change, said, refused: str = "Not changed") -> None:
    """Make the change, then say `said` (or `said(what the change returned)`) over lists that
    show it; or say here what was not done, and why."""
    def run() -> str:
        try:
            result = change()
        except (accounts.AccountError, PasswordRejected) as problem:
            raise Refused(f"{refused}: {problem}") from problem
        return said(result) if callable(said) else said
    flash.act(MESSAGES, run, problems=(Refused,))


def _add_form(engine, me) -> None:
    with st.form("add-user", clear_on_submit=True):
        username = st.text_input("Username", help="Letters, digits, dots, dashes or underscores.")
        name = st.text_input("Name shown in the app")
        role = st.selectbox("Role", accounts.ROLES, format_func=accounts.ROLE_NAMES.get)
        password = st.text_input("Password", type="password", help="At least 12 characters.")
        if st.form_submit_button("Add user"):
            _act(lambda: accounts.create(engine, username, role, password, display_name=name or None, actor=me),
                 lambda account: f"Added {accounts.ROLE_NAMES[account.role].lower()} '{account.username}'.",
                 refused="Not added")


def _change_forms(engine, me, usernames: list[str]) -> None:
    if not usernames:
        st.info("No users yet.")
        return
    who = st.selectbox("User", usernames, key="change-user")
    role_col, password_col = st.columns(2)
    with role_col, st.form("set-role"):
        role = st.selectbox("New role", accounts.ROLES, format_func=accounts.ROLE_NAMES.get)
        if st.form_submit_button("Set role"):
            _act(lambda: accounts.set_role(engine, who, role, me), f"'{who}' is now {accounts.ROLE_NAMES[role]}.")
    with password_col, st.form("reset-password", clear_on_submit=True):
        password = st.text_input("New password", type="password", help="At least 12 characters.")
        if st.form_submit_button("Reset password"):
            _act(lambda: accounts.reset_password(engine, who, password, me),
                 f"Password of '{who}' reset; their open sessions were signed out.")
    deactivate, reactivate, unlock = st.columns(3)
    if deactivate.button("Deactivate", disabled=who == me, help="You cannot deactivate yourself."):
        _act(lambda: accounts.set_active(engine, who, False, me), f"'{who}' deactivated and signed out.")
    if reactivate.button("Reactivate"):
        _act(lambda: accounts.set_active(engine, who, True, me), f"'{who}' can sign in again.")
    if unlock.button("Unlock", help="Clears failed sign-ins after a lockout."):
        _act(lambda: accounts.unlock(engine, who, me), f"'{who}' unlocked.")


page_entry(PAGE_ID, render)
