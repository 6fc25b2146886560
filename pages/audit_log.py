"""Audit log (admins): every sign-in, account change, import and export, and every view of a
screen showing participant codes. Filter by what was done and by a participant code."""

import streamlit as st

from components.app_shell import page_entry
from components.page_opening import page_opening
from measures.formatting import count
from models.audit import audit_actions, recent

PAGE_ID = "audit-log"
LIMIT = 500


def render() -> None:
    engine, _ = page_opening("Audit log", f"Who did what, and when (times in UTC), newest first: the last "
                                          f"{count(LIMIT)} entries of those chosen.")
    left, right = st.columns(2)
    chosen = left.multiselect("Show only", audit_actions(engine), placeholder="All actions", key="audit-actions")
    code = right.text_input("Participant code", key="audit-code", placeholder="Any participant",
                            help="Only entries whose details name this participant code (the whole code, as "
                                 "written: a view, an export, a form saved...).").strip()
    entries = recent(engine, LIMIT, actions=chosen, code=code or None)
    if entries.empty:
        st.info("No entries match." if chosen or code else "Nothing recorded yet.")
        return
    st.dataframe(entries, hide_index=True, column_config={"at": st.column_config.DatetimeColumn("When"),
                                                          "actor": "Who", "action": "What", "detail": "Details"})


page_entry(PAGE_ID, render)
