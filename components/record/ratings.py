"""The Record page's principle ratings: how well a session kept each principle of a framework,
1-5, from a young person or a member of staff (data.forms.rating saves them)."""

import streamlit as st

from components.rating_links.staff_panel import open_link_panel
from components.form_fields import me, participant_codes, pick, pick_session, scores, try_save
from data.forms import RatingEntry, choices, save_ratings
from data.forms import words as w
from data.frameworks.editor import offered_frameworks, offered_principles
from models.vocab import YOUNG_PERSON

FORM = "rating"


def ratings_form(engine, r: int) -> None:
    session = pick_session(f"r-session-{r}")
    frameworks = offered_frameworks(engine)
    names = dict(zip(frameworks["code"], frameworks["name"], strict=True))
    left, right = st.columns(2)
    with left:
        framework = pick("Framework", names, f"r-framework-{r}")
    rater_role = right.radio("Who is rating", list(w.RATER_ROLES), format_func=w.RATER_ROLES.get, horizontal=True,
                             key=f"r-role-{r}")
    left, right = st.columns(2)
    with left:
        rater = _rater(r, rater_role)
    rated_on = right.date_input("Rated on (optional)", value=None, key=f"r-date-{r}", format="YYYY-MM-DD",
                                help="Leave empty when the rating was given on the day of the session.")
    st.markdown("**How well did the session keep each principle?** 1 = not at all, 5 = completely. "
                "Leave a principle blank to skip it; click a score again to clear it.")
    principles = offered_principles(engine, framework) if framework else None
    given = scores(principles.itertuples(index=False), f"r-score-{r}-{framework}") if principles is not None else {}
    if st.button("Save ratings", type="primary", key=f"r-save-{r}", icon=":material/save:"):
        entry = RatingEntry(session, framework, rater_role, given, rater, rated_on)
        try_save(FORM, lambda: save_ratings(engine, me(), entry))
    st.divider()
    open_link_panel(engine, r)


def _rater(r: int, rater_role: str) -> str | None:
    """The rater's own code, optional: young people for a young person's rating, everyone else for staff's."""
    side = choices.YOUNG if rater_role == YOUNG_PERSON else choices.OTHERS
    key = f"r-rater-{r}-{rater_role}"
    chosen = st.session_state.get(key)
    raters, _roles = participant_codes(key, side, keep=[chosen] if chosen else [])
    return st.selectbox("Their participant code (optional)", raters, index=None, key=key,
                        placeholder="Leave empty to rate anonymously", filter_mode="contains")
