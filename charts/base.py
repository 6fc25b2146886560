"""Helpers every chart builder uses.

Pure module: no Streamlit import anywhere under ``charts/`` (builders are unit-tested and
exported to PNG/SVG outside Streamlit).
"""

from __future__ import annotations

import json
import math
from typing import TypeVar

import altair as alt
import pandas as pd

from measures import formatting

# Most marks one chart may draw. Above this, browsers slow down and Altair's default
# data transformer refuses the data (MaxRowsError at 5000 rows): aggregate first.
MAX_MARKS = 5000

ChartT = TypeVar("ChartT", bound=alt.TopLevelMixin)


def titled(chart: ChartT, title: str, subtitle: str | None = None) -> ChartT:
    """Return ``chart`` with a left-aligned plain-words title and an optional subtitle."""
    if not title or not title.strip():
        raise ValueError("a chart needs a title in plain words")
    if subtitle:
        params = alt.TitleParams(text=title, subtitle=subtitle, anchor="start")
    else:  # subtitle=None would be written as null, which Vega-Lite rejects
        params = alt.TitleParams(text=title, anchor="start")
    return chart.properties(title=params)


def check_marks(df: pd.DataFrame, *, limit: int = MAX_MARKS) -> pd.DataFrame:
    """Raise ValueError when ``df`` would draw more than ``limit`` marks (one per row).

    Returns ``df`` unchanged so it can be used inline: ``alt.Chart(check_marks(df))``.
    """
    rows = len(df)
    if rows > limit:
        raise ValueError(
            f"chart would draw {rows} marks, more than the limit of {limit}: "
            "aggregate or filter the data first"
        )
    return df


def _fmt(value: float) -> str:
    """A value of no known kind: whole from 100 up ('1,234'), else to three significant figures
    ('12.5', '0.286'), half up, without trailing zeros."""
    if value.is_integer() or abs(value) >= 100:
        return formatting.count(value)
    places = 2 - math.floor(math.log10(abs(value)))
    text = formatting.mean(value, places)
    return text.rstrip("0").rstrip(".") if "." in text else text


def alt_text(kind: str, what: str, data: pd.DataFrame, *, value: str, label: str) -> str:
    """A short plain-text description of a chart for screen readers and captions.

    ``kind`` is the chart type in words ("Bar chart"), ``what`` what it shows
    ("attendance by project"), ``value``/``label`` the columns holding the numbers and
    their names. Example: "Bar chart of attendance by project: 4 values. Highest: Music (42);
    lowest: Art (7)."
    """
    text = f"{kind} of {what}"
    values = pd.to_numeric(data[value], errors="coerce") if len(data) else pd.Series(dtype=float)
    known = values.dropna()
    if known.empty:
        return f"{text}: no data to show."
    n = len(known)
    text += f": {n} value{'s' if n != 1 else ''}."
    hi, lo = known.idxmax(), known.idxmin()
    if n == 1 or known[hi] == known[lo]:
        return f"{text} All equal to {_fmt(float(known[hi]))}."
    return (
        f"{text} Highest: {data.loc[hi, label]} ({_fmt(float(known[hi]))}); "
        f"lowest: {data.loc[lo, label]} ({_fmt(float(known[lo]))})."
    )


# What a mark says to a screen reader (the `aria-label` of each bar, point or square in the SVG), as
# the mark property `description`: a Vega expression of its datum, built from the parts below. Numbers
# in it are whole counts or text the builders wrote with `measures.formatting`. Marks that only repeat
# what another mark says (value labels, joining lines, zero lines) get `aria=False` instead.
class Said(str):
    """A part of a description read from the datum (a Vega expression), not words to say as they are."""


def field(name: str) -> Said:
    """The datum's field `name`, as it is (text)."""
    return Said(f"datum[{json.dumps(name)}]")


def whole(name: str) -> Said:
    """A field holding a whole number, as `measures.formatting.count` writes it: '1,234'."""
    return Said(f"format({field(name)}, ',')")


def counted(name: str, one: str, many: str) -> Said:
    """A whole count with its noun: '1 session', '1,234 sessions'."""
    return Said(f"{whole(name)} + ({field(name)} === 1 ? {json.dumps(' ' + one)} : {json.dumps(' ' + many)})")


def dated(name: str, fmt: str, utc: bool = False) -> Said:
    """A date field in words ('%B %Y': 'March 2024'), in the same time zone as the chart's tooltip."""
    return Said(f"{'utcFormat' if utc else 'timeFormat'}(toDate({field(name)}), {json.dumps(fmt)})")


def described(*parts: str) -> alt.ExprRef:
    """The mark property `description`: `parts` in order, plain strings said as they are."""
    return alt.ExprRef(" + ".join(p if isinstance(p, Said) else json.dumps(p) for p in parts))
