"""Principles and the ladder: how well the principles are kept, as young people and staff see it,
and where sessions sit on the ladder of co-production."""

from components import cached_measures as cached
from components.app_shell import page_entry
from components.figure_page import heading, open_figure_page
from components.principles_ladder import ladder_section
from components.principles_ratings import principles_section
from measures.principles import principle_table, time_unit

PAGE_ID = "principles"


def render() -> None:
    page = open_figure_page()
    unit = time_unit(page.period)
    heading(page, "Principles and the ladder")
    principles_section(cached.measure(principle_table, page.period, page.filters, page.k), page, unit)
    ladder_section(page, unit)


page_entry(PAGE_ID, render)
