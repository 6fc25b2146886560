"""The app's shell: open the store, choose the pages this person may see, run the chosen one.

app.py calls `main()`. A page file opened directly by Streamlit (its old pages/-folder mode,
which can happen before any st.navigation call) calls `main()` too, through `page_entry`, so
the shell, never the page file, decides what is drawn.
"""

import streamlit as st

from components.page_guard import running_page
from components.registry import navigation_pages
from components.store import current_engine, is_demo

ROLE = "admin"  # sign-in and roles arrive with issue 3; until then everyone sees the admin's pages


def main() -> None:
    current_engine()  # creates or upgrades the store; writes demo data into an empty one
    pages = navigation_pages(ROLE)
    page = st.navigation(list(pages.values()))
    if is_demo():
        st.sidebar.warning("Demo data: a made-up organisation. No real young people are shown.",
                           icon=":material/science:")
        st.info("You are looking at **demo data**: a made-up organisation, for trying the dashboard out.",
                icon=":material/science:")
    page_id = next(pid for pid, p in pages.items() if p.url_path == page.url_path)
    with running_page(page_id):
        page.run()
