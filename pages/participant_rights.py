"""Participant records (admins): export everything held about one participant, or erase them."""

import json
import re

import pandas as pd
import streamlit as st

from components.page_guard import page_entry
from components.plain_text import escape_markdown
from components.store import current_engine
from components.view_audit import view_once
from data.safe_export import XLSX, records_xlsx
from data.participant_rights import (
    UnknownParticipant, erase_participant, export_participant, find_mentions, participant_codes, row_counts,
)

PAGE_ID = "participant-rights"
SCREEN = "participant records"
TABLE_NAMES = {"attendance": "Attendance at sessions", "evaluations": "Skill self-ratings (evaluations)",
               "principle_ratings": "Principle ratings they gave", "participants": "Their participant record"}
ERASED = "participant-rights-erased"


def render() -> None:
    engine = current_engine()
    me = st.session_state.get("username")
    st.title("Participant records", anchor=False)
    st.caption("A participant may ask for a copy of everything held about them, or for it to be erased. "
               "Both are recorded in the audit log (the code and the number of rows, nothing else; once erased, "
               "the code is replaced there too).")
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
    view_once(engine, SCREEN, code, [code])  # exports are audited when built (export_participant)
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
                "Figures for past periods will change. This cannot be undone: export first if they want a copy. "
                "Where the code is still written (the audit log, saved views' and board snapshots' names) it "
                "becomes *erased participant #n*.")
    _mentions(engine, code)
    sure = st.checkbox(f"I understand that {escape_markdown(code)} and all their records will be deleted for good",
                       key=f"erase-sure-{code}")
    if st.button("Erase participant", type="primary", disabled=not sure, icon=":material/delete_forever:"):
        try:
            erasure = erase_participant(engine, code, actor=me)
        except UnknownParticipant as problem:
            st.warning(str(problem))
            return
        st.session_state[ERASED] = (f"Erased participant {escape_markdown(code)}: {erasure.rows_deleted} rows "
                                    f"deleted. Where the code was still written it is now "
                                    f"'{escape_markdown(erasure.token)}'.")
        st.rerun()


def _mentions(engine, code: str) -> None:
    """Free text naming the participant: listed, never changed here, for the admin to edit first."""
    mentions = find_mentions(engine, code)
    if not mentions:
        st.caption(f"No feedback, session title, programme or rating comment names {escape_markdown(code)}.")
        return
    st.warning(f"This free text names {escape_markdown(code)}. Erasing does not change it: edit it first "
               "(e.g. on the record page) if it should not stay.", icon=":material/warning:")
    st.dataframe(pd.DataFrame({"Where": [m.where for m in mentions], "Field": [m.field for m in mentions],
                               "Text": [m.text for m in mentions]}), hide_index=True)


page_entry(PAGE_ID, render)
