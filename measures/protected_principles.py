"""The principles page's frames as a protected audience sees them (docs/disclosure.md).

Each function takes a frame as `measures.principles` gives it (small numbers suppressed) and
protects it with `measures.protected_frames.protect_frame`, naming the kind of every column:
a new column is refused (KeyError) until it says how it is protected. Pure: no Streamlit.
"""

import pandas as pd

from measures import protection as p
from measures.protected_frames import protect_frame

# The figures `principles.combine` gives for one principle (or one programme's principle).
_RATING_FIGURES = {
    "mean": "mean",                                            # everyone's, to one decimal
    "share_4_5": ("share_of", "ratings_4_5", "ratings"),       # from the protected counts
    "young_people_mean": "mean",
    "staff_mean": "exact",                                     # not about young people
    "gap": "mean",                                             # recomputed below, from the shown means
    "ratings": "rounded",                                      # staff's and young people's together
    "ratings_4_5": "rounded",
}
PRINCIPLE_KINDS = {
    "framework": "label", "framework_name": "label", "principle": "label", "principle_name": "label",
    "has_ratings": "label", **_RATING_FIGURES,
}
CELL_KINDS = {"programme": "label", "principle": "label", "principle_name": "label", **_RATING_FIGURES}
TREND_KINDS = {"start": "label", "rater_role": "label", "mean": "mean", "share_4_5": "share", "suppressed": "label"}


def _staff_rows_exact(exact: pd.DataFrame, protected: pd.DataFrame, staff_only: pd.Series) -> pd.DataFrame:
    """Rows resting on staff alone are not about young people: shown as they are."""
    out = protected.copy()
    out.loc[staff_only] = exact.loc[staff_only]
    return out


def _no_young_ratings(frame: pd.DataFrame) -> pd.Series:
    return frame["young_people_mean"].map(lambda v: v is None or (isinstance(v, float) and v != v))


def _with_shown_gap(protected: pd.DataFrame) -> pd.DataFrame:
    """The gap as staff's mean minus the young people's mean as shown (one decimal), so the
    three figures side by side agree; hidden or missing where either mean is."""
    gaps = [gap if p.missing(gap) or p.missing(young) or p.missing(staff) else round(staff - young, 10)
            for gap, young, staff in zip(protected["gap"], protected["young_people_mean"], protected["staff_mean"],
                                         strict=True)]
    return protected.assign(gap=pd.Series(gaps, index=protected.index, dtype=object))


def protect_principle_table(table: pd.DataFrame, k: int) -> pd.DataFrame:
    """`principles.principle_table` for a protected audience."""
    protected = protect_frame(table, PRINCIPLE_KINDS, k, keep_markers=True)
    shown = _staff_rows_exact(table, protected, _no_young_ratings(table))
    return _with_shown_gap(shown)


def protect_programme_cells(cells: pd.DataFrame, k: int) -> pd.DataFrame:
    """`principles.programme_principle_means` (made with `full=True`) for a protected audience."""
    shown = _staff_rows_exact(cells, protect_frame(cells, CELL_KINDS, k, keep_markers=True), _no_young_ratings(cells))
    return _with_shown_gap(shown)


def protect_rating_trend(trend: pd.DataFrame, k: int) -> pd.DataFrame:
    """`principles.rating_trend` for a protected audience: young people's means to one decimal,
    shares to whole percent (the trend holds no counts to make them from); staff rows exact."""
    protected = protect_frame(trend, TREND_KINDS, k, keep_markers=True)
    return _staff_rows_exact(trend, protected, trend["rater_role"] == "staff")
