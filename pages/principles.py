"""Principles and the ladder (being built: issue 4)."""

import streamlit as st

from components import cached_measures as cached
from components.figures import formatted
from components.filters import sidebar_filters
from components.page_guard import page_entry
from components.store import current_engine, suppression_k

PAGE_ID = "principles"


def render() -> None:
    period, filters = sidebar_filters(current_engine())
    st.title("Principles and the ladder", anchor=False)
    figures = cached.figures(period, filters)
    value = formatted(figures["engagement"]["doing_with_share"], "share", suppression_k())
    st.metric("'Doing with' sessions", value, border=True)


page_entry(PAGE_ID, render)
