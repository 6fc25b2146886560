"""Board snapshots: figures frozen for a board meeting, side by side with the last one, exported.

Admins take a snapshot (name, period, meeting date) and then download the board pack: two
clicks. Trustees and admins open any snapshot (its name is in the URL, so a link reopens it).
Only aggregates appear here: the snapshot holds no participant-level rows.
"""

import re
from datetime import date

import streamlit as st

from components.chart_panel import show_chart
from components.page_guard import page_entry
from components.plain_text import escape_markdown
from components.sign_in import current_account
from components.store import current_engine
from measures.audiences import QuestionRefused, is_whole_months, whole_months
from measures.filters import Period
from board_snapshots.board_pack import board_pack_for, long_date, previous_words
from board_snapshots.compare import GROUPS, Comparison, as_frame, compare
from board_snapshots.core_charts import core_charts
from board_snapshots.freeze import PROTECTED_FORMAT
from board_snapshots.presets import PERIOD_CHOICES, default_name, period_for
from board_snapshots.store import (
    Snapshot, SnapshotProblem, create_snapshot, delete_snapshot, get_snapshot, list_snapshots, previous_snapshot,
)

PAGE_ID = "snapshots"
CHOSEN = "snapshot"        # the selected snapshot's name, kept in the URL
PRINT = "print"            # the print-friendly view, bound to the URL
FLASH = "snapshots-flash"  # a message for the next run: (kind, text)
STATUS_WORDS = {"green": "Green: healthy", "amber": "Amber: needs attention", "red": "Red: slipping"}
# Static CSS (no data in it): the print-friendly view drops the menu, buttons and expanders.
PRINT_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stDownloadButton"], [data-testid="stExpander"], .st-key-snapshot {display: none !important;}
[data-testid="stMainBlockContainer"] {max-width: 56rem; padding-top: 1.5rem;}
@media print {.st-key-print {display: none !important;}}
</style>"""


def render() -> None:
    engine = current_engine()
    account = current_account(engine)
    is_admin = account is not None and account.role == "admin"
    # The toggle's state once it exists in this session; on opening a link, the URL's.
    printing = bool(st.session_state.get(PRINT, st.query_params.get(PRINT)))
    if printing:
        st.html(PRINT_CSS)
    st.title("Board snapshots", anchor=False)
    just_taken = _flash()
    listing = list_snapshots(engine)
    if not printing:
        st.caption("A snapshot freezes the figures for a board meeting: they never change afterwards, whatever data "
                   "comes in. Each one is compared with the snapshot before it. Only totals and averages are kept.")
        if is_admin:
            _take(engine, account.username, set(listing["name"]), just_taken)
    if listing.empty:
        st.metric("Snapshots taken", "0", border=True)
        st.info("No board snapshots yet. " + ("Take the first one above." if is_admin else
                                                 "An administrator takes one before each board meeting."))
        return
    snapshot = _choose(engine, listing)
    before = previous_snapshot(engine, snapshot)
    comparison = compare(snapshot, before)
    _header(engine, snapshot, before, printing)
    _health(snapshot, before, comparison, printing)
    _key_figures(comparison, before is not None, printing)
    _summary(comparison)
    _details(comparison, before is not None, printing)
    _charts(snapshot)
    st.caption("Data version (a fingerprint of the records when it was taken): "
               + escape_markdown(snapshot.data_version.replace(";", "; ")))
    if not printing:
        _all_snapshots(listing)
        if is_admin:
            _delete(engine, snapshot.name, account.username)


def _flash() -> bool:
    """Show the message left by the last action; True when it was a snapshot just taken."""
    kind, text = st.session_state.pop(FLASH, (None, None))
    if kind == "error":
        st.error(text, icon=":material/error:")
    elif kind:
        st.success(text, icon=":material/check_circle:")
    return kind == "taken"


# --- Taking a snapshot (admins) --------------------------------------------------------------

def _take(engine, me: str, taken: set[str], just_taken: bool) -> None:
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
            st.caption(f"Covers {long_date(period.start)} to {long_date(period.end)} ({period.days} days).")
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
    st.info(f"Snapshots cover whole months, so this one will cover {long_date(months.start)} to "
            f"{long_date(months.end)}: the whole months that {long_date(period.start)} to {long_date(period.end)} "
            "touch.", icon=":material/calendar_month:")
    return months


def _take_now(engine, me: str, period, meeting: date, suggested: str) -> None:
    name = st.session_state.get("take-name") or suggested
    try:
        snapshot = create_snapshot(engine, name, period, meeting, me)
    except (SnapshotProblem, QuestionRefused) as problem:
        st.session_state[FLASH] = ("error", f"Nothing taken: {escape_markdown(str(problem))}")
        return
    st.session_state[CHOSEN] = snapshot.name
    st.query_params[CHOSEN] = snapshot.name
    st.session_state["take-name"] = ""
    st.session_state[FLASH] = ("taken", f"Snapshot '{escape_markdown(snapshot.name)}' taken. Its figures are "
                                        "frozen: download the board pack below.")


# --- Reading one ------------------------------------------------------------------------------

def _choose(engine, listing) -> Snapshot:
    """The snapshot named in the URL (else the latest). The URL always names the one shown, so a
    copied link keeps opening it after newer snapshots are taken."""
    names = list(listing["name"])
    asked = st.query_params.get(CHOSEN)
    if asked in names:
        st.session_state[CHOSEN] = asked
    elif asked:
        st.warning(f"There is no snapshot called '{escape_markdown(asked)}' (any more). Showing the latest one "
                   "instead.", icon=":material/search_off:")
    if st.session_state.get(CHOSEN) not in names:
        st.session_state.pop(CHOSEN, None)
    name = st.selectbox("Open a snapshot", names, key=CHOSEN, on_change=_name_in_url,
                        help="The latest board meeting first. The link in the address bar reopens this snapshot.")
    st.query_params[CHOSEN] = name
    return get_snapshot(engine, name)


def _name_in_url() -> None:
    st.query_params[CHOSEN] = st.session_state[CHOSEN]


def _file_stem(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower()[:60] or "snapshot"


def _header(engine, snapshot: Snapshot, before: Snapshot | None, printing: bool) -> None:
    st.header(escape_markdown(snapshot.name), anchor=False)  # a name is data: never read as markdown
    compared = (f"Compared with the previous snapshot, {escape_markdown(previous_words(before))}." if before else
                "This is the first snapshot: there is nothing earlier to compare it with.")
    st.markdown(f"For the board meeting on **{long_date(snapshot.meeting_date)}**. Covers "
                f"{long_date(snapshot.period.start)} to {long_date(snapshot.period.end)}. {compared}")
    rounded = (f" Counts of young people are rounded to a multiple of {snapshot.k}, and shares are worked out from "
               "the rounded counts." if snapshot.content.get("format", 1) >= PROTECTED_FORMAT else "")
    st.caption(f"Figures resting on fewer than {snapshot.k} young people are not shown: they read 'fewer than "
               f"{snapshot.k}' and are left out of the charts.{rounded} Taken on {long_date(snapshot.created_at)} by "
               f"{escape_markdown(snapshot.created_by)}.")
    left, right = st.columns([1, 1])
    if printing:
        right = left  # nothing beside the switch back
    else:
        left.download_button("Download the board pack (PDF)", data=lambda: board_pack_for(engine, snapshot.name),
                             file_name=f"board-pack-{_file_stem(snapshot.name)}.pdf", mime="application/pdf",
                             on_click="ignore", type="primary", icon=":material/picture_as_pdf:",
                             key=f"pdf-{snapshot.name}")
    right.toggle("Print-friendly view", key=PRINT, bind="query-params",
                 help="A plain page with the figures and charts, without the menu and buttons: print it from your "
                      "browser (Ctrl+P or Cmd+P). Turn this off to come back.")


def _health(snapshot: Snapshot, before: Snapshot | None, comparison: Comparison, printing: bool) -> None:
    st.subheader("Health index", anchor=False)
    index = comparison.health[0]
    delta = index.change if index.change not in ("", "cannot compare", "no change") else None
    columns = st.columns(2)
    _index_box(columns[0], f"This time: {snapshot.name}", snapshot.figures["health_index"], index.now, delta)
    if before is not None:
        _index_box(columns[1], f"Last time: {before.name}", before.figures["health_index"], index.before, None)
    t = snapshot.figures["health_index"]["thresholds"]
    st.caption(f"Green from {t['green']}, amber from {t['amber']}, red below. The index is the weighted average of "
               f"the components below; a component without data, or resting on fewer than {snapshot.k} young "
               "people, is left out and the others weighted up.")
    _figures(as_frame(comparison.health[1:], "Component (score out of 100)", before is not None), "health-table",
             printing)


def _index_box(column, label: str, health: dict, shown: str, delta: str | None) -> None:
    with column.container(border=True, height=170):
        value = f"{shown} out of 100" if health["value"] is not None else "no index"
        st.metric(escape_markdown(label), value, delta=delta,
                  help="The weighted average of the components below. Weights and thresholds are the "
                       "organisation's to set.")
        st.markdown(f"**{STATUS_WORDS[health['status']]}**" if health["status"] else "No component had data.")


def _figures(frame, key: str, printing: bool, **config) -> None:
    """A table of figures: fixed for printing (every row on paper), interactive on screen."""
    if printing:
        st.table(frame, hide_index=True)
    else:
        st.dataframe(frame, hide_index=True, height="content", key=key, **config)


def _key_figures(comparison: Comparison, has_before: bool, printing: bool) -> None:
    st.subheader("Key figures" + (" and the change since last time" if has_before else ""), anchor=False)
    _figures(as_frame(comparison.key_figures, "Figure", has_before), "key-figures", printing)


def _summary(comparison: Comparison) -> None:
    st.subheader("What changed since last time", anchor=False)
    for note in comparison.notes:
        st.caption(escape_markdown(note))
    _grouped(comparison.sentences("headline"))


def _grouped(sentences: dict[str, list[str]]) -> None:
    for key, title in GROUPS:
        if key in sentences:
            st.markdown(f"**{title}**\n\n" + "\n".join(f"- {escape_markdown(s)}" for s in sentences[key]))


def _details(comparison: Comparison, has_before: bool, printing: bool) -> None:
    if not comparison.principles and not comparison.skills:
        return
    st.subheader("Principles and skills", anchor=False)
    st.caption("Principles: the average rating from 1 (not at all) to 5 (completely). Skills: young people's "
               "average gain, after minus before, on their own 1 to 5 ratings.")
    _grouped(comparison.sentences("detail"))
    if comparison.principles:
        _figures(as_frame(comparison.principles, "Principle", has_before), "principles", printing,
                 column_config={"Principle": st.column_config.TextColumn(width="large")})
    if comparison.skills:
        _figures(as_frame(comparison.skills, "Skill (average gain)", has_before), "skills", printing)


# The kind of every column of the core charts' tables (board_snapshots.core_charts), for their
# CSV files (measures.protected_frames). The figures are protected already when the snapshot is
# taken; protecting them again leaves them as they are (a multiple of k stays one).
CHART_KINDS = {
    "Component": "label", "Score (0-100)": "exact", "Weight (%)": "exact",  # scores made from protected shares
    "Month": "label", "Young people": "count",
    "Skill": "label", "Pairs": "count", "Before": "mean", "After": "mean", "Average change": "mean",
    "Principle": "label", "Rated by": "label", "Average rating": "mean",
    "Month raised": "label", "Raised": "exact", "Told back within 30 days": "exact",  # feedback items
}


def _charts(snapshot: Snapshot) -> None:
    charts = core_charts(snapshot)
    if not charts:
        st.info("Nothing to chart in this snapshot's period.")
    # Snapshots taken before figures were protected (format 1) offer no images of their charts.
    protected = snapshot.content.get("format", 1) >= PROTECTED_FORMAT
    for chart in charts:
        show_chart(chart.chart, chart.data, title=chart.title, alt_text=chart.alt_text, key=chart.key, note=chart.note,
                   kinds=CHART_KINDS, k=snapshot.k, protected=protected)


def _all_snapshots(listing) -> None:
    st.subheader("Every snapshot", anchor=False)
    table = listing.assign(
        period=[f"{long_date(a)} to {long_date(b)}" for a, b in zip(listing["period_from"], listing["period_to"],
                                                                    strict=True)],
        meeting=[long_date(d) for d in listing["meeting_date"]],
        taken=[long_date(d) for d in listing["created_at"]])
    st.dataframe(table[["name", "meeting", "period", "taken", "created_by"]].rename(columns={
        "name": "Name", "meeting": "Board meeting", "period": "Period covered", "taken": "Taken on",
        "created_by": "Taken by"}), hide_index=True, key="all-snapshots")


# --- Deleting one (admins) --------------------------------------------------------------------

def _delete(engine, name: str, me: str) -> None:
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
        st.session_state[FLASH] = ("error", f"Nothing deleted: {escape_markdown(str(problem))}")
        return
    st.session_state.pop(CHOSEN, None)
    st.query_params.pop(CHOSEN, None)
    st.session_state[FLASH] = ("success", f"Snapshot '{escape_markdown(name)}' deleted.")


page_entry(PAGE_ID, render)
