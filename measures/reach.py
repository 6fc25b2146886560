"""Reach: how many young people took part, by age band, by disability and by care experience.

Each characteristic splits the period's young people into parts of one whole (with "not
recorded" as a part of its own), so a hidden group hides the next smallest of its kind too:
otherwise it could be worked out from the total.
"""

import pandas as pd
from sqlalchemy import distinct, func, literal, select, union_all

from measures.filters import Filters, Period
from measures.scope import Y, young_people_attendance
from measures.suppression import suppress_rows
from models.vocab import AGE_BANDS, YES_NO_PREFER

NOT_RECORDED = "not_recorded"
CHARACTERISTICS = {"age_band": AGE_BANDS, "disability": YES_NO_PREFER, "care_experienced": YES_NO_PREFER}
COLUMNS = ["characteristic", "group", "young_people", "share", "suppressed"]


def reach_by_group(engine, period: Period, filters: Filters, k: int) -> pd.DataFrame:
    """One row per (characteristic, group), every known group listed (0 when nobody came).

    `young_people` counts distinct young people who attended at least one session in the
    period; `share` is of all of them. Both are blank where `suppressed`.
    """
    joined, where = young_people_attendance(period, filters)
    parts = []
    for name in CHARACTERISTICS:
        group = func.coalesce(Y.c[name], NOT_RECORDED).label("group")
        parts.append(select(literal(name).label("characteristic"), group,
                            func.count(distinct(Y.c.participant_id)).label("young_people"))
                     .select_from(joined).where(where, Y.c.attended.is_(True)).group_by(group))
    with engine.connect() as conn:
        counted = {(row.characteristic, row.group): row.young_people for row in conn.execute(union_all(*parts))}
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
