"""Engagement (being built: issue 4)."""

import streamlit as st

from components import cached_measures as cached
from components.figures import formatted
from components.filters import sidebar_filters
from components.page_guard import page_entry
from components.store import current_engine, suppression_k

PAGE_ID = "engagement"


def render() -> None:
    period, filters = sidebar_filters(current_engine())
    st.title("Engagement", anchor=False)
    figures = cached.figures(period, filters)
    value = formatted(figures["engagement"]["active_young_people"], "count", suppression_k())
    st.metric("Young people", value, border=True)


page_entry(PAGE_ID, render)
