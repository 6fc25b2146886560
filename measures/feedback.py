"""The feedback loop ("you said, we did"): raised, told back, how fast, what is overdue.

Each measure's definition in plain words, as the forum explorer shows it: `measures/definitions.py`.
"""

from datetime import timedelta
from statistics import median

import pandas as pd
from sqlalchemy import and_, case, func, or_, select, true

from measures.filters import Filters, Period
from measures.scope import PR, in_period, programme_ids
from measures.sql import days_between, month_of
from models.tables import FeedbackItem

F = FeedbackItem.__table__
OVERDUE_DAYS = 30


def _programme_filter(filters: Filters):
    return F.c.programme_id.in_(programme_ids(filters.programmes)) if filters.programmes else true()


def _told_back_by(day):
    return and_(F.c.responded_on.is_not(None), F.c.responded_on <= day)


def feedback_figures(engine, period: Period, filters: Filters) -> dict:
    raised_in = and_(in_period(F.c.raised_on, period), _programme_filter(filters))
    days = days_between(F.c.responded_on, F.c.raised_on)
    told_back_days_q = select(days).where(raised_in, _told_back_by(period.end)).order_by(days)
    raised_q = select(func.count()).where(raised_in)
    overdue_q = select(func.count()).where(
        _programme_filter(filters),
        F.c.raised_on <= period.end - timedelta(days=OVERDUE_DAYS),
        or_(F.c.responded_on.is_(None), F.c.responded_on > period.end))
    with engine.connect() as conn:
        raised = conn.execute(raised_q).scalar_one()
        waits = list(conn.execute(told_back_days_q).scalars())  # one small integer per item
        overdue = conn.execute(overdue_q).scalar_one()
    within = sum(1 for d in waits if d <= OVERDUE_DAYS)
    return {
        "raised": raised,
        "told_back_share": len(waits) / raised if raised else None,
        "median_days_to_tell_back": float(median(waits)) if waits else None,
        "open_over_30_days": overdue,
        "closed_within_30_days_share": within / raised if raised else None,
    }


def feedback_list(engine, period: Period, filters: Filters, limit: int = 500,
                  shown_only: bool = True) -> pd.DataFrame:
    """The items raised in the period, newest first, in plain columns young people can read.

    `shown_only` (the default, for trustees and young people): only the items staff have let them
    see (`shown_to_all`), as their free text could name a young person. False lists every item,
    for admin and staff, with `shown_to_all` saying which ones are not shown yet."""
    shown = F.c.shown_to_all.is_(True) if shown_only else true()
    q = (select(F.c.code, F.c.raised_on, PR.c.name.label("programme"), F.c.you_said, F.c.status,
                F.c.we_did, F.c.responded_on, F.c.shown_to_all)
         .select_from(F.outerjoin(PR, F.c.programme_id == PR.c.id))
         .where(in_period(F.c.raised_on, period), _programme_filter(filters), shown)
         .order_by(F.c.raised_on.desc(), F.c.code).limit(limit))
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(q).mappings().all(),
                            columns=["code", "raised_on", "programme", "you_said", "status", "we_did",
                                     "responded_on", "shown_to_all"])


def feedback_by_month(engine, period: Period, filters: Filters) -> pd.DataFrame:
    """Per month raised: items raised, and how many were told back within 30 days (by the period's end)."""
    month = month_of(F.c.raised_on).label("month")
    days = days_between(F.c.responded_on, F.c.raised_on)
    quick = and_(_told_back_by(period.end), days <= OVERDUE_DAYS)
    q = (select(month, func.count().label("raised"),
                func.sum(case((quick, 1), else_=0)).label("told_back_within_30_days"))
         .where(in_period(F.c.raised_on, period), _programme_filter(filters)).group_by(month).order_by(month))
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(q).mappings().all(), columns=["month", "raised", "told_back_within_30_days"])
