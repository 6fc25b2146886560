"""Suppression for a two-way split (programme x principle, mode x month...).

Each cell is suppressed on its own young people by `suppression.suppress_rows`. Then every row
and every column is taken as the parts of a whole that may be shown elsewhere (the one-way
split), so a row or column with hidden cells hides more of its cells (`complete_hiding`), as
`suppress_rows` does for one list; hiding a cell can leave another row or column short, so this
repeats until nothing changes.
"""

import pandas as pd

from measures.suppression import complete_hiding, suppress_rows


def suppress_grid(frame: pd.DataFrame, people_col: str, value_cols: list[str], k: int,
                  axes: list[str], full: bool = True) -> pd.DataFrame:
    people = frame[people_col].fillna(0)
    out = suppress_rows(frame, people_col, value_cols, k, complementary=False)
    hidden = out["suppressed"].copy()
    changed = True
    while changed:
        changed = False
        for axis in axes:
            for index in frame.groupby(axis, sort=False).groups.values():
                part = complete_hiding(hidden.loc[index], people.loc[index], k, full)
                if part.sum() != hidden.loc[index].sum():
                    hidden.loc[index] = part
                    changed = True
    for col in value_cols:
        out[col] = out[col].astype("object").where(~hidden, None)
    out["suppressed"] = hidden.astype(bool)
    return out
