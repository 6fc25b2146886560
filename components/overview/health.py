"""The overview's health index: its value and status, and the chart of what it is made of."""

import streamlit as st

from charts.base import alt_text
from charts.health import components_chart, components_frame
from components.cached_charts import built
from components.chart_panel import show_chart
from components.figure_row import metric
from measures.health import COMPONENT_LABELS, STATUS_WORDS
from measures.overview_page import health_figure, thresholds_text

# The components of the exported frame are made from protected shares already.
HEALTH_KINDS = {"component": "label", "value": "exact", "weight": "exact", "status": "label"}


def health_section(health: dict, before: dict | None, exported: dict, protected: bool) -> None:
    """`health`, `before` (None: nothing to compare with) and `exported` (the protected one, for the
    CSV): health indexes as `measures.health.health_index` gives them."""
    st.subheader("Health index", anchor=False)
    if health["value"] is None:
        st.info("No component has data for this period yet, so there is no index. "
                "Import sessions, attendance, evaluations, ratings or feedback to see one.")
        return
    left, right = st.columns([1, 2])
    with left:
        metric(health_figure(health, before), 0)
        st.markdown(f"**{STATUS_WORDS[health['status']]}**")
        st.caption(thresholds_text(health["thresholds"]))
        left_out = [COMPONENT_LABELS[n] for n, c in health["components"].items() if c["weight"] == 0]
        if left_out:
            st.caption("Left out for lack of data (or fewer than k young people): " + "; ".join(left_out) + ".")
    with right:
        frame = components_frame(health, COMPONENT_LABELS)
        show_chart(built(components_chart, frame, health["thresholds"]), frame, title="What the index is made of",
                   alt_text=alt_text("Bar chart", "the health index components, scored out of 100", frame,
                                     value="value", label="component"),
                   key="health-components", kinds=HEALTH_KINDS, k=0, protected=protected,
                   export_data=components_frame(exported, COMPONENT_LABELS))
