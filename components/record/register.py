"""The Record page's first form: a new session with its register, or the register of a session
already recorded (data.forms.session saves either)."""

from datetime import date

import streamlit as st

from components.cached_measures import store_check
from components.form_fields import me, pick, pick_programme, pick_session, try_save
from components.record.register_editor import register_editor
from components.view_audit import view_once
from data.forms import SessionDetails, choices, save_session
from data.forms import words as w
from data.forms.session import register_of, save_register

FORM = "session"
REGISTER_SCREEN = "record: register of a session"
NEW, REGISTER_ONLY = "A new session", "The register of a session already recorded"


def session_form(engine, r: int) -> None:
    """`r` is the form's round (components.form_fields.form_round), part of every widget key."""
    if store_check(choices.programmes).empty:
        st.info("There are no programmes yet. Add them on the Bring in data page (programmes.csv) first.")
        return
    what = st.radio("What are you recording?", [NEW, REGISTER_ONLY], horizontal=True, key=f"s-what-{r}")
    (_new_session if what == NEW else _register_only)(engine, r)


def _register_only(engine, r: int) -> None:
    session = pick_session(f"g-session-{r}")
    if session is None:
        return
    st.caption("The register as saved so far. Change it, or add people; taking someone off this list does not "
               "remove them from the saved register: untick 'Came' instead.")
    saved = register_of(engine, session)
    # A saved register names participants: audited once per session code in this browser session.
    view_once(engine, REGISTER_SCREEN, session, [line.participant_code for line in saved], session=session)
    register = register_editor(f"g-register-{r}-{session}", saved)
    if st.button("Save register", type="primary", key=f"g-save-{r}", icon=":material/save:"):
        try_save(FORM, lambda: save_register(engine, me(), session, register))


def _new_session(engine, r: int) -> None:
    left, right = st.columns(2)
    with left:
        programme = pick_programme(f"s-programme-{r}")
    day = right.date_input("Date", value=date.today(), key=f"s-date-{r}", format="YYYY-MM-DD")
    code = left.text_input("Session code", value=choices.suggested_session_code(engine, programme, day),
                           key=f"s-code-{r}-{programme}-{day}",
                           help="Suggested from the programme and the date. Every session has its own code.")
    title = right.text_input("Title (optional)", key=f"s-title-{r}")
    left, middle, right = st.columns(3)
    with left:
        activity = pick("Activity", w.ACTIVITY_TYPES, f"s-activity-{r}")
    duration = middle.number_input("Duration (hours)", min_value=0.25, max_value=24.0, value=2.0, step=0.25,
                                   key=f"s-hours-{r}")
    with right:
        mode = pick("Mode", w.MODES, f"s-mode-{r}")
    left, middle, right = st.columns(3)
    with left:
        led_by = pick("Led by", w.LED_BY, f"s-led-{r}", index=2)
    with middle:
        stage = pick("Stage of the work", w.STAGES, f"s-stage-{r}", optional=True)
    with right:
        rung = pick("Ladder rung", w.LADDER_RUNGS, f"s-rung-{r}", optional=True,
                    help="Where the session sat on the ladder of co-production, if you know.")
    st.subheader("Register", anchor=False)
    take = st.toggle("Take the register now", value=True, key=f"s-take-{r}",
                     help="Untick to record the session alone; take its register later with 'The register of a "
                          "session already recorded'.")
    register = register_editor(f"s-register-{r}") if take else None
    if st.button("Save session", type="primary", key=f"s-save-{r}", icon=":material/save:"):
        details = SessionDetails(code, programme, day, activity, duration, mode, led_by, stage, rung, title)
        try_save(FORM, lambda: save_session(engine, me(), details, register))
