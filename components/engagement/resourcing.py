"""The engagement page's resourcing: valuing young people's expertise. What the organisation paid
young people for their time, per hour, how many of their attendances were paid and their
expenses; then the same programme by programme."""

import pandas as pd
import streamlit as st

from components.figure_page import FigurePage
from components.figure_row import figure_row
from measures.engagement_page import resourcing_figures, resourcing_note, resourcing_rows


def resourcing_section(figures: dict, page: FigurePage) -> None:
    """`figures`: the engagement page's (`measures.engagement_page.engagement_page_figures`), made
    for the page's audience."""
    st.header("Valuing young people's expertise", anchor=False)
    st.caption("What young people were paid for their time and expertise at the sessions they came to, per hour of "
               "their involvement, and the expenses paid back to them.")
    figure_row(resourcing_figures(figures["remuneration"], figures["remuneration_before"]), page.k, per_row=4)
    by_programme = figures["resourcing"]
    st.subheader("Programme by programme", anchor=False)
    if by_programme.empty:
        st.info("No young people came to a session in this period.")
        return
    st.dataframe(pd.DataFrame(resourcing_rows(by_programme, page.k)), hide_index=True, key="resourcing-table")
    st.caption(resourcing_note(int(by_programme["suppressed"].astype(bool).sum()), page.k))
