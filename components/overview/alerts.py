"""The overview's alerts: where co-production is slipping against the thresholds set in Settings
(`measures.alerts`)."""

import streamlit as st

from components.plain_text import escape_markdown
from measures.alerts import alerts
from measures.overview_page import alerts_heading


def alerts_box(now: dict, before: dict, thresholds: dict, label: str) -> None:
    """`now` and `before`: measures objects (`before` all None when there is nothing to compare)."""
    found = alerts(now, before, thresholds, label)
    if not found:
        st.success("No alerts: every principle, the feedback loop and participation are within the "
                   "thresholds set in Settings.", icon=":material/check_circle:")
        return
    with st.container(border=True):
        st.markdown(alerts_heading(found))
        for sentence in found:
            st.markdown(f"- {escape_markdown(sentence)}")
