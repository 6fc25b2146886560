"""Principles and the ladder: how well the principles are kept, as young people and staff see it,
and where sessions sit on the ladder of co-production. Easy read (components/easy_read.py), on
by default for young people, says it all in short sentences with a plain summary of each chart."""

import streamlit as st

from components import cached_measures as cached
from components.app_shell import page_entry
from components.easy_read import easy_read_switch
from components.figure_page import heading, open_figure_page
from components.principles.ladder import ladder_section
from components.principles.ratings import principles_section
from measures.easy_read import protected_note
from measures.principles import principle_table, time_unit

PAGE_ID = "principles"


def render() -> None:
    page = open_figure_page()
    easy = easy_read_switch()
    unit = time_unit(page.period)
    heading(page, "Principles and the ladder")
    if easy and page.protected:
        st.markdown(protected_note(page.k))
    principles_section(cached.measure(principle_table, page.period, page.filters, page.k), page, unit, easy)
    ladder_section(page, unit, easy)


page_entry(PAGE_ID, render)
