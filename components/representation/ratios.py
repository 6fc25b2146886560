"""The chart of representation ratios: a dot per group against 1 (fair) and the threshold, its
table in words, and a file of protected figures."""

import streamlit as st

from charts.representation import ratio_alt_text, ratio_chart, shown_ratios
from components import cached_measures as cached
from components.cached_charts import built
from components.chart_panel import show_chart
from components.figure_page import FigurePage
from measures import formatting
from measures.representation import representation
from measures.protected_figures import protected_representation
from measures.representation_page import (
    EXPORT_KINDS, chart_frame, export_frame, nobody_led, not_drawn_note, words_table,
)


def ratio_section(figures: dict, page: FigurePage, below: float) -> None:
    """`figures`: the representation figures as the page shows them (protected for a protected
    audience)."""
    st.header("Who leads, group by group", anchor=False)
    frame, note = chart_frame(figures), not_drawn_note(figures, page.k)
    if shown_ratios(frame, below).empty:
        if nobody_led(figures):
            st.info("Nobody led a session (as lead or co-facilitator) in this period, so there is no ratio to draw. "
                    "The tables below show who took part.")
        else:
            st.info(f"Every group with young people in it has {formatting.hidden(page.k)} young people, or would "
                    "give one away, so there is nothing to draw. Choose a longer period or fewer filters.")
        if note:
            st.caption(note)
        return
    show_chart(built(ratio_chart, frame, below), words_table(figures, page.k),
               title="How often each group leads, against how often it takes part",
               alt_text=ratio_alt_text(frame, below), key="representation", note=note, kinds=EXPORT_KINDS,
               k=page.k, protected=page.protected, export_data=export_frame(_for_files(figures, page)))


def _for_files(figures: dict, page: FigurePage) -> dict:
    """The protected figures a file holds: the page's own when it is protected; otherwise worked
    out again with the values of each characteristic hidden as parts of one whole (docs/disclosure.md)."""
    if page.protected:
        return figures
    full, totals = cached.measure(representation, page.period, page.filters, page.k, True)
    return protected_representation(full, totals, page.k)
