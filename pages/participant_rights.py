"""Participant records (admins): export everything held about one participant, or erase them."""

import pandas as pd
import streamlit as st

from components import flash
from components.app_shell import page_entry
from components.page_opening import page_opening
from components.plain_text import escape_markdown
from components.rights.erasure import MESSAGES, erase
from components.rights.export import export
from components.rights.finding import find_participant
from components.view_audit import view_once
from data.participant_rights import UnknownParticipant, row_counts

PAGE_ID = "participant-rights"
SCREEN = "participant records"
TABLE_NAMES = {"attendance": "Attendance at sessions", "evaluations": "Skill self-ratings (evaluations)",
               "principle_ratings": "Principle ratings they gave", "participants": "Their participant record"}


def render() -> None:
    engine, me = page_opening("Participant records", "A participant may ask for a copy of everything held about "
                              "them, or for it to be erased. Both are recorded in the audit log (the code and the "
                              "number of rows, nothing else; once erased, the code is replaced there too).")
    flash.show(MESSAGES)
    code = find_participant(engine)
    if code is None:
        return
    try:
        counts = row_counts(engine, code)
    except UnknownParticipant as problem:  # erased by someone else since it was found
        st.warning(escape_markdown(str(problem)))
        return
    view_once(engine, SCREEN, code, [code])  # exports are audited when built (export_participant)
    st.subheader("What is held about them", anchor=False)
    st.dataframe(pd.DataFrame({"What": [TABLE_NAMES[t] for t in counts], "Rows": list(counts.values())}),
                 hide_index=True)
    export(engine, code, me)
    erase(engine, code, me)


page_entry(PAGE_ID, render)
