"""Showing one figure: plain formatting, "fewer than k" for suppressed ones, change since before."""

import streamlit as st

from measures import rounding
from measures.suppression import is_suppressed


def half_up(value: float, places: int) -> str:
    """Round as people do (2.25 -> 2.3), not as binary floats do (2.25 -> 2.2)."""
    return str(rounding.half_up(value, places))


def formatted(value, kind: str, k: int) -> str:
    if is_suppressed(value):
        return f"fewer than {k}"
    if value is None:
        return "no data"
    if kind == "share":
        return f"{rounding.half_up(value, 0, scale=100)}%"
    if kind == "mean":
        return half_up(value, 1)
    if kind == "score":  # out of 100, whole numbers
        return half_up(value, 0)
    if kind == "hours":
        return f"{value:,.0f}"
    if kind == "money":
        return f"£{value:,.0f}"
    return f"{value:,}"


NO_CHANGE = "no change"


def change(now, before, kind: str) -> str | None:
    """Change since the previous period, in the figure's own unit, as shown (a change that rounds
    to nothing is "no change", never a red "-0"); None when not comparable."""
    if any(v is None or is_suppressed(v) for v in (now, before)):
        return None
    diff = now - before
    if kind == "share":
        shown, unit = str(rounding.half_up(diff, 0, scale=100)), " points"
    elif kind == "mean":
        shown, unit = half_up(diff, 1), ""
    else:
        shown, unit = f"{rounding.half_up(diff, 0):,}", ""
    size = abs(float(shown.replace(",", "")))
    if size == 0:
        return NO_CHANGE
    if size == 1:
        unit = unit.rstrip("s")
    return f"{'' if shown.startswith('-') else '+'}{shown}{unit}"


def metric(label: str, now, before, kind: str, k: int, help_text: str, higher_is_better: bool = True) -> None:
    delta = change(now, before, kind)
    steady = delta == NO_CHANGE
    st.metric(label, formatted(now, kind, k), delta=delta, help=help_text, border=True,
              delta_color="off" if steady else "normal" if higher_is_better else "inverse",
              delta_arrow="off" if steady else "auto")
