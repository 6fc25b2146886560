"""Hiding the app's chrome (menu, header, toolbar) for the print view and presentation mode.

The CSS is static (no data in it), so it is safe for `st.html`. `also` names more parts to hide,
as CSS selectors (Streamlit gives a container with `key="x"` the class `st-key-x`).
"""

import streamlit as st

CHROME = ('[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], '
          '[data-testid="stExpandSidebarButton"], [data-testid="stHeader"], [data-testid="stToolbar"], '
          '[data-testid="stDecoration"]')


def chrome_css(also: tuple[str, ...] = (), extra: str = "") -> str:
    hidden = ",\n".join((CHROME, *also))
    return f"<style>\n{hidden} {{display: none !important;}}\n{extra}</style>"


def hide_chrome(also: tuple[str, ...] = (), extra: str = "") -> None:
    """Hide the menu, header and toolbar (and the parts in `also`); `extra` is more static CSS."""
    st.html(chrome_css(also, extra))
