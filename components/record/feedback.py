"""The Record page's "you said, we did" form: add an item, or update one (its status, what was
done, when young people were told, and whether young people and trustees see it). data.forms.feedback
saves it; the words of the item picker come from data.forms.feedback_words."""

from datetime import date

import streamlit as st

from components.cached_measures import store_check
from components.form_fields import me, pick, pick_programme, try_save
from components.plain_text import escape_markdown
from data.forms import FeedbackEntry, add_feedback, choices, update_feedback
from data.forms import words as w
from data.forms.feedback import stored_item
from data.forms.feedback_words import codes_named, item_line
from measures.formatting import day

FORM = "feedback"
ADD, UPDATE = "Add a new item", "Update an item"
SHOWN_LABEL = "Shown to young people and trustees"
SHOWN_HELP = ("Tick to approve the item: trustees and young people then see what was said and what we did, word for "
              "word, on the You said, we did page. Untick to keep it to admins and staff.")


def feedback_form(engine, r: int) -> None:
    action = st.radio("What do you want to do?", [ADD, UPDATE], horizontal=True, key=f"f-action-{r}")
    (_add if action == ADD else _update)(engine, r)


def _add(engine, r: int) -> None:
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
        try_save(FORM, lambda: add_feedback(engine, me(), item))


def _update(engine, r: int) -> None:
    items = store_check(choices.feedback_items)
    if items.empty:
        st.info("There are no items yet.")
        return
    lines = {row.code: item_line(row.code, row.status, row.you_said) for row in items.itertuples(index=False)}
    code = st.selectbox("Item", list(lines), key=f"u-item-{r}", format_func=lines.get, filter_mode="contains",
                        help="Newest first. Type a code or a word of what young people said to search.")
    item = stored_item(engine, code)
    if item is None:  # erased since the list was read
        st.warning("That item is no longer in the store.")
        return
    st.markdown(f"**You said** (raised {day(item.raised_on)}): {escape_markdown(item.you_said)}")
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
        try_save(FORM, lambda: update_feedback(engine, me(), code, status, we_did, told, shown))


def _warn_of_names(*texts: str | None) -> None:
    """A warning for each participant code of the store that the item's words name."""
    if not any(texts):
        return
    for code in codes_named(texts, store_check(choices.every_participant_code)):
        st.warning(f"This text names participant {escape_markdown(code)}: young people and trustees would see it "
                   "if shown.", icon=":material/warning:")
