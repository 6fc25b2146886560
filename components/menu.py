"""The menu: the role's pages in sections, each a heading and its links, in the sidebar.

Drawn by the app shell rather than by st.navigation: Streamlit's own grouped menu puts section
headers inside its list of links, which accessibility checkers rate a serious fault (a list
holding things that are not list items), and it folds a long menu behind "View more". Here the
sections are short and always open, the links are plain links (Tab and Enter reach each one),
and the current page is marked (docs/decisions.md)."""

import streamlit as st

from components.registry import role_sections, title_for

# Static CSS (no data in it): section names small and bold, links close together.
MENU_CSS = """<style>
.st-key-menu [class*="st-key-menu-section"] p {font-size: 0.85rem; font-weight: 700; margin: 0.6rem 0 0 0;}
.st-key-menu [data-testid="stPageLink"] a {padding-top: 0.15rem; padding-bottom: 0.15rem;}
</style>"""


def sidebar_menu(pages: dict[str, st.Page], role: str, work_label: str) -> None:
    """`pages` as `registry.navigation_pages` gives them (every page registered, for deep links);
    titles in the organisation's own word for the work."""
    with st.sidebar.container(key="menu"):
        st.html(MENU_CSS)
        for number, (section, specs) in enumerate(role_sections(role)):
            st.container(key=f"menu-section-{number}").markdown(section)
            for spec in specs:
                st.page_link(pages[spec.page_id], label=title_for(spec, work_label), icon=spec.icon)
        st.divider()
