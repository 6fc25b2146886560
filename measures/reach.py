"""Reach: how many young people took part, by age band, by disability and by care experience.

Each characteristic splits the period's young people into parts of one whole (with "not
recorded" as a part of its own), so a hidden group hides the next smallest of its kind too:
otherwise it could be worked out from the total.
"""

import pandas as pd

from measures.filters import Filters, Period
from measures.representation import DIMENSIONS as CHARACTERISTICS
from measures.representation import NOT_RECORDED, group_counts
from measures.suppression import suppress_rows

COLUMNS = ["characteristic", "group", "young_people", "share", "suppressed"]


def reach_by_group(engine, period: Period, filters: Filters, k: int) -> pd.DataFrame:
    """One row per (characteristic, group), every known group listed (0 when nobody came).

    `young_people` counts distinct young people who attended at least one session in the
    period; `share` is of all of them. Both are blank where `suppressed`.
    """
    counts, _totals = group_counts(engine, period, filters, leading=False)  # one reading for all three
    counted = {(row.dimension, row.value): int(row.taking_part) for row in counts.itertuples()}
    frames = []
    for name, groups in CHARACTERISTICS.items():
        rows = [{"characteristic": name, "group": g, "young_people": counted.get((name, g), 0)}
                for g in (*groups, NOT_RECORDED)]
        frame = pd.DataFrame(rows)
        total = frame["young_people"].sum()
        frame["share"] = frame["young_people"] / total if total else None
        frame["people"] = frame["young_people"]
        frames.append(suppress_rows(frame, "people", ["young_people", "share"], k))
    return pd.concat(frames, ignore_index=True)[COLUMNS]
