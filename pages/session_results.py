"""Live session ratings (admins and staff): the answers young people send from a session's
rating link, for the shared screen. Presentation mode shows only the QR code and the results."""

import streamlit as st

from components.app_shell import page_entry
from components.chrome import hide_chrome
from components.connection import current_engine, suppression_k
from components.rating_links.staff_panel import link_for_the_room, pick_rated_session
from components.rating_links.live_results import live_results

PAGE_ID = "session-results"
PRESENT = "present"
ABOUT = ("Young people rate a session from their phones with its rating link (open one on the Record page, "
         "under \"Rate a session\"). Their answers show here within a few seconds.")


def render() -> None:
    engine = current_engine()
    presenting = st.toggle("Presentation mode", key=PRESENT, bind="query-params",
                           help="Only the QR code and the results, large, for a big screen.")
    if presenting:
        hide_chrome(also=(".st-key-present",))
    st.title("Live session ratings", anchor=False)
    if not presenting:
        st.caption(ABOUT)
    session = pick_rated_session(engine, presenting)
    if session is None:
        return
    link_for_the_room(engine, session)
    live_results(engine, session, suppression_k())


page_entry(PAGE_ID, render)
