"""The overview's two monthly charts: young people taking part, and sessions in each mode."""

import pandas as pd
import streamlit as st

from charts.base import alt_text
from charts.engagement import active_by_month, sessions_alt_text, sessions_by_mode
from components.cached_charts import built
from components.chart_panel import show_chart
from measures import formatting
from measures.engagement import MONTHLY_KINDS
from measures.engagement_page import SESSION_KINDS


def monthly_charts(monthly: pd.DataFrame, sessions: pd.DataFrame, k: int, protected: bool) -> None:
    if monthly.empty:
        st.info("No sessions with young people in this period. Choose a longer period, or import "
                "sessions and attendance (python manage.py import ...).")
        return
    table = monthly[["month", "active_young_people", "suppressed"]]
    show_chart(built(active_by_month, monthly), table, title="Young people taking part each month",
               alt_text=alt_text("Bar chart", "young people taking part each month",
                                 monthly[~monthly["suppressed"]], value="active_young_people", label="month"),
               note=f"Months with {formatting.hidden(k)} young people are left out.", key="active-by-month",
               kinds=MONTHLY_KINDS, k=k, protected=protected)
    show_chart(built(sessions_by_mode, sessions), sessions, title="Sessions each month, in person, online and hybrid",
               alt_text=sessions_alt_text(sessions), key="sessions-by-mode", kinds=SESSION_KINDS, k=k,
               protected=protected)
