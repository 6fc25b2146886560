"""The explorer's queries: one row per group with `d0` (and `d1`), `value` and `people`
(the young people behind the value; 0 for figures that are not about young people), for a
share about young people its numerator `num` and denominator `den`, and the source's `extras`
for the measure (a mean change's `pairs`, `sum_change`, `sum_sq`)."""

from datetime import date
from statistics import median

from sqlalchemy import and_, case, distinct, func, literal_column, select

from measures.explorer.catalogue import DIMENSIONS, MEASURES
from measures.explorer.first_rows import counted_by_first_records, first_record_rows
from measures.explorer.sources import SOURCES, F, Y, attendance, feedback
from measures.filters import Filters, Period
from measures.sql import days_between


def group_rows(engine, measure: str, dims: list[str], period: Period, filters: Filters,
               framework: str | None = None, focus: dict | None = None) -> list[dict]:
    if measure == "returning_share":
        q = _returning_query(period, filters, dims, focus)
    elif measure == "median_days_to_tell_back":
        return _median_rows(engine, period, filters, dims)
    elif counted_by_first_records(measure, dims, filters, focus):
        return first_record_rows(engine, dims, period, filters, focus)
    else:
        source = MEASURES[measure].source
        make = SOURCES[source]
        found = (make(period, filters, framework) if source == "ratings" else make(period, filters)).narrowed(focus)
        exprs = [found.column(d) for d in dims]
        value, people, *parts = found.aggregates[measure]
        q = (select(*(e.label(f"d{i}") for i, e in enumerate(exprs)), value.label("value"),
                    (people if people is not None else literal_column("0")).label("people"),
                    *(part.label(name) for part, name in zip(parts, ("num", "den"), strict=False)),
                    *(extra.label(name) for name, extra in found.extras.get(measure, {}).items()))
             .select_from(found.from_).where(found.where).group_by(*exprs))
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(q).mappings()]


def _median_rows(engine, period: Period, filters: Filters, dims: list[str]) -> list[dict]:
    """Median days from raised to told back, per group. One small number per item comes back,
    as in `feedback.feedback_figures`: a median in SQL is not portable."""
    found = feedback(period, filters)
    exprs = [found.column(d) for d in dims]
    told = and_(F.c.responded_on.is_not(None), F.c.responded_on <= period.end)
    days = case((told, days_between(F.c.responded_on, F.c.raised_on)))
    q = (select(*(e.label(f"d{i}") for i, e in enumerate(exprs)), days.label("days"))
         .select_from(found.from_).where(found.where))
    groups: dict[tuple, list] = {}
    with engine.connect() as conn:
        for row in conn.execute(q).mappings():
            waits = groups.setdefault(tuple(row[f"d{i}"] for i in range(len(dims))), [])
            if row["days"] is not None:
                waits.append(int(row["days"]))
    return [{**{f"d{i}": key[i] for i in range(len(dims))}, "value": float(median(w)) if w else None, "people": 0}
            for key, w in groups.items()]


def bucket_before(day: date, dimension: str) -> date:
    """The first day of the month or quarter before the one `day` falls in."""
    months = 1 if dimension == "month" else 3
    first_month = day.month if dimension == "month" else 3 * ((day.month - 1) // 3) + 1
    index = day.year * 12 + first_month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def _returning_query(period: Period, filters: Filters, dims: list[str], focus: dict | None):
    """Per group: young people taking part (`people`) and the share of them who took part in the
    same group in the period before. Split by month or quarter, the period before a month is
    the calendar month before it (a quarter: the quarter before)."""
    times = [d for d in dims if DIMENSIONS[d].time]
    window_before = Period(bucket_before(period.start, times[0]), period.end) if times else period.previous()

    def taking_part(window: Period):
        found = attendance(window, filters).narrowed(focus)
        cols = [found.column(d).label(f"d{i}") for i, d in enumerate(dims)]
        return (select(Y.c.participant_id.label("pid"), *cols).select_from(found.from_)
                .where(found.where, Y.c.attended.is_(True)).distinct())

    now, before = taking_part(period).subquery("now"), taking_part(window_before).subquery("before")
    same = [before.c.pid == now.c.pid]
    for i, d in enumerate(dims):
        here, there = now.c[f"d{i}"], before.c[f"d{i}"]
        same.append(there == here - literal_column("1") if DIMENSIONS[d].time else there.is_not_distinct_from(here))
    keys = [now.c[f"d{i}"] for i in range(len(dims))]
    active = func.count(distinct(now.c.pid))
    came_back = func.count(distinct(before.c.pid))
    return (select(*keys, (came_back * 1.0 / active).label("value"), active.label("people"),
                   came_back.label("num"), active.label("den"))
            .select_from(now.outerjoin(before, and_(*same))).group_by(*keys))
