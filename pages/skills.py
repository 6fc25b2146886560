"""Skills gained (being built: issue 4)."""

import streamlit as st

from components import cached_measures as cached
from components.figures import formatted
from components.filters import sidebar_filters
from components.page_guard import page_entry
from components.store import current_engine, suppression_k

PAGE_ID = "skills"


def render() -> None:
    period, filters = sidebar_filters(current_engine())
    st.title("Skills gained", anchor=False)
    figures = cached.figures(period, filters)
    st.metric("Sessions held", formatted(figures["engagement"]["sessions_held"], "count", suppression_k()), border=True)


page_entry(PAGE_ID, render)
