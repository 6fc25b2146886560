"""Suppression for a two-way split (programme x principle, mode x month...).

Each cell is suppressed on its own young people by `suppression.suppress_rows`. Then every row
and every column is taken as the parts of a whole that may be shown elsewhere (the one-way
split), so a row or column with exactly one hidden cell hides its next smallest cell too, as
`suppress_rows` does for one list; hiding a cell can leave another row or column with a single
hidden cell, so this repeats until nothing changes.
"""

import pandas as pd

from measures.suppression import suppress_rows


def suppress_grid(frame: pd.DataFrame, people_col: str, value_cols: list[str], k: int,
                  axes: list[str]) -> pd.DataFrame:
    people = frame[people_col].fillna(0)
    out = suppress_rows(frame, people_col, value_cols, k, complementary=False)
    hidden = out["suppressed"].copy()
    changed = True
    while changed:
        changed = False
        for axis in axes:
            for index in frame.groupby(axis, sort=False).groups.values():
                part = hidden.loc[index]
                if part.sum() != 1:
                    continue
                others = people.loc[index][~part & (people.loc[index] > 0)]
                if len(others):
                    hidden.loc[others.idxmin()] = True
                    changed = True
    for col in value_cols:
        out[col] = out[col].astype("object").where(~hidden, None)
    out["suppressed"] = hidden.astype(bool)
    return out
