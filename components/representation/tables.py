"""The figures group by group, one table per characteristic, every figure in words."""

import streamlit as st

from measures.representation import DIMENSIONS
from measures.representation_page import characteristic_words, words_table


def figures_tables(figures: dict, k: int) -> None:
    """`figures`: the representation figures as the page shows them."""
    st.header("The figures", anchor=False)
    st.caption("Taking part: young people who came to at least one session. Leading: those who were lead or "
               "co-facilitator at a session they came to. Doing with: those who came to a session on the "
               "ladder's co-design and co-production rungs. Leading share: leading out of taking part.")
    table = words_table(figures, k)
    for dimension in DIMENSIONS:
        name = characteristic_words(dimension)
        st.subheader(name, anchor=False)
        rows = table[table["Characteristic"] == name].drop(columns="Characteristic")
        st.dataframe(rows, hide_index=True, key=f"representation-{dimension}")
