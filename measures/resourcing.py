"""Valuing young people's expertise, programme by programme: what young people were paid for
their time, per hour of their involvement, how many of their attendances were paid, and their
expenses (reported apart), over young people's attended records of the period (docs/measures.md).

The admin frame is exact with small programmes suppressed; `protected_resourcing` turns it into
what a protected audience sees (docs/disclosure.md). Pure: no Streamlit.
"""

import pandas as pd
from sqlalchemy import case, distinct, func, select

from measures import protection as p
from measures.filters import Filters, Period
from measures.first_records import by_programme_rows, count_where, first_from
from measures.kept_by_month import rows_by_month
from measures.protected_frames import protect_frame
from measures.scope import PR, Y, young_people_attendance
from measures.sql import month_start
from measures.suppression import suppress_rows

# The figures of a programme's row, hidden together when the row is. `attended_records` and
# `paid_records` are the exact numerator and denominator of `paid_share`, from which protected
# figures make it; they are never shown.
FIGURES = ["young_people", "involvement_hours", "paid_total_gbp", "paid_per_hour_gbp", "expenses_total_gbp",
           "paid_share", "attended_records", "paid_records"]
COLUMNS = ["programme", "programme_name", *FIGURES, "suppressed"]
PARTS = ["attended_records", "paid_records"]
# The kind of every column but pounds per hour, which a protected audience gets from the protected
# pounds and hours (measures.protected_frames).
KINDS = {"programme": "label", "programme_name": "label", "young_people": "count", "involvement_hours": "hours",
         "paid_total_gbp": "money", "expenses_total_gbp": "money",
         "paid_share": ("share_of", "paid_records", "attended_records"),
         **dict.fromkeys(PARTS, "label"), "suppressed": "label"}


def per_hour(paid, hours):
    """Pounds per hour, None when there are no hours (or either figure is missing or hidden)."""
    if p.missing(paid) or p.missing(hours) or not hours:
        return None
    return paid / hours


def resourcing_by_programme(engine, period: Period, filters: Filters, k: int, full: bool = False) -> pd.DataFrame:
    """One row per programme with young people attending in the period (by name): its young
    people, their involvement hours, paid_total_gbp, paid_per_hour_gbp (None when no hours),
    expenses_total_gbp and paid_share (attended records with paid_gbp > 0 / attended records).

    A row resting on 1..k-1 young people is hidden (figures None, `suppressed` True). The
    programmes are parts of the organisation's totals, so more are hidden so that none can be
    worked out by subtraction (`suppression.complete_hiding`, `full` for a protected audience);
    a young person in two programmes counts in both, so the people are not exact parts, but
    hours and pounds add up exactly."""
    if by_programme_rows(filters):
        rows = _by_programme_by_month(engine, period, filters)
    else:
        rows = _by_programme(engine, period, filters)
    frame = pd.DataFrame([_row(r) for r in rows], columns=[c for c in COLUMNS if c != "suppressed"])
    return suppress_rows(frame.assign(people=frame["young_people"]), "people", FIGURES, k, full=full)[COLUMNS]


SUMS = ("attended_records", "involvement_hours", "paid_total_gbp", "paid_records", "expenses_total_gbp")


def _sums():
    return [func.count().label("attended_records"),
            func.coalesce(func.sum(Y.c.duration_hours), 0).label("involvement_hours"),
            func.coalesce(func.sum(Y.c.paid_gbp), 0).label("paid_total_gbp"),
            func.coalesce(func.sum(case((Y.c.paid_gbp > 0, 1), else_=0)), 0).label("paid_records"),
            func.coalesce(func.sum(Y.c.expenses_gbp), 0).label("expenses_total_gbp")]


def _by_programme(engine, period: Period, filters: Filters) -> list[dict]:
    """Per programme, counting different young people one by one (with an activity or mode filter)."""
    joined, where = young_people_attendance(period, filters)
    q = (select(PR.c.code.label("programme"), PR.c.name.label("programme_name"),
                func.count(distinct(Y.c.participant_id)).label("young_people"), *_sums())
         .select_from(joined.join(PR, Y.c.programme_id == PR.c.id))
         .where(where, Y.c.attended.is_(True))
         .group_by(PR.c.code, PR.c.name).order_by(PR.c.name, PR.c.code))
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(q).mappings()]


def _by_programme_by_month(engine, period: Period, filters: Filters) -> list[dict]:
    """Per programme, its young people counted as first attended records in the programme
    (`measures.first_records`), month by month and kept (`measures.kept_by_month`)."""
    def by_month(window: Period):
        month = month_start(Y.c.date).label("month")
        joined, where = young_people_attendance(window, filters)
        first = first_from(Y.c.previous_attended_in_programme_on, period.start)
        return (select(month, Y.c.programme_id, count_where(first).label("young_people"), *_sums())
                .select_from(joined).where(where, Y.c.attended.is_(True)).group_by(month, Y.c.programme_id))
    found = pd.DataFrame(rows_by_month(engine, period, by_month),
                         columns=["month", "programme_id", "young_people", *SUMS])
    totals = found.groupby("programme_id")[["young_people", *SUMS]].sum()
    with engine.connect() as conn:
        names = conn.execute(select(PR.c.id, PR.c.code, PR.c.name).where(PR.c.id.in_(totals.index.tolist()))
                             .order_by(PR.c.name, PR.c.code)).all()
    return [{"programme": code, "programme_name": name,
             **{c: totals.at[pid, c].item() for c in ("young_people", *SUMS)}} for pid, code, name in names]


def _row(r) -> dict:
    hours, paid = float(r["involvement_hours"]), round(float(r["paid_total_gbp"]), 2)
    return {"programme": r["programme"], "programme_name": r["programme_name"], "young_people": r["young_people"],
            "involvement_hours": hours, "paid_total_gbp": paid, "paid_per_hour_gbp": per_hour(paid, hours),
            "expenses_total_gbp": round(float(r["expenses_total_gbp"]), 2),
            "paid_share": r["paid_records"] / r["attended_records"] if r["attended_records"] else None,
            "attended_records": r["attended_records"], "paid_records": r["paid_records"]}


def protected_resourcing(frame: pd.DataFrame, k: int) -> pd.DataFrame:
    """`resourcing_by_programme`'s frame as a protected audience sees it: young people a multiple
    of k, hours and pounds rounded, the paid share from protected records, pounds per hour from
    the protected pounds and hours (rounded to the penny); the exact records dropped."""
    shown = protect_frame(frame.drop(columns="paid_per_hour_gbp"), KINDS, k)
    rates = [None if r is None else round(r, 2) for r in map(per_hour, shown["paid_total_gbp"],
                                                             shown["involvement_hours"])]
    shown["paid_per_hour_gbp"] = pd.Series(rates, index=shown.index, dtype=object)
    return shown[[c for c in COLUMNS if c not in PARTS]]
