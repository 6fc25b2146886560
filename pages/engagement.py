"""Engagement: who takes part and keeps coming, in person, online and hybrid; which stages of
each programme had young people in them; and which groups of young people the work reaches."""

import pandas as pd
import streamlit as st

from charts.engagement import (
    CHARACTERISTIC_LABELS, GROUP_LABELS, STAGE_LABELS, mode_label, monthly_by_mode, monthly_by_mode_alt_text,
    reach_alt_text, reach_chart, shown_by_mode, shown_reach, stage_grid_alt_text, stage_grid_chart,
)
from components import cached_measures as cached
from components.cached_charts import built
from components.audience import admin_note, page_audience, protected_note
from components.chart_panel import show_chart
from components.figures import formatted, metric
from components.filters import sidebar_filters
from components.page_guard import page_entry
from components.store import current_engine, suppression_k
from measures.audiences import is_protected
from measures.engagement_page import engagement_page_figures
from measures.periods import first_session_day
from measures.suppression import is_suppressed

PAGE_ID = "engagement"
HIDDEN = "hidden"
# (key in the engagement figures, label, kind) in the order the page shows them.
FIGURES = (
    ("active_young_people", "Young people", "count"),
    ("sessions_held", "Sessions held", "count"),
    ("attendance_rate", "Attendance", "share"),
    ("returning_share", "Came back", "share"),
    ("involvement_hours", "Involvement hours", "hours"),
    ("youth_led_share", "Youth-led sessions", "share"),
)
# The kind of every column of each chart's table, for its protected CSV (measures.protected_frames).
PEOPLE_KINDS = {"month": "label", "mode": "label", "young_people": "count", "suppressed": "label"}
SESSION_KINDS = {"month": "label", "mode": "label", "sessions": "exact"}
# A stage is 'yes' where at least one young person came; the number of such stages is not a count of people.
STAGE_KINDS = {"Programme": "label", "Stages with young people": "exact", **dict.fromkeys(STAGE_LABELS.values(),
                                                                                             "label")}
REACH_KINDS = {"Characteristic": "label", "Group": "label", "Young people": "count", "All young people": "count",
               "Share": ("share_of", "Young people", "All young people"), "Share (%)": "share", "Hidden": "label"}


def render() -> None:
    engine = current_engine()
    audience = page_audience()
    period, filters = sidebar_filters(engine, audience=audience)
    k = suppression_k()
    protected = is_protected(audience)
    first_day = first_session_day(engine)
    comparable = first_day is not None and period.previous().end >= first_day
    figures = cached.measure(engagement_page_figures, period, filters, k, comparable)
    now = figures["now"]
    before = figures["before"] or dict.fromkeys(now)
    if not comparable:  # nobody can have come back from a period with no records at all
        now = {**now, "returning_share": None}

    st.title("Engagement", anchor=False)
    compared = (f"Changes are against the {period.days} days before." if comparable
                else "No comparison: there are no records before this period.")
    st.caption(f"{period.start:%-d %B %Y} to {period.end:%-d %B %Y}. {compared}")
    st.caption(protected_note(k) if protected else admin_note(k))
    _key_figures(now, before, k, period.days)
    if not now["sessions_held"]:
        st.info("No sessions in this period. Choose a longer period or fewer filters, or import sessions "
                "and attendance (python manage.py import ...).")
        return
    _modes(figures, period, k, comparable, protected)
    _stages(figures["stages"], k, protected)
    _reach(figures["reach"], figures["now"]["active_young_people"], k, protected)


def _key_figures(now: dict, before: dict, k: int, days: int) -> None:
    help_texts = {
        "active_young_people": "Distinct young people who came to at least one session in the period. "
                               "Each person counts once, however many sessions they came to.",
        "sessions_held": "Sessions of any kind dated in the period.",
        "attendance_rate": "Of the places young people were expected at, the share where they came "
                           "(for example 10 of 12 expected places filled is 83%).",
        "returning_share": f"Of the young people taking part, the share who also took part in the {days} days "
                           "before ('no data' when there are no records before this period).",
        "involvement_hours": "Time young people spent in sessions: each session's length, counted once for "
                             "every young person who came.",
        "youth_led_share": "Sessions led by young people or co-led with staff, out of all sessions held.",
    }
    st.subheader("Key figures", anchor=False)
    for row in (FIGURES[:3], FIGURES[3:]):
        for column, (key, label, kind) in zip(st.columns(3), row, strict=True):
            with column:
                metric(label, now[key], before[key], kind, k, help_texts[key])


def _modes(figures: dict, period, k: int, comparable: bool, protected: bool) -> None:
    st.header("In person, online and hybrid", anchor=False)
    st.caption("Each chart has one row for all modes together and one row per mode, on the same scale, "
               "so a move from one way of meeting to another shows as one row shrinking while another grows.")
    people = figures["people_by_month"]
    hidden = int(people["suppressed"].astype(bool).sum())
    hidden_note = (f"{hidden} bar{'s are' if hidden != 1 else ' is'} left out (a gap is not always a zero): "
                   f"a bar is hidden when fewer than {k} young people stand behind it, or when it would let a hidden "
                   "one be worked out from the month's total. 'Show the numbers' lists them; the sessions chart "
                   "below has every month." if hidden else None)
    if shown_by_mode(people, "young_people").empty:
        st.info(f"Every month has fewer than {k} young people in it, so there is nothing to draw. "
                "Choose a longer period or fewer filters.")
    else:
        table = people.assign(mode=people["mode"].map(mode_label))
        show_chart(built(monthly_by_mode, people, "young_people", period.start, period.end), table,
                   title="Young people taking part each month",
                   alt_text=monthly_by_mode_alt_text(people, "young_people", "young people taking part"),
                   note=" ".join(filter(None, ["A young person who came both in person and online in a month "
                                                "counts in both rows.", hidden_note])),
                   key="people-by-mode", kinds=PEOPLE_KINDS, k=k, protected=protected)
    sessions = figures["sessions_by_month"]
    table = sessions.assign(mode=sessions["mode"].map(mode_label))
    show_chart(built(monthly_by_mode, sessions, "sessions", period.start, period.end), table,
               title="Sessions held each month",
               key="sessions-by-mode", alt_text=monthly_by_mode_alt_text(sessions, "sessions", "sessions held"),
               kinds=SESSION_KINDS, k=k, protected=protected)
    _mode_table(figures["by_mode"], k, comparable)


def _mode_table(by_mode: dict, k: int, comparable: bool) -> None:
    st.subheader("This period in each mode", anchor=False)
    rows = []
    for mode, figures in by_mode.items():
        if not comparable:
            figures = {**figures, "returning_share": None}
        rows.append({"Mode": mode_label(mode), **{label: HIDDEN if is_suppressed(figures[key])
                                                  else formatted(figures[key], kind, k)
                                                  for key, label, kind in FIGURES}})
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="mode-table")
    st.caption(f"The same figures as at the top, for each mode on its own: a young person who came in more than "
               f"one mode counts in each. '{HIDDEN}': fewer than {k} young people, or a figure that would let a "
               "hidden one be worked out from the total.")


def _stages(grid: pd.DataFrame, k: int, protected: bool) -> None:
    st.header("Involved from the beginning to the very end", anchor=False)
    if grid.empty:
        st.info("No programme held sessions in this period.")
        return
    table = (grid.assign(stage=grid["stage"].map(STAGE_LABELS), covered=grid["covered"].map({True: "yes", False: "no"}))
             .pivot(index=["name", "stages_covered"], columns="stage", values="covered")
             .reindex(columns=list(STAGE_LABELS.values())).reset_index()
             .rename(columns={"name": "Programme", "stages_covered": "Stages with young people"}))
    show_chart(built(stage_grid_chart, grid), table, title="Stages of each programme where young people took part",
               alt_text=stage_grid_alt_text(grid), key="stage-grid", kinds=STAGE_KINDS, k=k, protected=protected,
               note="Plan, design, deliver and review: a tick marks a stage where at least one young person came "
                    "to a session. Sessions with no stage recorded are left out.")


def _reach(reach: pd.DataFrame, all_young_people, k: int, protected: bool) -> None:
    """`all_young_people`: the period's young people (the whole each characteristic splits),
    SUPPRESSED when fewer than k; the CSV's shares are made from it and each group, both protected."""
    st.header("Who took part", anchor=False)
    hidden = reach[reach["suppressed"].astype(bool)]
    hidden_groups = "; ".join(
        f"{CHARACTERISTIC_LABELS[c]}: " + ", ".join(GROUP_LABELS.get(g, g).lower() for g in rows["group"])
        for c, rows in hidden.groupby("characteristic", sort=False))
    note = (f"Hidden to protect small groups (fewer than {k} young people, or a group that would give one away): "
            f"{hidden_groups}." if hidden_groups else None)
    if shown_reach(reach)["young_people"].sum() == 0:
        st.info(f"Every group has fewer than {k} young people in it, or nobody took part, so there is nothing to "
                "draw. Choose a longer period or fewer filters.")
        if note:
            st.caption(note)
        return
    table = pd.DataFrame({
        "Characteristic": reach["characteristic"].map(CHARACTERISTIC_LABELS),
        "Group": reach["group"].map(GROUP_LABELS).fillna(reach["group"]),
        "Young people": reach["young_people"],
        "Share (%)": [None if s is None or is_suppressed(s) or pd.isna(s) else round(100 * s) for s in reach["share"]],
        "Hidden": reach["suppressed"],
    })
    exported = table.drop(columns="Share (%)").assign(
        **{"All young people": pd.Series([all_young_people] * len(reach), index=reach.index, dtype=object),
           "Share": reach["share"]})
    show_chart(built(reach_chart, reach), table, title="Young people who took part, by age band, disability and care "
                                                "experience", alt_text=reach_alt_text(reach), key="reach", note=note,
               kinds=REACH_KINDS, k=k, protected=protected, export_data=exported)


page_entry(PAGE_ID, render)
