"""Record (admins and staff): the forms for day-to-day capture. Each form's rules and saving live
in data.forms (through the importer), its fields in a components/record_*.py piece; this page puts
the forms in tabs and says what was saved."""

import streamlit as st

from components.record import evaluation, feedback, participant, ratings, register
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
FORMS = (("Session and register", register.FORM, register.session_form),
         ("New participant", participant.FORM, participant.participant_form),
         ("Skills evaluation", evaluation.FORM, evaluation.evaluation_form),
         ("Rate a session", ratings.FORM, ratings.ratings_form),
         ("You said, we did", feedback.FORM, feedback.feedback_form))


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
