"""The forum explorer's one question: a measure, split by one dimension (or two), for a period
and filters, with every small group suppressed.

`explore` aggregates in SQL (`measures/explorer/sources.py`) and returns one row per group:
its value and the number of young people behind it. A group resting on 1..k-1 young people
is blanked (`suppressed`), and so is the next smallest group when one hidden group could
otherwise be worked out by subtraction from the whole, shown elsewhere (`measures/suppression.py`).
A mean change carries its pairs, 95% interval and verdict beside it (`measures/pair_statistics.py`).
Who gets to lead and depth come whole from their own functions (`measures/explorer/wholes.py`).
"""

import pandas as pd
from sqlalchemy import select

from measures.explorer.catalogue import (
    DIMENSIONS, MEASURES, NO_PROGRAMME, NOT_RECORDED, WHOLES, covered_words, dimensions_for, group_words,
    second_splits_for, time_start,
)
from measures.explorer.grid import suppress_grid
from measures.explorer.rows import group_rows
from measures.explorer.sources import time_key
from measures.explorer.wholes import whole_frame
from measures.filters import Filters, Period
from measures.pair_statistics import change_statistics
from measures.principles import FW, PN
from measures.scope import PR
from measures.skills import SK
from measures.suppression import SUPPRESSED, suppress_rows

PAIR_SUMS = ("pairs", "sum_change", "sum_sq")  # a mean change's extras (`sources.pairs`)
PAIR_STATISTICS = ("pairs", "ci95_low", "ci95_high", "verdict")  # shown beside a mean change


class ExploreError(ValueError):
    """A measure and split that do not go together (the message says why, in plain words)."""


def check_pair(measure: str, dimension: str, by: str | None = None) -> None:
    if measure not in MEASURES:
        raise ExploreError(f"There is no measure called '{measure}'.")
    if dimension not in dimensions_for(measure):
        raise ExploreError(f"{MEASURES[measure].label} cannot be split by {DIMENSIONS[dimension].label.lower()}"
                           if dimension in DIMENSIONS else f"There is no split called '{dimension}'.")
    if by is not None and by not in second_splits_for(measure, dimension):
        raise ExploreError(f"{MEASURES[measure].label} by {DIMENSIONS[dimension].label.lower()} cannot be split "
                           f"again by {DIMENSIONS[by].label.lower() if by in DIMENSIONS else repr(by)}.")


def explore(engine, measure: str, dimension: str, period: Period, filters: Filters, k: int, *,
            by: str | None = None, framework: str | None = None, focus: dict | None = None) -> pd.DataFrame:
    """One row per group (per pair of groups with `by`), in the order to list them.

    Columns: `group` (code), `label` (words), `start` (first day, for month and quarter),
    likewise `group2`/`label2`/`start2` with `by`; `value`; `young_people` (behind the value;
    None for figures not about young people); for a share about young people `num` and `den`,
    its numerator and denominator (for protected figures); for a mean change `pairs`, `ci95_low`,
    `ci95_high` and `verdict` (SUPPRESSED in a hidden group); `suppressed`. `framework` narrows
    principle ratings to one framework; `focus` maps dimensions to the groups to keep. Who gets to
    lead and depth have their own figures (`measures.explorer.wholes`).
    """
    check_pair(measure, dimension, by)
    if MEASURES[measure].source in WHOLES:
        return whole_frame(engine, measure, dimension, period, filters, k)
    dims = [dimension, *([by] if by else [])]
    frame = _frame(engine, group_rows(engine, measure, dims, period, filters, framework, focus), dims, measure,
                   framework, period)
    frame = _with_pair_statistics(frame)
    # Figures not about young people (sessions, feedback) rest on nobody to protect: 0.
    frame["people"] = frame["young_people"].fillna(0).astype(int) if MEASURES[measure].young_people else 0
    beside = [c for c in PAIR_STATISTICS if c in frame.columns]
    value_cols = ["value", "young_people", *(c for c in ("num", "den") if c in frame.columns), *beside]
    if by:
        frame = suppress_grid(frame, "people", value_cols, k, ["group", "group2"], full=True)
    else:
        frame = suppress_rows(frame, "people", value_cols, k, full=True)
    for column in beside:  # hidden, not missing: the table says "fewer than k"
        frame[column] = frame[column].where(~frame["suppressed"], SUPPRESSED)
    return frame


def _with_pair_statistics(frame: pd.DataFrame) -> pd.DataFrame:
    """A mean change's 95% interval and verdict, worked out from each group's pairs and sums."""
    if "sum_change" not in frame.columns:
        return frame
    found = [change_statistics(int(n), int(total), int(squares))
             for n, total, squares in zip(frame["pairs"], frame["sum_change"], frame["sum_sq"], strict=True)]
    frame = frame.drop(columns=["sum_change", "sum_sq"]).astype({"pairs": object})
    for column in ("ci95_low", "ci95_high", "verdict"):
        frame[column] = pd.Series([f[column] for f in found], index=frame.index, dtype=object)
    return frame


def _key(dimension: str, value, source: str) -> str:
    if DIMENSIONS[dimension].time:
        return time_key(dimension, value)
    if value is None:
        return NO_PROGRAMME if source == "feedback" and dimension == "programme" else NOT_RECORDED
    return str(value)


def _frame(engine, rows: list[dict], dims: list[str], measure: str, framework: str | None,
           period: Period) -> pd.DataFrame:
    m = MEASURES[measure]
    names = _names(engine, dims, framework)
    records = []
    for row in rows:
        record = {}
        for i, d in enumerate(dims):
            suffix = "" if i == 0 else "2"
            key = _key(d, row[f"d{i}"], m.source)
            record[f"group{suffix}"] = key
            record[f"label{suffix}"] = group_words(d, key, names.get(d))
            if DIMENSIONS[d].time:
                record[f"start{suffix}"] = time_start(d, key)
                record[f"label{suffix}"] = covered_words(d, key, period.start, period.end)
        value = row["value"]
        if value is not None and value == value:  # NaN != NaN: no data
            record["value"] = int(value) if m.kind == "count" else float(value)
        else:
            record["value"] = None
        record["young_people"] = int(row["people"] or 0) if m.young_people else None
        for part in ("num", "den", *PAIR_SUMS):
            if part in row:
                record[part] = int(row[part] or 0)
        records.append(record)
    columns = [c for i, d in enumerate(dims) for c in
               ([f"group{'2' * i}", f"label{'2' * i}"] + ([f"start{'2' * i}"] if DIMENSIONS[d].time else []))]
    parts = [c for c in ("num", "den", *PAIR_SUMS) if rows and c in rows[0]]
    frame = pd.DataFrame(records, columns=[*columns, "value", "young_people", *parts])
    order = [frame[f"group{'2' * i}"].map(lambda key, d=d: _sort_key(d, key, names.get(d))) for i, d in enumerate(dims)]
    if len(frame):
        frame = frame.iloc[sorted(range(len(frame)), key=lambda r: tuple(o.iloc[r] for o in order))]
    frame = frame.reset_index(drop=True).astype({"value": object, "young_people": object})
    frame["value"] = frame["value"].where(frame["value"].notna(), None)
    return frame


def _sort_key(dimension: str, key: str, names: dict | None):
    """Vocabulary order; time order; programmes by name; principles and skills as the store lists them."""
    fixed = DIMENSIONS[dimension].values
    if fixed is not None:
        return (list(fixed).index(key) if key in fixed else len(fixed), key)
    if DIMENSIONS[dimension].time:
        return (0, key)
    if key in (NO_PROGRAMME, NOT_RECORDED):
        return (2, "")
    if dimension == "programme":
        return (0, (names or {}).get(key, key).lower())
    order = list(names or {})
    return (0, order.index(key)) if key in order else (1, key)


def _names(engine, dims: list[str], framework: str | None) -> dict[str, dict]:
    found = {}
    with engine.connect() as conn:
        if "programme" in dims:
            found["programme"] = dict(conn.execute(select(PR.c.code, PR.c.name)).all())
        if "skill" in dims:
            found["skill"] = {str(i): n for i, n in conn.execute(select(SK.c.id, SK.c.name).order_by(SK.c.id))}
        if "principle" in dims:
            q = (select(PN.c.id, PN.c.name, FW.c.name.label("framework")).join(FW, PN.c.framework_id == FW.c.id)
                 .order_by(FW.c.id, PN.c.position, PN.c.id))
            if framework:
                q = q.where(FW.c.code == framework)
            rows = conn.execute(q).all()
            repeated = {n for n in (r.name for r in rows) if sum(1 for r in rows if r.name == n) > 1}
            found["principle"] = {str(r.id): f"{r.name} ({r.framework})" if r.name in repeated else r.name
                                  for r in rows}
    return found


def explore_view(engine, period: Period, filters: Filters, measure: str, dimension: str, k: int,
                 by: str | None = None, framework: str | None = None, focus: tuple = ()) -> pd.DataFrame:
    """`explore` with the arguments in the order the page's measure cache takes them (`focus`
    as a tuple of (dimension, groups) pairs, so that it can be part of a cache key)."""
    return explore(engine, measure, dimension, period, filters, k, by=by, framework=framework,
                   focus=dict(focus) or None)


def group_options(engine, dimension: str, framework: str | None = None) -> dict[str, str]:
    """Every group of a dimension, in order, with its words: for the "only these groups" filters."""
    fixed = DIMENSIONS[dimension].values
    return dict(fixed) if fixed is not None else _names(engine, [dimension], framework)[dimension]


def framework_names(engine) -> dict[str, str]:
    with engine.connect() as conn:
        return dict(conn.execute(select(FW.c.code, FW.c.name).order_by(FW.c.id)).all())
