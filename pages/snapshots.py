"""Board snapshots: figures frozen for a board meeting, side by side with the last one, exported.

Admins take a snapshot (name, period, meeting date) and then download the board pack: two
clicks. Trustees and admins open any snapshot (its name is in the URL, so a link reopens it).
Only aggregates appear here: the snapshot holds no participant-level rows.
"""

import streamlit as st

from board_snapshots.compare import compare
from board_snapshots.page_text import ABOUT, every_snapshot
from board_snapshots.saved import list_snapshots, previous_snapshot
from components import flash
from components.app_shell import page_entry
from components.connection import current_engine
from components.sign_in import current_account
from components.snapshots.changes import delete, take
from components.snapshots.choice import MESSAGES, TAKEN, choose
from components.snapshots.figures import charts, details, health, key_figures, summary
from components.snapshots.header import data_version, header
from components.snapshots.print_view import print_view
from measures.formatting import count

PAGE_ID = "snapshots"


def render() -> None:
    engine = current_engine()
    account = current_account(engine)
    is_admin = account is not None and account.role == "admin"
    printing = print_view()
    st.title("Board snapshots", anchor=False)
    just_taken = flash.show(MESSAGES) == TAKEN
    listing = list_snapshots(engine)
    if not printing:
        st.caption(ABOUT)
        if is_admin:
            take(engine, account.username, set(listing["name"]), just_taken)
    if listing.empty:
        st.metric("Snapshots taken", count(0), border=True)
        st.info("No board snapshots yet. " + ("Take the first one above." if is_admin else
                                                 "An administrator takes one before each board meeting."))
        return
    snapshot = choose(engine, listing)
    before = previous_snapshot(engine, snapshot)
    comparison = compare(snapshot, before)
    header(engine, snapshot, before, printing)
    health(snapshot, before, comparison, printing)
    key_figures(comparison, before is not None, printing)
    summary(comparison)
    details(comparison, before is not None, printing)
    charts(snapshot)
    data_version(snapshot)
    if not printing:
        st.subheader("Every snapshot", anchor=False)
        st.dataframe(every_snapshot(listing), hide_index=True, key="all-snapshots")
        if is_admin:
            delete(engine, snapshot.name, account.username)


page_entry(PAGE_ID, render)
