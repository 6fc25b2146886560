"""The Record page's form for a new participant, known by a pseudonymous code only
(data.forms.participant saves it)."""

import streamlit as st

from components.form_fields import me, pick, try_save
from data.forms import NewParticipant, save_participant
from data.forms import words as w

FORM = "participant"


def participant_form(engine, r: int) -> None:
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
        try_save(FORM, lambda: save_participant(engine, me(), person))
