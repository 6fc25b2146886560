"""Skills gained: young people's own before-and-after ratings, paired, per skill and per programme,
each change with its likely range and verdict; then whether taking part more goes with bigger gains."""

import streamlit as st

from charts.skills import not_plotted, plotted, plotted_cells
from components import cached_measures as cached
from components.app_shell import page_entry
from components.figure_page import FigurePage, heading, open_figure_page
from components.skills.chart_panels import not_shown_note, programme_chart, skill_charts
from components.skills.depth import depth_section
from components.skills.tables import programmes_and_skills, skills_at_a_glance
from measures import formatting
from measures.depth import depth
from measures.skills_page import any_ratings
from measures.skills_page_figures import skills_page_figures

PAGE_ID = "skills"


def render() -> None:
    page = open_figure_page()
    heading(page, "Skills gained")
    _explain_pairing()
    if page.filters.has_session_filter:
        st.caption("The activity type and mode filters do not apply here: a skill rating belongs to a "
                   "programme, not to one session. They only choose the sessions counted in 'Does taking part "
                   "more go with bigger gains?' below.")
    # The slowest figure: the database works it out while the figures above it are drawn.
    depth_figures = cached.started_early(depth, page.period, page.filters, page.k, page.protected)
    figures = cached.measure(skills_page_figures, page.period, page.filters, page.k)
    skills = figures["skills"]
    if not any_ratings(skills):
        st.info("No skill ratings in this period. Choose a longer period in the filters on the left, or "
                "import young people's 'before' and 'after' ratings (python manage.py import evaluations.csv).")
        skills_at_a_glance(skills, page.k)  # the skills being tracked, all without pairs
        return
    _by_skill(skills, page)
    if figures["by_programme"] is None:  # one programme chosen: the figures above are that programme's
        st.caption("One programme is chosen in the filters, so the figures above are that programme's. "
                   "Clear the programme filter to compare programmes.")
    else:
        _by_programme(figures["by_programme"], page)
    depth_section(page, depth_figures())


def _explain_pairing() -> None:
    with st.container(border=True):
        st.markdown(
            "**What 'paired' means.** We only compare a young person's own before and after ratings; "
            "ratings without a partner are left out, and we show how many are still waiting for an "
            "'after' survey. Young people rate each skill themselves from 1 to 5. For each young person, "
            "skill and programme we pair their first 'before' rating with their latest 'after' rating "
            "in this period.")


def _by_skill(skills, page: FigurePage) -> None:
    shown = plotted(skills)
    if shown.empty:
        st.info(f"No skill has before-and-after pairs from at least {formatting.count(page.k)} young people in this "
                "period, so there is nothing to plot yet. The table below shows what is waiting for an 'after' "
                "survey.")
    else:
        skill_charts(shown, page.k, page.protected)
    not_shown_note(*not_plotted(skills), page.k)
    skills_at_a_glance(skills, page.k)


def _by_programme(cells, page: FigurePage) -> None:
    st.header("By programme", anchor=False)
    if cells.empty:
        st.info("No programme has skill ratings in this period.")
        return
    shown = plotted_cells(cells)
    if shown.empty:
        st.info(f"Every programme's figures rest on {formatting.hidden(page.k)} young people in this period, so "
                "none is plotted. Choose a longer period to see more.")
    else:
        programme_chart(shown, page.k, page.protected)
    programmes_and_skills(cells, page.k)


page_entry(PAGE_ID, render)
