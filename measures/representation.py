"""Who gets to lead: for each group of young people (by age band, disability and care
experience), how many take part, how many held a lead or co-facilitator role, how many took part
in a "doing with" session, and whether the group's share of the leaders matches its share of
those taking part (docs/measures.md, "Representation").

A representation ratio of 1 is fair; below 1 the group is under-represented among the leaders.
The definition in plain words, as the forum explorer shows it: `measures/definitions.py`
("representation").
"""

import pandas as pd
from sqlalchemy import case, func, literal, select, union_all

from measures.filters import Filters, Period
from measures.first_records import by_rows, count_where, first_from
from measures.kept_by_month import rows_by_month
from measures.scope import Y, young_people_attendance
from measures.sql import month_start
from measures.suppression import SUPPRESSED, complete_hiding, is_suppressed, too_few
from models.vocab import AGE_BANDS, DOING_WITH_RUNGS, LEADING_ROLES, YES_NO_PREFER

NOT_RECORDED = "not_recorded"
DIMENSIONS = {"age_band": AGE_BANDS, "disability": YES_NO_PREFER, "care_experienced": YES_NO_PREFER}
COUNTS = ("taking_part", "leading", "doing_with")


def _people(period: Period, filters: Filters):
    """One row per active young person: their groups, and whether they led or took part in a
    'doing with' session (1 or 0)."""
    joined, where = young_people_attendance(period, filters)
    led = func.max(case((Y.c.role_in_session.in_(LEADING_ROLES), 1), else_=0))
    deep = func.max(case((Y.c.ladder_rung.in_(DOING_WITH_RUNGS), 1), else_=0))
    groups = [Y.c[d] for d in DIMENSIONS]
    return (select(Y.c.participant_id, *groups, led.label("leading"), deep.label("doing_with"))
            .select_from(joined).where(where, Y.c.attended.is_(True))
            .group_by(Y.c.participant_id, *groups))


def group_counts(engine, period: Period, filters: Filters, leading: bool = True) -> tuple[pd.DataFrame, dict]:
    """One row per (dimension, value) with young people: taking part, leading, doing with (one
    reading of the period's attendance for all three dimensions); and the totals over everyone.
    Without `leading`, only taking part (leading and doing with are 0)."""
    if by_rows(filters):
        rows = _group_counts_by_rows(engine, period, filters, leading)
    else:
        people = _people(period, filters).cte("people").prefix_with("MATERIALIZED")
        sums = [func.count().label("taking_part"), func.coalesce(func.sum(people.c.leading), 0).label("leading"),
                func.coalesce(func.sum(people.c.doing_with), 0).label("doing_with")]
        by_group = union_all(*(select(literal(d).label("dimension"), people.c[d].label("value"), *sums)
                               .group_by(people.c[d]) for d in DIMENSIONS))
        with engine.connect() as conn:
            rows = pd.DataFrame(conn.execute(by_group).mappings().all(), columns=["dimension", "value", *COUNTS])
    rows["value"] = rows["value"].astype("object").where(rows["value"].notna(), NOT_RECORDED)
    # Every young person is in exactly one group of each dimension: one dimension's groups add up to all.
    totals = rows.loc[rows["dimension"] == next(iter(DIMENSIONS)), list(COUNTS)].sum()
    return rows, {name: int(totals[name]) for name in COUNTS}


def _group_counts_by_rows(engine, period: Period, filters: Filters, leading: bool) -> pd.DataFrame:
    """`group_counts`' rows from one query grouped by month and all three characteristics at once:
    a young person has one value of each on all their records, so is in one combination, and the
    combinations add up to each characteristic's groups. Each count is of first records
    (`measures.first_records`): the first attended record of the period, the first led and the
    first at a "doing with" session, by their previous dates (docs/decisions.md, 24). So the
    months add up, and each month's rows are kept (`measures.kept_by_month`)."""
    groups = [Y.c[d] for d in DIMENSIONS]
    attended = Y.c.attended.is_(True)
    led, deep = Y.c.role_in_session.in_(LEADING_ROLES), Y.c.ladder_rung.in_(DOING_WITH_RUNGS)

    def counts_q(window: Period):
        month = month_start(Y.c.date).label("month")
        within, where = young_people_attendance(window, filters)
        return (select(month, *groups,
                       count_where(first_from(Y.c.previous_attended_on, period.start)).label("taking_part"),
                       count_where(led & first_from(Y.c.previous_led_on, period.start)).label("leading"),
                       count_where(deep & first_from(Y.c.previous_doing_with_on, period.start)).label("doing_with"))
                .select_from(within).where(where, attended).group_by(month, *groups))
    by_month = pd.DataFrame(rows_by_month(engine, period, counts_q), columns=["month", *DIMENSIONS, *COUNTS])
    if not leading:
        by_month[["leading", "doing_with"]] = 0
    # One spelling of "not recorded" (an empty cell, read from the store or from JSON).
    by_month[list(DIMENSIONS)] = by_month[list(DIMENSIONS)].astype("object").where(
        by_month[list(DIMENSIONS)].notna(), NOT_RECORDED)
    combinations = by_month.groupby(list(DIMENSIONS), as_index=False)[list(COUNTS)].sum()
    for name in COUNTS:
        combinations[name] = combinations[name].astype("int64")
    return pd.concat([combinations.groupby(d, as_index=False)[list(COUNTS)].sum()
                      .rename(columns={d: "value"}).assign(dimension=d) for d in DIMENSIONS],
                     ignore_index=True)[["dimension", "value", *COUNTS]]


def _ratio(part, whole):
    return part / whole if whole else None


def representation(engine, period: Period, filters: Filters, k: int, full: bool = False) -> tuple[dict, dict]:
    """{dimension: {value: {taking_part, leading, doing_with, leading_share, representation_ratio}}}
    for every value of the import contract and `not_recorded`, with SUPPRESSED for counts behind
    1..k-1 young people and everything worked out from them; and the exact totals of all groups
    (`taking_part`, `leading`, `doing_with`), from which protected ratios are made (never shown).

    With `full` (protected audiences) the values of a dimension are the parts of its total: more
    are hidden until the hidden ones rest on at least k young people (`complete_hiding`)."""
    rows, totals = group_counts(engine, period, filters)
    found = {(r.dimension, r.value): r for r in rows.itertuples()}
    figures = {}
    for dimension, values in DIMENSIONS.items():
        names = [*values, NOT_RECORDED]
        counts = pd.DataFrame([{c: int(getattr(found[(dimension, v)], c)) if (dimension, v) in found else 0
                                for c in COUNTS} for v in names], index=names)
        hidden = {c: (complete_hiding if full else _alone)(counts[c].map(lambda n: too_few(n, k)), counts[c], k)
                  for c in COUNTS}
        figures[dimension] = {v: _group(counts.loc[v], {c: bool(hidden[c][v]) for c in COUNTS}, totals)
                              for v in names}
    return figures, totals


def _alone(hidden: pd.Series, _people: pd.Series, _k: int) -> pd.Series:
    return hidden


def _group(counts: pd.Series, hidden: dict, totals: dict) -> dict:
    shown = {c: SUPPRESSED if hidden[c] else int(counts[c]) for c in COUNTS}
    taking, leading = counts["taking_part"], counts["leading"]
    from_both = hidden["taking_part"] or hidden["leading"]
    share = _ratio(leading, taking)
    ratio = _ratio(_ratio(leading, totals["leading"]), _ratio(taking, totals["taking_part"])) \
        if totals["leading"] and taking else None
    return {**shown, "leading_share": SUPPRESSED if from_both else share,
            "representation_ratio": SUPPRESSED if from_both else ratio}


def under_represented(figures: dict, k: int, below: float) -> list[tuple[str, str, float]]:
    """(dimension, value, ratio) of each group with at least k young people taking part whose
    representation ratio is below `below` (the organisation's alert threshold)."""
    found = []
    for dimension, groups in figures.items():
        for value, group in groups.items():
            taking, ratio = group["taking_part"], group["representation_ratio"]
            if is_suppressed(taking) or is_suppressed(ratio) or ratio is None or taking < k:
                continue
            if ratio < below:
                found.append((dimension, value, ratio))
    return found
