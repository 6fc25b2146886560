"""Key figures as a row of metrics: each figure written by `measures.formatting` ('83%',
'fewer than 5', 'no data'), with its change since the period before ('+7 points', 'no change')
and its definition as help."""

import streamlit as st

from measures import formatting
from measures.engagement_page import KeyFigure


def metric(figure: KeyFigure, k: int) -> None:
    """One figure. No change is shown where either figure is hidden or missing; a change that
    rounds to nothing is 'no change', in grey, never a red '-0'."""
    delta = formatting.change(figure.now, figure.before, figure.kind)
    steady = delta == formatting.NO_CHANGE
    st.metric(figure.label, formatting.figure(figure.now, figure.kind, k), delta=delta, help=figure.help,
              border=True, delta_color="off" if steady else "normal" if figure.higher_is_better else "inverse",
              delta_arrow="off" if steady else "auto")


def figure_row(figures: list[KeyFigure], k: int, per_row: int | None = None) -> None:
    """`figures` in rows of `per_row` equal columns (all in one row by default)."""
    per_row = per_row or len(figures)
    for first in range(0, len(figures), per_row):
        for column, figure in zip(st.columns(per_row), figures[first:first + per_row], strict=False):
            with column:
                metric(figure, k)
