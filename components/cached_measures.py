"""Measures cached per (store, data version, period, filters): small results only, bounded."""

import streamlit as st

from measures import engagement, report
from measures.filters import Filters, Period
from models.db import engine_for

TTL = "10m"
ENTRIES = 256


@st.cache_data(ttl=TTL, max_entries=ENTRIES, show_spinner=False)
def figures(url: str, version: str, period: Period, filters: Filters) -> dict:
    return report.figures(engine_for(url), period, filters)


@st.cache_data(ttl=TTL, max_entries=ENTRIES, show_spinner=False)
def monthly_engagement(url: str, version: str, period: Period, filters: Filters, k: int):
    return engagement.monthly_engagement(engine_for(url), period, filters, k)


@st.cache_data(ttl=TTL, max_entries=ENTRIES, show_spinner=False)
def sessions_by_month(url: str, version: str, period: Period, filters: Filters, split: str):
    return engagement.sessions_by_month(engine_for(url), period, filters, split)
