"""Who gets to lead: for each group of young people (by age band, disability and care experience),
how many take part, how many lead, and whether the group leads as often as it takes part."""

import streamlit as st

from components import cached_measures as cached
from components.app_shell import page_entry
from components.figure_page import heading, open_figure_page
from components.representation.alerts import alerts_box
from components.representation.ratios import ratio_section
from components.representation.tables import figures_tables
from measures.representation import representation
from measures.protected_figures import protected_representation
from measures.representation_page import explanation
from models.settings import get_setting

PAGE_ID = "representation"


def render() -> None:
    page = open_figure_page()
    heading(page, "Who gets to lead")
    below = get_setting(page.engine, "alert_thresholds")["representation_ratio_below"]
    with st.container(border=True):
        st.markdown(explanation(below))
    figures, totals = cached.measure(representation, page.period, page.filters, page.k, page.protected)
    if not totals["taking_part"]:
        st.info("No young people took part in this period. Choose a longer period or fewer filters, or import "
                "sessions and attendance (python manage.py import ...).")
        return
    shown = protected_representation(figures, totals, page.k) if page.protected else figures
    alerts_box(shown, page.k, below)
    ratio_section(shown, page, below)
    figures_tables(shown, page.k)


page_entry(PAGE_ID, render)
