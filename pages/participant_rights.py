"""Participant records (admins): export everything held about one participant, or erase them."""

import json
import re

import pandas as pd
import streamlit as st

from components.page_guard import page_entry
from components.plain_text import escape_markdown
from components.store import current_engine
from data.safe_export import XLSX, records_xlsx
from data.participant_rights import (
    UnknownParticipant, erase_participant, export_participant, participant_codes, row_counts,
)

PAGE_ID = "participant-rights"
TABLE_NAMES = {"attendance": "Attendance at sessions", "evaluations": "Skill self-ratings (evaluations)",
               "principle_ratings": "Principle ratings they gave", "participants": "Their participant record"}
ERASED = "participant-rights-erased"


def render() -> None:
    engine = current_engine()
    me = st.session_state.get("username")
    st.title("Participant records", anchor=False)
    st.caption("A participant may ask for a copy of everything held about them, or for it to be erased. "
               "Both are recorded in the audit log (the code and the number of rows, nothing else).")
    if ERASED in st.session_state:
        st.success(st.session_state.pop(ERASED))
    codes = participant_codes(engine)
    if not codes:
        st.info("No participants in the store yet. Add them by importing participants.csv.")
        return
    code = st.selectbox("Participant code", codes, help="Type to search.")
    try:
        counts = row_counts(engine, code)
    except UnknownParticipant as problem:  # erased by someone else since the list was read
        st.warning(str(problem))
        return
    st.subheader("What is held about them", anchor=False)
    st.dataframe(pd.DataFrame({"What": [TABLE_NAMES[t] for t in counts], "Rows": list(counts.values())}),
                 hide_index=True)
    _export(engine, code, me)
    _erase(engine, code, me)


def _file_name(code: str, extension: str) -> str:
    return "participant-" + re.sub(r"[^A-Za-z0-9_-]", "_", code) + "." + extension


def _export(engine, code: str, me: str | None) -> None:
    st.subheader("Export", anchor=False)
    st.caption("The same records either way: Excel has a sheet per table, JSON is for other systems.")

    # Both run on click, off the page's thread: audited only when downloaded.
    def as_json() -> bytes:
        return json.dumps(export_participant(engine, code, actor=me), indent=2, ensure_ascii=False).encode("utf-8")

    def as_excel() -> bytes:
        return records_xlsx(export_participant(engine, code, actor=me))

    left, right = st.columns(2)
    left.download_button("Download everything held (Excel)", data=as_excel, file_name=_file_name(code, "xlsx"),
                         mime=XLSX, on_click="ignore", icon=":material/download:", key=f"export-xlsx-{code}")
    right.download_button("Download everything held (JSON)", data=as_json, file_name=_file_name(code, "json"),
                          mime="application/json", on_click="ignore", icon=":material/download:",
                          key=f"export-{code}")


def _erase(engine, code: str, me: str | None) -> None:
    st.subheader("Erase", anchor=False)
    st.markdown(f"Erasing deletes participant **{escape_markdown(code)}** and every row above, at once. "
                "Figures for past periods will change. This cannot be undone: export first if they want a copy.")
    sure = st.checkbox(f"I understand that {escape_markdown(code)} and all their records will be deleted for good",
                       key=f"erase-sure-{code}")
    if st.button("Erase participant", type="primary", disabled=not sure, icon=":material/delete_forever:"):
        try:
            deleted = erase_participant(engine, code, actor=me)
        except UnknownParticipant as problem:
            st.warning(str(problem))
            return
        rows = sum(deleted.values())
        st.session_state[ERASED] = f"Erased participant {escape_markdown(code)}: {rows} rows deleted."
        st.rerun()


page_entry(PAGE_ID, render)
