"""Taking and deleting board snapshots (admins). Taking one is the period, the meeting date and a
name, then one click; the snapshot taken opens at once, with its board pack's download in view."""

from datetime import date

import streamlit as st

from board_snapshots.page_text import covers, widened
from board_snapshots.presets import PERIOD_CHOICES, default_name, period_for
from board_snapshots.saved import SnapshotProblem, create_snapshot, delete_snapshot
from components import flash
from components.plain_text import escape_markdown
from components.snapshots.choice import MESSAGES, TAKEN, forget, open_next
from measures.audiences import QuestionRefused, is_whole_months, whole_months
from measures.filters import Period


def take(engine, me: str, taken: set[str], just_taken: bool) -> None:
    # Open, so that taking one is a single click; folded right after, so the download is in view.
    label = "Take another snapshot" if just_taken else "Take a snapshot for a board meeting"
    with st.expander(label, expanded=not just_taken, icon=":material/photo_camera:"):
        left, right = st.columns(2)
        choice = left.selectbox("Period it covers", list(PERIOD_CHOICES), format_func=PERIOD_CHOICES.get,
                                key="take-period")
        meeting = right.date_input("Board meeting date", date.today(), key="take-meeting", format="YYYY-MM-DD")
        start = end = None
        if choice == "custom":
            start = left.date_input("From", key="take-from", value=None, format="YYYY-MM-DD")
            end = right.date_input("To", key="take-to", value=None, format="YYYY-MM-DD")
        try:
            period = _whole_months(period_for(choice, date.today(), start, end))
            st.caption(covers(period))
        except ValueError as problem:
            period = None
            st.warning(str(problem), icon=":material/date_range:")
        suggested = default_name(meeting, taken)
        st.text_input("Name", key="take-name", placeholder=suggested, max_chars=100,
                      help=f"Leave empty to call it '{suggested}'.")
        st.button("Take the snapshot", type="primary", icon=":material/photo_camera:", disabled=period is None,
                  on_click=_take_now, args=(engine, me, period, meeting, suggested))


def _whole_months(period: Period) -> Period:
    """A snapshot covers whole months (its figures are for trustees and the board pack): custom
    dates are widened to the whole months they touch, and the page says so."""
    if is_whole_months(period):
        return period
    months = whole_months(period)
    st.info(widened(period, months), icon=":material/calendar_month:")
    return months


def _take_now(engine, me: str, period, meeting: date, suggested: str) -> None:
    name = st.session_state.get("take-name") or suggested
    try:
        snapshot = create_snapshot(engine, name, period, meeting, me)
    except (SnapshotProblem, QuestionRefused) as problem:
        flash.say(MESSAGES, f"Nothing taken: {problem}", "error")
        return
    open_next(snapshot.name)
    st.session_state["take-name"] = ""
    flash.say(MESSAGES, f"Snapshot '{snapshot.name}' taken. Its figures are frozen: download the board pack below.",
              TAKEN)


def delete(engine, name: str, me: str) -> None:
    """Deleting the snapshot shown, once the admin has ticked that they mean it."""
    with st.expander("Delete this snapshot", icon=":material/delete:"):
        st.markdown(f"Deleting **{escape_markdown(name)}** removes its frozen figures for good; the next "
                    "snapshot will then be compared with the one before it. This is recorded in the audit log.")
        sure = st.checkbox(f"I understand that '{escape_markdown(name)}' will be deleted for good",
                           key=f"delete-sure-{name}")
        st.button("Delete snapshot", disabled=not sure, icon=":material/delete_forever:", key=f"delete-{name}",
                  on_click=_delete_now, args=(engine, name, me))


def _delete_now(engine, name: str, me: str) -> None:
    try:
        delete_snapshot(engine, name, me)
    except SnapshotProblem as problem:
        flash.say(MESSAGES, f"Nothing deleted: {problem}", "error")
        return
    forget()
    flash.say(MESSAGES, f"Snapshot '{name}' deleted.")
