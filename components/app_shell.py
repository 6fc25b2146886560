"""The app's shell: open the store, sign the person in, run the page they asked for if their
role allows it.

Order matters (docs/decisions.md): every page is registered with st.navigation before signing
in, so a deep link or a reload lands on the page asked for; the menu shows only the pages of
the person's role, in the registry's sections; the shell, and then the page itself, refuse pages outside the role.
app.py calls `main()`; so does `page_entry` at the end of a page file that Streamlit ran
directly (see page_guard).
"""

import streamlit as st

from auth.accounts import ROLE_NAMES, SIGN_IN_FAILED
from auth.cookie_key import InsecureCookieKey
from components.accessibility import accessible_styles
from components.connection import current_engine, is_demo
from components.menu import sidebar_menu
from components.page_guard import may_render, running_page
from components.plain_text import escape_markdown
from components.registry import HOME, LINK_HOLDER, RATING_PAGE, allowed, navigation_pages, rating_page
from components.sign_in import current_account, make_authenticator, sign_out
from components.sign_in_help import sign_in_help
from models.settings import get_setting

# The page this session is on. A rerun asked for by a component (the sign-in cookie's, above
# all) can reach the server without its page, and Streamlit then serves the default page "/":
# the shell sends such a run back to the page the session was on.
_ON_PAGE = "_page_this_session_is_on"
RATE_PARAM = "rate"  # ?rate=TOKEN: a session's rating link (data/rating_links/)


def page_entry(page_id: str, render) -> None:
    """The last line of every page file: draw the page if the shell is running it for a role
    that may see it; otherwise let the shell decide (it runs this page again if allowed)."""
    if may_render(page_id):
        render()
        return
    main()


def main() -> None:
    accessible_styles()
    engine = current_engine()  # creates or upgrades the store; writes demo data into an empty one
    if RATE_PARAM in st.query_params:  # a young person's rating link: that page alone, no account
        page = st.navigation([rating_page()], position="hidden")
        with running_page(RATING_PAGE.page_id, LINK_HOLDER):
            page.run()
        return
    try:
        authenticator = make_authenticator(engine)
    except InsecureCookieKey as problem:
        st.error(f"The dashboard will not start: {problem}", icon=":material/gpp_bad:")
        st.stop()
    authenticator.login(location="unrendered")  # a valid cookie signs the person in again
    account = current_account(engine)
    work_label = get_setting(engine, "work_label")
    pages = navigation_pages(account.role if account else None, work_label)
    # Every page registered, the menu drawn by components/menu.py once the person is known.
    page = st.navigation(list(pages.values()), position="hidden")
    page_id = next(pid for pid, p in pages.items() if p.url_path == page.url_path)
    if is_demo():
        st.sidebar.warning("Demo data: a made-up organisation. No real young people are shown.",
                           icon=":material/science:")

    if page_id != "home":
        st.session_state[_ON_PAGE] = page_id
    if account is None:
        account = _sign_in(engine, authenticator)
        if account is None:
            st.stop()
    if page_id == "home":  # a forbidden page the session was on then says so, rather than vanish
        st.switch_page(pages[st.session_state.get(_ON_PAGE) or HOME[account.role]])
    sidebar_menu(pages, account.role, work_label)
    if not allowed(page_id, account.role):
        st.warning(f"This page is not available to your role ({ROLE_NAMES[account.role]}). "
                   "Use the menu on the left to open your pages.", icon=":material/block:")
        _account_panel(engine, authenticator, account)
        st.stop()
    _account_panel(engine, authenticator, account)
    if is_demo():
        st.info("You are looking at **demo data**: a made-up organisation, for trying the dashboard out.",
                icon=":material/science:")
    with running_page(page_id, account.role):
        page.run()


def _sign_in(engine, authenticator):
    """The sign-in screen; the account once signed in, else None (and the run stops).

    Right after a form sign-in this run stops too: the library's cookie manager (a component
    drawn in this run) must reach the browser to write the cookie, and its own rerun then
    opens the page. Clearing the screen or calling st.rerun() here loses the cookie.
    """
    label = get_setting(engine, "work_label")
    st.title(f"{label[:1].upper()}{label[1:]} health", anchor=False)
    st.write(f"Sign in to see how {label} is going.")
    authenticator.login(location="main", fields={"Form name": "Sign in", "Username": "Username",
                                                 "Password": "Password", "Login": "Login"})
    if st.session_state.get("authentication_status") is False:
        st.error(SIGN_IN_FAILED, icon=":material/lock:")
    if current_account(engine) is not None:
        st.success("Signed in. Opening your page...", icon=":material/check:")
        return None
    sign_in_help(engine)
    return None


def _account_panel(engine, authenticator, account) -> None:
    with st.sidebar:
        st.caption("Signed in as")
        st.markdown(f"**{escape_markdown(account.display_name)}**  \n{ROLE_NAMES[account.role]}")
        if st.button("Sign out", key="sign-out", icon=":material/logout:"):
            sign_out(engine, authenticator, account.username)
            st.rerun()
