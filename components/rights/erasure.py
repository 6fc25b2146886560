"""Erasing a participant (admins): everything held about them, at once, after the admin has
ticked that they mean it; free text still naming them is listed first, to be edited by hand."""

import pandas as pd
import streamlit as st

from components import flash
from components.plain_text import escape_markdown
from data.participant_rights import UnknownParticipant, erase_participant, find_mentions
from measures.formatting import plural

MESSAGES = "participant-rights"  # components.flash key: what the last erasure did


def erase(engine, code: str, me: str | None) -> None:
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
        except UnknownParticipant as problem:  # erased by someone else since it was found
            st.warning(escape_markdown(str(problem)))
            return
        flash.say(MESSAGES, f"Erased participant {code}: {plural(erasure.rows_deleted, 'row')} deleted. Where the "
                            f"code was still written it is now '{erasure.token}'.")
        st.rerun()  # the codes found no longer hold it


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
