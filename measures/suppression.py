"""Small-number suppression: the one place every young-people figure passes through.

A figure is suppressed when between 1 and k-1 distinct young people stand behind it (for
anonymous ratings: young-person ratings). With nobody behind it there is nothing to protect:
counts stay 0 and rates/means are simply empty ("no data", not suppressed).
"""

import math

import pandas as pd


class _Suppressed:
    """Marks a figure withheld because fewer than k young people stand behind it."""
    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "SUPPRESSED"

    def __reduce__(self):
        return (_Suppressed, ())


SUPPRESSED = _Suppressed()


def is_suppressed(value) -> bool:
    return value is SUPPRESSED


def too_few(people: int | None, k: int) -> bool:
    return people is not None and 0 < people < k


def guard(value, people: int | None, k: int):
    """`value`, or SUPPRESSED when 1..k-1 young people stand behind it."""
    return SUPPRESSED if too_few(people, k) else value


def guard_many(values: dict, people: int | None, k: int) -> dict:
    """Guard several figures that rest on the same young people."""
    return {name: guard(v, people, k) for name, v in values.items()}


def suppress_rows(frame: pd.DataFrame, people_col: str, value_cols: list[str], k: int,
                  complementary: bool = True) -> pd.DataFrame:
    """Blank `value_cols` in rows where 1..k-1 young people stand behind the row.

    The rows are taken as the parts of one whole whose total may be shown elsewhere, so when
    exactly one row is suppressed the next smallest is hidden too (complementary suppression):
    otherwise the hidden figure could be recovered by subtraction. Adds a boolean `suppressed`
    column and drops `people_col` (a count of people is itself a figure to protect).
    """
    out = frame.copy()
    people = out[people_col].fillna(0)
    hidden = (people > 0) & (people < k)
    if complementary and hidden.sum() == 1:
        others = people[~hidden & (people > 0)]
        if len(others):
            hidden.loc[others.idxmin()] = True
    for col in value_cols:
        out[col] = out[col].astype("object").where(~hidden, None)
    out["suppressed"] = hidden.astype(bool)
    return out.drop(columns=[people_col])


def to_json_safe(tree, path: str = "", found: list | None = None):
    """Replace SUPPRESSED (and NaN) by None; return (clean tree, suppressed key paths)."""
    found = [] if found is None else found
    if isinstance(tree, dict):
        clean = {}
        for key, value in tree.items():
            sub = f"{path}.{key}" if path else str(key)
            clean[key], _ = to_json_safe(value, sub, found)
        return clean, found
    if tree is SUPPRESSED:
        found.append(path)
        return None, found
    if isinstance(tree, float) and math.isnan(tree):
        return None, found
    return tree, found
