"""The Record page's skills evaluation: a young person's own 1-5 rating of each skill offered,
before, after or at follow-up (data.forms.evaluation saves it)."""

from datetime import date

import streamlit as st

from components.form_fields import me, pick, participant_codes, pick_programme, scores, try_save
from data.forms import EvaluationEntry, choices, save_evaluation
from data.forms import words as w
from data.frameworks.editor import offered_skills

FORM = "evaluation"


def evaluation_form(engine, r: int) -> None:
    left, right = st.columns(2)
    with left:
        chosen = st.session_state.get(f"e-person-{r}")
        young, _roles = participant_codes(f"e-person-{r}", choices.YOUNG, keep=[chosen] if chosen else [])
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
        try_save(FORM, lambda: save_evaluation(engine, me(), entry))
