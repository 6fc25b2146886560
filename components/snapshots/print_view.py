"""The board snapshots page's print-friendly view: a plain page, bound to the URL, without the
menu, buttons, expanders and the snapshot choice (components.chrome)."""

import streamlit as st

from components.chrome import hide_chrome

PRINT = "print"  # the toggle's key, bound to the URL
ALSO_HIDDEN = ('[data-testid="stDownloadButton"]', '[data-testid="stExpander"]', ".st-key-snapshot")
# Static CSS (no data in it): a narrower page, and the toggle itself left off paper.
LAYOUT = ('[data-testid="stMainBlockContainer"] {max-width: 56rem; padding-top: 1.5rem;}\n'
          "@media print {.st-key-print {display: none !important;}}\n")


def print_view() -> bool:
    """True in the print view, its chrome then hidden. The toggle's state once it exists in this
    session; on opening a link, the URL's."""
    printing = bool(st.session_state.get(PRINT, st.query_params.get(PRINT)))
    if printing:
        hide_chrome(also=ALSO_HIDDEN, extra=LAYOUT)
    return printing


def print_toggle(column) -> None:
    column.toggle("Print-friendly view", key=PRINT, bind="query-params",
                  help="A plain page with the figures and charts, without the menu and buttons: print it from your "
                       "browser (Ctrl+P or Cmd+P). Turn this off to come back.")
