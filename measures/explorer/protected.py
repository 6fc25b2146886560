"""The forum explorer's answer as its audience sees it: protected figures only (docs/disclosure.md).

The forum explorer is always the `staff_forum` audience, whoever uses it. `explore` gives the
exact figures with small groups suppressed; `protect` turns them into protected figures, and
the page draws every chart, table, sentence and drill-down from `protected_view`, never from
`explore`. The measure's kind says how its `value` is protected:
- about young people: a count -> `count` (a multiple of k), hours -> `hours`, a mean or an
  average change -> `mean` (one decimal), a share -> made from its protected numerator and
  denominator (`num`, `den`, which `explore` carries for such shares and `protect` drops);
- not about young people (sessions, feedback items, days to tell back): `exact`.
`young_people` (behind each value) is a count of young people: `count`. Pure: no Streamlit.
"""

import pandas as pd

from measures.audiences import STAFF_FORUM, QuestionRefused
from measures.explorer.catalogue import MEASURES, PEOPLE_DIMENSIONS
from measures.explorer.explore import explore_view
from measures.filters import Filters, Period
from measures.protected_frames import protect_frame

LABELS = ("group", "label", "start", "group2", "label2", "start2", "suppressed")
# A young-people measure's kind -> how its value is protected. A new kind has no rule: KeyError.
YOUNG_PEOPLE_VALUE = {"count": "count", "share": ("share_of", "num", "den"), "hours": "hours", "mean": "mean",
                      "change": "mean"}
PARTS = ("num", "den")


def value_kind(measure: str):
    m = MEASURES[measure]
    return YOUNG_PEOPLE_VALUE[m.kind] if m.young_people else "exact"


def frame_kinds(measure: str) -> dict:
    """The kind of every column `explore` returns (a column it does not name is refused)."""
    return {**dict.fromkeys(LABELS, "label"), "value": value_kind(measure), "young_people": "count",
            **dict.fromkeys(PARTS, "label")}


def protect(frame: pd.DataFrame, measure: str, k: int) -> pd.DataFrame:
    """`explore`'s frame (after suppression) with protected figures: same rows, same columns.
    Deterministic, so the same question always gives the same frame."""
    return protect_frame(frame, frame_kinds(measure), k).drop(columns=[c for c in PARTS if c in frame.columns])


def protected_view(engine, period: Period, filters: Filters, measure: str, dimension: str, k: int,
                   by: str | None = None, framework: str | None = None, focus: tuple = ()) -> pd.DataFrame:
    """`explore_view`, protected: what the forum explorer shows (arguments as the page's
    measure cache takes them)."""
    return protect(explore_view(engine, period, filters, measure, dimension, k, by, framework, focus), measure, k)


def table_kinds(table: pd.DataFrame) -> dict:
    """Kinds for `explorer_words.numbers_table`: words written from the protected frame (every
    figure in it already protected, hidden ones 'fewer than k'), so nothing is left to round."""
    return dict.fromkeys(table.columns, "label")


SENSITIVE_WORDS = {"age_band": "age band", "disability": "disability", "care_experienced": "care experience"}
FILTER_FIELDS = {"age_band": "age_bands", "disability": "disability", "care_experienced": "care_experienced"}


def check_sensitive(filters: Filters, dims: list[str]) -> None:
    """Refuse a view that puts two of age band, disability and care experience together, as
    splits or as filters (a split by one and a filter on another is the same question as the
    two filters `measures.audiences.check_question` refuses)."""
    chosen = [SENSITIVE_WORDS[d] for d in PEOPLE_DIMENSIONS if d in dims or getattr(filters, FILTER_FIELDS[d])]
    if len(chosen) > 1:
        raise QuestionRefused(
            f"For the {STAFF_FORUM} audience look at one of age band, disability and care experience at a time "
            f"(as a split or a filter), not {' and '.join(chosen)} together.")
