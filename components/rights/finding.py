"""Finding the participant a request is about: the first characters of their code narrow the
codes offered to at most LISTED (data.participant_rights.codes_starting_with), so the page never
reads or sends every code in the store."""

import streamlit as st

from components.plain_text import escape_markdown
from data.participant_rights import codes_starting_with
from measures.formatting import count

LISTED = 50


def find_participant(engine) -> str | None:
    """The code picked, or None (after saying why) when nothing starts with what was typed."""
    typed = st.text_input("Find a participant code", key="rights-find",
                          placeholder="Type the first characters of their code").strip()
    codes = codes_starting_with(engine, typed, limit=LISTED)
    if codes:
        return st.selectbox("Participant code", codes,
                            help=f"The first {count(LISTED)} codes, in order, that start with what you typed. "
                                 "Type more of the code to narrow them.")
    if typed:
        st.warning(f"No participant code starts with '{escape_markdown(typed)}'. Check the code they gave "
                   "(it may have been erased already).", icon=":material/person_search:")
    else:
        st.info("No participants in the store yet. Add them by importing participants.csv.")
    return None
