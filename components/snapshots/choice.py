"""Which snapshot the board snapshots page shows: named in the URL, so a copied link keeps
opening it after newer snapshots are taken. And the key of the page's messages (components.flash)."""

import streamlit as st

from board_snapshots.saved import Snapshot, get_snapshot
from components.plain_text import escape_markdown

CHOSEN = "snapshot"      # the selected snapshot's name, kept in the URL
MESSAGES = "snapshots"   # components.flash key of what the last change did
TAKEN = "taken"          # the message's kind after a snapshot is taken (shown as a success)


def choose(engine, listing) -> Snapshot:
    """The snapshot named in the URL (else the latest). The URL always names the one shown."""
    names = list(listing["name"])
    asked = st.query_params.get(CHOSEN)
    if asked in names:
        st.session_state[CHOSEN] = asked
    elif asked:
        st.warning(f"There is no snapshot called '{escape_markdown(asked)}' (any more). Showing the latest one "
                   "instead.", icon=":material/search_off:")
    if st.session_state.get(CHOSEN) not in names:
        st.session_state.pop(CHOSEN, None)
    name = st.selectbox("Open a snapshot", names, key=CHOSEN, on_change=_name_in_url,
                        help="The latest board meeting first. The link in the address bar reopens this snapshot.")
    st.query_params[CHOSEN] = name
    return get_snapshot(engine, name)


def _name_in_url() -> None:
    st.query_params[CHOSEN] = st.session_state[CHOSEN]


def open_next(name: str) -> None:
    """Show the snapshot `name` on the next run (from a widget callback)."""
    st.session_state[CHOSEN] = name
    st.query_params[CHOSEN] = name


def forget() -> None:
    """Show the latest snapshot on the next run (the chosen one is gone)."""
    st.session_state.pop(CHOSEN, None)
    st.query_params.pop(CHOSEN, None)
