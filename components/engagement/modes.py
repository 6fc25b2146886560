"""The engagement page's modes: young people and sessions each month, in person, online and
hybrid, and the period's key figures in each mode."""

import pandas as pd
import streamlit as st

from charts.engagement import mode_label, monthly_by_mode, monthly_by_mode_alt_text, shown_by_mode
from components.cached_charts import built
from components.chart_panel import show_chart
from components.figure_page import FigurePage
from measures import formatting
from measures.engagement_page import HIDDEN, PEOPLE_KINDS, SESSION_KINDS, hidden_bars_note, mode_rows


def modes_section(figures: dict, page: FigurePage, comparable: bool) -> None:
    """`figures`: the engagement page's (`measures.engagement_page.engagement_page_figures`)."""
    st.header("In person, online and hybrid", anchor=False)
    st.caption("Each chart has one row for all modes together and one row per mode, on the same scale, "
               "so a move from one way of meeting to another shows as one row shrinking while another grows.")
    _people(figures["people_by_month"], page)
    sessions = figures["sessions_by_month"]
    show_chart(built(monthly_by_mode, sessions, "sessions", page.period.start, page.period.end),
               sessions.assign(mode=sessions["mode"].map(mode_label)), title="Sessions held each month",
               key="sessions-by-mode", alt_text=monthly_by_mode_alt_text(sessions, "sessions", "sessions held"),
               kinds=SESSION_KINDS, k=page.k, protected=page.protected)
    _mode_table(figures["by_mode"], page.k, comparable)


def _people(people: pd.DataFrame, page: FigurePage) -> None:
    if shown_by_mode(people, "young_people").empty:
        st.info(f"Every month has {formatting.hidden(page.k)} young people in it, so there is nothing to draw. "
                "Choose a longer period or fewer filters.")
        return
    hidden_note = hidden_bars_note(int(people["suppressed"].astype(bool).sum()), page.k)
    show_chart(built(monthly_by_mode, people, "young_people", page.period.start, page.period.end),
               people.assign(mode=people["mode"].map(mode_label)), title="Young people taking part each month",
               alt_text=monthly_by_mode_alt_text(people, "young_people", "young people taking part"),
               note=" ".join(filter(None, ["A young person who came both in person and online in a month "
                                            "counts in both rows.", hidden_note])),
               key="people-by-mode", kinds=PEOPLE_KINDS, k=page.k, protected=page.protected)


def _mode_table(by_mode: dict, k: int, comparable: bool) -> None:
    st.subheader("This period in each mode", anchor=False)
    st.dataframe(pd.DataFrame(mode_rows(by_mode, k, comparable, mode_label)), hide_index=True, key="mode-table")
    st.caption(f"The same figures as at the top, for each mode on its own: a young person who came in more than "
               f"one mode counts in each. '{HIDDEN}': {formatting.hidden(k)} young people, or a figure that would "
               "let a hidden one be worked out from the total.")
