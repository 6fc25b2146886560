"""Record (admins and staff): the forms for day-to-day capture. Each form's rules and saving live
in data.forms (through the importer); this page only draws the fields and says what happened."""

from datetime import date

import streamlit as st

from components.form_fields import (
    findable, form_round, me, pick, pick_programme, pick_session, scores, show_saved, try_save,
)
from components.cached_measures import store_check
from components.page_guard import page_entry
from components.plain_text import escape_markdown
from components.register_editor import register_editor
from components.store import current_engine, is_demo
from components.view_audit import view_once
from data.forms import (
    EvaluationEntry, FeedbackEntry, NewParticipant, RatingEntry, SessionDetails, add_feedback,
    save_evaluation, save_participant, save_ratings, save_session, update_feedback,
)
from data.forms import choices
from data.forms.feedback import named_participants, stored_item
from data.forms.session import register_of, save_register
from data.forms import words as w
from data.frameworks_editor import offered_frameworks, offered_principles, offered_skills

PAGE_ID = "record"
SHOWN_LABEL = "Shown to young people and trustees"
SHOWN_HELP = ("Tick to approve the item: trustees and young people then see what was said and what we did, word for "
              "word, on the You said, we did page. Untick to keep it to admins and staff.")
REGISTER_SCREEN = "record: register of a session"
DEMO_CLEARED = ("The made-up demo organisation is loaded. Saving anything here records real data: the demo data and "
                "the demo accounts are deleted first, and anyone signed in with a demo account is signed out. Only "
                "what you save is kept (add programmes on the Bring in data page).")
TABS = ("Session and register", "New participant", "Skills evaluation", "Rate a session", "You said, we did")


def render() -> None:
    engine = current_engine()
    st.title("Record", anchor=False)
    st.caption("Record things as they happen: a session and who came, a new participant, a skills evaluation, "
               "a rating of a session, and \"you said, we did\". Participants are known by their codes only: "
               "never type a name here.")
    if is_demo():
        st.warning(DEMO_CLEARED, icon=":material/warning:")
    show_saved()
    tabs = st.tabs(TABS, key="form", on_change="rerun", bind="query-params")
    for tab, draw in zip(tabs, (_session, _participant, _evaluation, _rating, _feedback), strict=True):
        if tab.open is not False:
            with tab:
                draw(engine, form_round(draw.__name__.strip("_")))


def _session(engine, r: int) -> None:
    if store_check(choices.programmes).empty:
        st.info("There are no programmes yet. Add them on the Bring in data page (programmes.csv) first.")
        return
    new = st.radio("What are you recording?", ["A new session", "The register of a session already recorded"],
                   horizontal=True, key=f"s-what-{r}") == "A new session"
    if new:
        _new_session(engine, r)
    else:
        _register_only(engine, r)


def _register_only(engine, r: int) -> None:
    session = pick_session(f"g-session-{r}")
    if session is None:
        return
    st.caption("The register as saved so far. Change it, or add people; taking someone off this list does not "
               "remove them from the saved register: untick 'Came' instead.")
    saved = register_of(engine, session)
    # A saved register names participants: audited once per session code in this browser session.
    view_once(engine, REGISTER_SCREEN, session, [line.participant_code for line in saved], session=session)
    register = register_editor(store_check(choices.participants), f"g-register-{r}-{session}", saved)
    if st.button("Save register", type="primary", key=f"g-save-{r}", icon=":material/save:"):
        try_save("session", lambda: save_register(engine, me(), session, register))


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
    register = register_editor(store_check(choices.participants), f"s-register-{r}") if take else None
    if st.button("Save session", type="primary", key=f"s-save-{r}", icon=":material/save:"):
        details = SessionDetails(code, programme, day, activity, duration, mode, led_by, stage, rung, title)
        try_save("session", lambda: save_session(engine, me(), details, register))


def _participant(engine, r: int) -> None:
    st.warning("Use a pseudonymous code (for example YP-042), never a name or initials that could identify "
               "someone. Keep the list that links codes to people outside this dashboard.",
               icon=":material/badge:")
    left, right = st.columns(2)
    code = left.text_input("Participant code", key=f"p-code-{r}")
    with right:
        role = pick("Role", w.ROLES, f"p-role-{r}")
    left, right = st.columns(2)
    joined = left.date_input("Joined on (optional)", value=None, key=f"p-joined-{r}", format="YYYY-MM-DD")
    with right:
        age = pick("Age band (optional)", w.AGE_BANDS, f"p-age-{r}", optional=True)
    left, right = st.columns(2)
    with left:
        disability = pick("Disability / SEND (optional)", w.YES_NO_PREFER, f"p-disability-{r}", optional=True)
    with right:
        care = pick("Care experienced (optional)", w.YES_NO_PREFER, f"p-care-{r}", optional=True)
    consent = st.checkbox("They agree to their data being used", value=True, key=f"p-consent-{r}")
    if st.button("Add participant", type="primary", key=f"p-save-{r}", icon=":material/person_add:"):
        person = NewParticipant(code, role, joined, age, disability, care, consent)
        try_save("participant", lambda: save_participant(engine, me(), person))


def _evaluation(engine, r: int) -> None:
    people = store_check(choices.participants)
    young = list(people.loc[people["role"] == "young_person", "code"])
    left, right = st.columns(2)
    with left:
        chosen = st.session_state.get(f"e-person-{r}")
        young = findable(young, f"e-person-{r}", keep=[chosen] if chosen else [])
    person = left.selectbox("Young person", young, index=None, key=f"e-person-{r}",
                            placeholder="Type a participant code to search", filter_mode="contains")
    with right:
        programme = pick_programme(f"e-programme-{r}")
    left, right = st.columns(2)
    with left:
        timepoint = pick("When", w.TIMEPOINTS, f"e-when-{r}")
    completed = right.date_input("Completed on", value=date.today(), key=f"e-date-{r}", format="YYYY-MM-DD")
    st.markdown("**Their own rating of each skill**: 1 = low, 5 = high. Leave a skill blank if it was not asked.")
    given = scores(offered_skills(engine).itertuples(index=False), f"e-score-{r}")
    if st.button("Save evaluation", type="primary", key=f"e-save-{r}", icon=":material/save:"):
        entry = EvaluationEntry(person, programme, timepoint, completed, given)
        try_save("evaluation", lambda: save_evaluation(engine, me(), entry))


def _rating(engine, r: int) -> None:
    session = pick_session(f"r-session-{r}")
    frameworks = offered_frameworks(engine)
    names = dict(zip(frameworks["code"], frameworks["name"], strict=True))
    left, right = st.columns(2)
    with left:
        framework = pick("Framework", names, f"r-framework-{r}")
    rater_role = right.radio("Who is rating", list(w.RATER_ROLES), format_func=w.RATER_ROLES.get, horizontal=True,
                             key=f"r-role-{r}")
    people = store_check(choices.participants)
    same_side = people["role"].eq("young_person") == (rater_role == "young_person")
    left, right = st.columns(2)
    with left:
        chosen = st.session_state.get(f"r-rater-{r}-{rater_role}")
        raters = findable(list(people.loc[same_side, "code"]), f"r-rater-{r}-{rater_role}",
                          keep=[chosen] if chosen else [])
    rater = left.selectbox("Their participant code (optional)", raters, index=None,
                           key=f"r-rater-{r}-{rater_role}", placeholder="Leave empty to rate anonymously",
                           filter_mode="contains")
    rated_on = right.date_input("Rated on (optional)", value=None, key=f"r-date-{r}", format="YYYY-MM-DD",
                                help="Leave empty when the rating was given on the day of the session.")
    st.markdown("**How well did the session keep each principle?** 1 = not at all, 5 = completely. "
                "Leave a principle blank to skip it; click a score again to clear it.")
    principles = offered_principles(engine, framework) if framework else None
    given = scores(principles.itertuples(index=False), f"r-score-{r}-{framework}") if principles is not None else {}
    if st.button("Save ratings", type="primary", key=f"r-save-{r}", icon=":material/save:"):
        entry = RatingEntry(session, framework, rater_role, given, rater, rated_on)
        try_save("rating", lambda: save_ratings(engine, me(), entry))


def _feedback(engine, r: int) -> None:
    action = st.radio("What do you want to do?", ["Add a new item", "Update an item"], horizontal=True,
                      key=f"f-action-{r}")
    if action == "Add a new item":
        _add_feedback(engine, r)
    else:
        _update_feedback(engine, r)


def _add_feedback(engine, r: int) -> None:
    left, right = st.columns(2)
    raised = right.date_input("Raised on", value=date.today(), key=f"f-raised-{r}", format="YYYY-MM-DD")
    code = left.text_input("Item code", value=choices.suggested_feedback_code(engine, raised),
                           key=f"f-code-{r}-{raised}", help="Suggested from the date. Every item has its own code.")
    you_said = st.text_area("You said: what young people raised", key=f"f-said-{r}")
    left, right = st.columns(2)
    with left:
        programme = pick_programme(f"f-programme-{r}", optional=True, label="Programme (optional)")
    with right:
        status = pick("Status", w.FEEDBACK_STATUSES, f"f-status-{r}")
    we_did = st.text_area("We did: what was done, or why it was not possible (optional)", key=f"f-did-{r}")
    told = st.date_input("Told back on (optional)", value=None, key=f"f-told-{r}", format="YYYY-MM-DD",
                         help="When young people were told what happened.")
    _warn_of_names(you_said, we_did)
    shown = st.checkbox(SHOWN_LABEL, value=False, key=f"f-shown-{r}", help=SHOWN_HELP)
    if st.button("Add item", type="primary", key=f"f-save-{r}", icon=":material/add_comment:"):
        item = FeedbackEntry(code, raised, you_said, status, programme, we_did, told, shown)
        try_save("feedback", lambda: add_feedback(engine, me(), item))


def _update_feedback(engine, r: int) -> None:
    items = store_check(choices.feedback_items)
    if items.empty:
        st.info("There are no items yet.")
        return
    shown = {row.code: f"{row.code} · {w.FEEDBACK_STATUSES[row.status]} · {_short(row.you_said)}"
             for row in items.itertuples(index=False)}
    code = st.selectbox("Item", list(shown), key=f"u-item-{r}", format_func=shown.get, filter_mode="contains",
                        help="Newest first. Type a code or a word of what young people said to search.")
    item = stored_item(engine, code)
    if item is None:  # erased since the list was read
        st.warning("That item is no longer in the store.")
        return
    st.markdown(f"**You said** (raised {item.raised_on.isoformat()}): {escape_markdown(item.you_said)}")
    k = f"{r}-{code}"
    status = st.selectbox("Status", list(w.FEEDBACK_STATUSES), index=list(w.FEEDBACK_STATUSES).index(item.status),
                          format_func=w.FEEDBACK_STATUSES.get, key=f"u-status-{k}")
    we_did = st.text_area("We did: what was done, or why it was not possible", value=item.we_did or "",
                          key=f"u-did-{k}")
    told = st.date_input("Told back on", value=item.responded_on, key=f"u-told-{k}", format="YYYY-MM-DD",
                         help="When young people were told what happened; empty if not yet.")
    _warn_of_names(item.you_said, we_did)
    shown = st.checkbox(SHOWN_LABEL, value=bool(item.shown_to_all), key=f"u-shown-{k}", help=SHOWN_HELP)
    if st.button("Save changes", type="primary", key=f"u-save-{k}", icon=":material/save:"):
        try_save("feedback", lambda: update_feedback(engine, me(), code, status, we_did, told, shown))


def _warn_of_names(*texts: str | None) -> None:
    """A warning for each participant code of the store that the item's words name."""
    codes = list(store_check(choices.participants)["code"])
    named = dict.fromkeys(code for text in texts for code in named_participants(text, codes))
    for code in named:
        st.warning(f"This text names participant {escape_markdown(code)}: young people and trustees would see it "
                   "if shown.", icon=":material/warning:")


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


page_entry(PAGE_ID, render)
