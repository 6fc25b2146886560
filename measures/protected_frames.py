"""A chart's or a table's frame as a protected audience sees it (docs/disclosure.md).

The caller names the kind of every column; a column without a kind is refused (KeyError), so
a new figure cannot reach a protected screen or file unprotected. Kinds:
- `label`: words, codes, dates, the `suppressed` flag: not figures;
- `count`: young people (or their pairs, ratings, records): 1..k-1 suppressed, the rest
  rounded to a multiple of k;
- `rounded`: a count that mixes in staff (ratings of a principle): rounded, never suppressed;
- `hours`, `money`, `mean`: as in `measures.protection`;
- `share`: a share whose numerator the frame does not hold, rounded to whole percent;
- `("share_of", numerator, denominator)`: a share made from two count columns of the frame,
  both protected (the columns themselves may be dropped afterwards);
- `exact`: not about young people (sessions, staff ratings, feedback items).
"""

import pandas as pd

from measures import protection as p
from measures.rounding import half_up
from measures.suppression import is_suppressed

SIMPLE = {
    "label": lambda value, k: value,
    "exact": lambda value, k: value,
    "count": p.count,
    "rounded": lambda value, k: value if p.missing(value) else p.rounded_count(value, k),
    "hours": p.hours,
    "money": p.money,
    "mean": lambda value, k: p.mean(value),
    "share": lambda value, k: value if p.missing(value) else float(half_up(value, 2)),
}


def protect_frame(frame: pd.DataFrame, kinds: dict, k: int, keep_markers: bool = False) -> pd.DataFrame:
    """`frame` with every column protected by its kind. A value that protection hides is left
    blank (None), or with `keep_markers` SUPPRESSED (for words that say "fewer than k" rather
    than "no data"), and the row's `suppressed` flag, where the frame has one, is set."""
    unknown = [c for c in frame.columns if c not in kinds]
    if unknown:
        raise KeyError(f"no protection rule for column(s) {unknown}")
    out = frame.copy()
    hidden = pd.Series(False, index=frame.index)
    for column, kind in kinds.items():
        if column not in frame.columns:
            continue
        if isinstance(kind, tuple):
            _, numerator, denominator = kind
            values = [p.share(shown, num, den, k) for shown, num, den in
                      zip(frame[column], frame[numerator], frame[denominator], strict=True)]
        elif kind in ("label", "exact"):
            continue
        else:
            values = [SIMPLE[kind](value, k) for value in frame[column]]
        column_hidden = pd.Series([is_suppressed(v) for v in values], index=frame.index)
        hidden |= column_hidden
        out[column] = pd.Series([v if keep_markers or not gone else None
                                 for v, gone in zip(values, column_hidden, strict=True)],
                                index=frame.index, dtype=object)
    if "suppressed" in out.columns:
        out["suppressed"] = out["suppressed"].astype(bool) | hidden
    return out
