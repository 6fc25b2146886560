"""Showing one figure: plain formatting, "fewer than k" for suppressed ones, change since before."""

from decimal import ROUND_HALF_UP, Decimal

import streamlit as st

from measures.suppression import is_suppressed


def half_up(value: float, places: int) -> str:
    """Round as people do (2.25 -> 2.3), not as binary floats do (2.25 -> 2.2)."""
    exponent = Decimal(1).scaleb(-places)
    return str(Decimal(repr(value)).quantize(exponent, rounding=ROUND_HALF_UP))


def formatted(value, kind: str, k: int) -> str:
    if is_suppressed(value):
        return f"fewer than {k}"
    if value is None:
        return "no data"
    if kind == "share":
        return f"{half_up(100 * value, 0)}%"
    if kind == "mean":
        return half_up(value, 1)
    if kind == "hours":
        return f"{value:,.0f}"
    if kind == "money":
        return f"£{value:,.0f}"
    return f"{value:,}"


def change(now, before, kind: str) -> str | None:
    """Change since the previous period, in the figure's own unit; None when not comparable."""
    if any(v is None or is_suppressed(v) for v in (now, before)):
        return None
    diff = now - before
    if kind == "share":
        return f"{100 * diff:+.0f} points"
    if kind == "mean":
        return f"{diff:+.1f}"
    return f"{diff:+,.0f}"


def metric(label: str, now, before, kind: str, k: int, help_text: str, higher_is_better: bool = True) -> None:
    st.metric(label, formatted(now, kind, k), delta=change(now, before, kind),
              delta_color="normal" if higher_is_better else "inverse", help=help_text, border=True)
