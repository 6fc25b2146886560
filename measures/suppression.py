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


def attendance_rate_people(expected_people: int | None) -> int:
    """The young people an attendance rate rests on, the same rule everywhere: the distinct
    young people expected (its denominator), whether or not they came."""
    return expected_people or 0


def complete_hiding(hidden: pd.Series, people: pd.Series, k: int, full: bool = True) -> pd.Series:
    """Secondary suppression over the parts of one whole whose total may be shown elsewhere.

    `full` (protected audiences): while any part is hidden, keep hiding the smallest shown part
    until at least two are hidden and the hidden parts together rest on at least k young
    people; otherwise the total minus the shown parts gives back a hidden part, or the hidden
    parts' sum (docs/disclosure.md). Without `full` (the admin's working view, as it always
    was): a lone hidden part hides the next smallest.
    """
    hidden = hidden.copy()
    people = people.fillna(0)
    while hidden.any() and (hidden.sum() < 2 or (full and people[hidden].sum() < k)):
        shown = people[~hidden & (people > 0)]
        if shown.empty:
            break
        hidden.loc[shown.idxmin()] = True
    return hidden


def suppress_rows(frame: pd.DataFrame, people_col: str, value_cols: list[str], k: int,
                  complementary: bool = True, full: bool = False) -> pd.DataFrame:
    """Blank `value_cols` in rows where 1..k-1 young people stand behind the row.

    With `complementary`, the rows are taken as the parts of one whole whose total may be shown
    elsewhere, and `complete_hiding` (`full` or not) hides more of them so that no hidden
    figure can be worked out by subtraction. Adds a boolean `suppressed` column and drops
    `people_col` (a count of people is itself a figure to protect).
    """
    out = frame.copy()
    people = out[people_col].fillna(0)
    hidden = (people > 0) & (people < k)
    if complementary:
        hidden = complete_hiding(hidden, people, k, full)
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
