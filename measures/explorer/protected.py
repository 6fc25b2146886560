"""The forum explorer's answer as its audience sees it: protected figures only (docs/disclosure.md).

The forum explorer is always the `staff_forum` audience, whoever uses it. `explore` gives the
exact figures with small groups suppressed; `protect` turns them into protected figures, and
the page draws every chart, table, sentence and drill-down from `protected_view`, never from
`explore`. The measure's kind says how its `value` is protected:
- about young people: a count -> `count` (a multiple of k), hours -> `hours`, a mean or an
  average change -> `mean` (one decimal), a share -> made from its protected numerator and
  denominator (`num`, `den`, which `explore` carries for such shares and `protect` drops);
- not about young people (sessions, feedback items, days to tell back): `exact`;
- a representation ratio -> `RATIO`: worked out from the protected counts of the group and of all
  groups, as `measures.protected_figures` does (never from the exact ratio, whose decimals give
  the counts back).
`young_people` (behind each value) is a count of young people: `count`. The figures beside the
value (`BESIDE`: a mean change's pairs, interval and verdict; who gets to lead; depth) are
protected by the same rules, each on its own: a hidden one stays SUPPRESSED in its cell (the
table says "fewer than k"). Pure: no Streamlit.
"""

import pandas as pd

from measures import protection as p
from measures.audiences import STAFF_FORUM, QuestionRefused
from measures.explorer.catalogue import MEASURES, PEOPLE_DIMENSIONS
from measures.explorer.explore import explore_view
from measures.filters import Filters, Period
from measures.protected_frames import protect_frame
from measures.suppression import is_suppressed

LABELS = ("group", "label", "start", "group2", "label2", "start2", "suppressed")
RATIO = "ratio"
# A young-people measure's kind -> how its value is protected. A new kind has no rule: KeyError.
YOUNG_PEOPLE_VALUE = {"count": "count", "share": ("share_of", "num", "den"), "hours": "hours", "mean": "mean",
                      "change": "mean", "ratio": RATIO}
# Exact numerators, denominators and totals that protected figures are made from; dropped after.
PARTS = ("num", "den", "improved_pairs", "all_taking_part", "all_leading")
# The figures beside a measure's value, and how each is protected (the verdict is words worked out
# from the exact interval, as in the measures object: `measures.protected_figures`).
PAIR_STATISTICS = {"pairs": "count", "ci95_low": "mean", "ci95_high": "mean", "verdict": "label"}
BESIDE = {
    "mean_skill_change": PAIR_STATISTICS,
    "representation": {"taking_part": "count", "leading": "count", "doing_with": "count",
                       "leading_share": ("share_of", "leading", "taking_part")},
    "depth": {**PAIR_STATISTICS, "band_young_people": "count",
              "share_improved": ("share_of", "improved_pairs", "pairs")},
}


def value_kind(measure: str):
    m = MEASURES[measure]
    return YOUNG_PEOPLE_VALUE[m.kind] if m.young_people else "exact"


def frame_kinds(measure: str) -> dict:
    """The kind of every column `explore` returns (a column it does not name is refused)."""
    return {**dict.fromkeys(LABELS, "label"), "value": value_kind(measure), "young_people": "count",
            **dict.fromkeys(PARTS, "label"), **BESIDE.get(measure, {})}


def protect(frame: pd.DataFrame, measure: str, k: int) -> pd.DataFrame:
    """`explore`'s frame (after suppression) with protected figures: same rows, same columns
    (less the exact parts). Deterministic, so the same question always gives the same frame.
    A hidden value or young people is blank (None) and hides its group (`suppressed`); a hidden
    figure beside them stays SUPPRESSED, as hidden on its own."""
    kinds = frame_kinds(measure)
    plain = {column: "label" if kind == RATIO else kind for column, kind in kinds.items()}
    out = protect_frame(frame.drop(columns="suppressed"), plain, k, keep_markers=True)
    if kinds["value"] == RATIO:
        out["value"] = _ratios(frame, out, k)
    hidden = pd.Series(False, index=frame.index)
    for column in ("value", "young_people"):
        if column in out.columns:
            gone = out[column].map(is_suppressed).astype(bool)
            hidden |= gone
            out[column] = out[column].where(~gone, None)
    out["suppressed"] = frame["suppressed"].astype(bool) | hidden
    return out[[c for c in frame.columns if c not in PARTS]]


def _ratios(exact: pd.DataFrame, shown: pd.DataFrame, k: int) -> pd.Series:
    """Each group's representation ratio from protected counts: (its leading / all leading) /
    (its taking part / all taking part); 0 for a group nobody of which led. A ratio hidden or
    missing in the exact figures stays so. A ratio shown rests on a group of at least k taking
    part and, unless 0, at least k leading: every count it is made from is at least k."""
    ratios = []
    for i in exact.index:
        ratio, leading = exact.at[i, "value"], shown.at[i, "leading"]
        if not (p.missing(ratio) or exact.at[i, "suppressed"]):
            all_leading, all_taking = p.count(exact.at[i, "all_leading"], k), p.count(exact.at[i, "all_taking_part"], k)
            ratio = 0.0 if leading == 0 else (leading / all_leading) / (shown.at[i, "taking_part"] / all_taking)
        ratios.append(ratio)
    return pd.Series(ratios, index=exact.index, dtype=object)


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
