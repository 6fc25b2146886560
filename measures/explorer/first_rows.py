"""Young people taking part, split by programme or by a group they belong to, counted as first
records (`measures.first_records`, docs/decisions.md 24) instead of one by one.

A young person's first attended record of the period in a programme (its previous attended date
in the programme before the period's start, or none) stands for them in that programme; their
first attended record of all stands for them in the age band, disability or care experience they
have on every record. So the count of those records per group is the count of different young
people (narrowed to one programme, not to two: a young person has a first record in each), and
adds up month by month: without narrower filters, each month's counts are kept
(`measures.kept_by_month`), and after new attendance only its month is read again.
"""

from sqlalchemy import select

from measures.explorer.sources import attendance
from measures.filters import Filters, Period
from measures.first_records import by_programme_rows, by_rows, count_where, first_from
from measures.kept_by_month import rows_by_month
from measures.scope import PR, Y
from measures.sql import month_start

PEOPLE = ("age_band", "disability", "care_experienced")  # the same on all of a young person's records


def counted_by_first_records(measure: str, dims: list[str], filters: Filters, focus: dict | None) -> bool:
    """True when first records give `measure` split by `dims` exactly."""
    narrowed = {d for d, values in (focus or {}).items() if values}
    if measure != "active_young_people" or not narrowed <= {"programme", *PEOPLE}:
        return False
    if not set(dims) <= {"programme", *PEOPLE} or dims.count("programme") > 1:
        return False
    if "programme" in dims:
        return by_programme_rows(filters)
    if "programme" in narrowed:  # first in the programme: right for one, counts twice across two
        return len(focus["programme"]) == 1 and by_programme_rows(filters)
    return by_rows(filters)


def first_record_rows(engine, dims: list[str], period: Period, filters: Filters, focus: dict | None) -> list[dict]:
    """`group_rows`' rows (`d0`, `d1`, `value`, `people`) for a split `counted_by_first_records` allows."""
    by_programme = "programme" in dims or bool((focus or {}).get("programme"))
    previous = Y.c.previous_attended_in_programme_on if by_programme else Y.c.previous_attended_on
    # Grouped by the summary's own programme id: a kept month never depends on the programmes table.
    keys = [Y.c.programme_id if d == "programme" else Y.c[d] for d in dims]

    def counts_q(window: Period):
        found = attendance(window, filters).narrowed(focus)
        month = month_start(Y.c.date).label("month")
        return (select(month, *(key.label(f"d{i}") for i, key in enumerate(keys)),
                       count_where(Y.c.attended.is_(True) & first_from(previous, period.start)).label("value"))
                .select_from(found.from_).where(found.where).group_by(month, *keys))

    if filters.programmes or focus:  # groups named by code: read whole, nothing kept under them
        with engine.connect() as conn:
            monthly = [dict(row) for row in conn.execute(counts_q(period)).mappings()]
    else:
        monthly = rows_by_month(engine, period, counts_q)
    totals: dict[tuple, int] = {}
    for row in monthly:
        group = tuple(row[f"d{i}"] for i in range(len(dims)))
        totals[group] = totals.get(group, 0) + int(row["value"])
    codes = _programme_codes(engine) if "programme" in dims else {}
    return [{**{f"d{i}": codes.get(value, value) if d == "programme" else value
                for i, (d, value) in enumerate(zip(dims, group, strict=True))},
             "value": n, "people": n} for group, n in totals.items()]


def _programme_codes(engine) -> dict:
    with engine.connect() as conn:
        return dict(conn.execute(select(PR.c.id, PR.c.code)).all())

