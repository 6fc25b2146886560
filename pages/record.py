"""Record (admins and staff): the forms for day-to-day capture. Each form's rules and saving live
in data.forms (through the importer), its fields in a components/record_*.py piece; this page puts
the forms in tabs and says what was saved."""

import streamlit as st

from components import record_evaluation, record_feedback, record_participant, record_ratings, record_register
from components.app_shell import page_entry
from components.connection import current_engine, is_demo
from components.form_fields import form_round, show_saved

PAGE_ID = "record"
INTRO = ("Record things as they happen: a session and who came, a new participant, a skills evaluation, a rating "
         "of a session, and \"you said, we did\". Participants are known by their codes only: never type a name "
         "here.")
DEMO_CLEARED = ("The made-up demo organisation is loaded. Saving anything here records real data: the demo data and "
                "the demo accounts are deleted first, and anyone signed in with a demo account is signed out. Only "
                "what you save is kept (add programmes on the Bring in data page).")
# (tab label, which is also ?form= in the URL; the form's name for its round; the form's fields)
FORMS = (("Session and register", record_register.FORM, record_register.session_form),
         ("New participant", record_participant.FORM, record_participant.participant_form),
         ("Skills evaluation", record_evaluation.FORM, record_evaluation.evaluation_form),
         ("Rate a session", record_ratings.FORM, record_ratings.ratings_form),
         ("You said, we did", record_feedback.FORM, record_feedback.feedback_form))


def render() -> None:
    engine = current_engine()
    st.title("Record", anchor=False)
    st.caption(INTRO)
    if is_demo():
        st.warning(DEMO_CLEARED, icon=":material/warning:")
    show_saved()
    tabs = st.tabs([label for label, _, _ in FORMS], key="form", on_change="rerun", bind="query-params")
    for tab, (_, form, draw) in zip(tabs, FORMS, strict=True):
        if tab.open is not False:
            with tab:
                draw(engine, form_round(form))


page_entry(PAGE_ID, render)
