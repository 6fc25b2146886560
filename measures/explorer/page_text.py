"""The explorer page's own words, apart from Streamlit: the chart's title, the line saying what a
view covers (its period and every filter in force), the note under the chart, and what a click
that looks inside a group says (`measures.explorer.drill`)."""

from datetime import date

import pandas as pd

from measures.explorer.catalogue import DIMENSIONS, FOCUS_DIMENSIONS, MEASURES, WHOLES, group_words
from measures.explorer.drill import LookInside
from measures.explorer.words import few_pairs_note, hidden_note
from measures.filters import Filters
from measures.formatting import date_range

# The sidebar's filters, in the order the scope line names them: dimension -> field of Filters.
FILTER_FIELDS = {"programme": "programmes", "activity_type": "activity_types", "mode": "modes",
                 "age_band": "age_bands", "disability": "disability", "care_experienced": "care_experienced"}
# Dimensions whose groups are named from the store (codes, ids), not from the vocabulary.
NAMED = ("programme", *FOCUS_DIMENSIONS)
CLICK = "Click a bar, point or square to look inside that group."


def view_title(measure: str, dimension: str, by: str | None) -> str:
    """'Attendance rate by mode', or '... by mode and programme' with a second split."""
    title = f"{MEASURES[measure].label} by {DIMENSIONS[dimension].label.lower()}"
    return f"{title} and {DIMENSIONS[by].label.lower()}" if by else title


def in_force(filters: Filters, focus: tuple = ()) -> list[tuple[str, tuple]]:
    """Every filter with a choice as (dimension, groups): the sidebar's, then the explorer's
    "only these groups" (`focus`, pairs of dimension and groups)."""
    sidebar = [(dimension, getattr(filters, field)) for dimension, field in FILTER_FIELDS.items()]
    return [(dimension, groups) for dimension, groups in (*sidebar, *focus) if groups]


def scope_words(start: date, end: date, chosen: list[tuple[str, tuple]], names: dict[str, dict],
                framework_name: str | None = None) -> str:
    """'1 Apr 2025 to 30 Jun 2025 · Mode: In person, Online · Lundy': what a projected chart
    covers. `names` holds the store's names of the groups of the NAMED dimensions chosen."""
    parts = [date_range(start, end, short=True)]
    for dimension, groups in chosen:
        words = ", ".join(group_words(dimension, group, names.get(dimension)) for group in groups)
        parts.append(f"{DIMENSIONS[dimension].label}: {words}")
    if framework_name:
        parts.append(framework_name)
    return " · ".join(parts)


def chart_note(hidden: str | None, few_pairs: str | None = None, click: bool = True) -> str:
    """The note under the chart: what is hidden to protect small numbers (if anything), what too few
    pairs means (if any group has them), then how to click (where a click looks inside)."""
    return " ".join(part for part in (hidden, few_pairs, CLICK if click else None) if part)


def under_chart(frame: pd.DataFrame, measure: str, by: str | None, k: int) -> str:
    """The note under the chart for the protected frame on screen."""
    return chart_note(hidden_note(frame, by, k), few_pairs_note(frame), click=MEASURES[measure].source not in WHOLES)


def looked_inside(inside: LookInside) -> str | None:
    """What a click on a group says once the view has changed; None when it changed nothing to say."""
    if inside.split:
        return (f"Looking inside, split by {DIMENSIONS[inside.split].label.lower()}: the filters on the left say "
                "what is shown. Clear them to go back.")
    if inside.not_filterable:
        return "A group that was not recorded cannot be looked inside."
    if inside.whole:
        return (f"The groups of {MEASURES[inside.whole].label.lower()} are the whole answer: there is nothing "
                "inside them to split. Choose another measure to look inside a group.")
    return None
