"""Audit log (admins): every sign-in, account change, import and export."""

import streamlit as st

from auth.audit import recent
from components.page_guard import page_entry
from components.store import current_engine

PAGE_ID = "audit-log"


def render() -> None:
    st.title("Audit log", anchor=False)
    st.caption("Who did what, and when (times in UTC), newest first: the last 500 entries.")
    entries = recent(current_engine())
    if entries.empty:
        st.info("Nothing recorded yet.")
        return
    actions = sorted(entries["action"].unique())
    chosen = st.multiselect("Show only", actions, placeholder="All actions")
    shown = entries[entries["action"].isin(chosen)] if chosen else entries
    st.dataframe(shown, hide_index=True, column_config={"at": st.column_config.DatetimeColumn("When"),
                                                        "actor": "Who", "action": "What", "detail": "Details"})


page_entry(PAGE_ID, render)
