"""Engagement: who takes part and keeps coming, in person, online and hybrid; which stages of
each programme had young people in them; which groups of young people the work reaches; and
what young people were paid for their time and expertise."""

import streamlit as st

from components import cached_measures as cached
from components.app_shell import page_entry
from components.engagement.modes import modes_section
from components.engagement.reach import reach_section, stages_section
from components.engagement.resourcing import resourcing_section
from components.figure_page import comparable, heading, open_figure_page
from components.figure_row import figure_row
from measures.engagement_page import comparable_figures, engagement_page_figures, key_figures

PAGE_ID = "engagement"


def render() -> None:
    page = open_figure_page()
    compared = comparable(page)
    figures = cached.measure(engagement_page_figures, page.period, page.filters, page.k, compared,
                             page.protected)
    now = comparable_figures(figures["now"], compared)
    heading(page, "Engagement", compared)
    st.subheader("Key figures", anchor=False)
    figure_row(key_figures(now, figures["before"]), page.k, per_row=3)
    if not now["sessions_held"]:
        st.info("No sessions in this period. Choose a longer period or fewer filters, or import sessions "
                "and attendance (python manage.py import ...).")
        return
    modes_section(figures, page, compared)
    stages_section(figures["stages"], page)
    reach_section(figures["reach"], now["active_young_people"], page)
    resourcing_section(figures, page)


page_entry(PAGE_ID, render)
