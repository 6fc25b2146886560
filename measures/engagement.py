"""Engagement: who takes part and keeps coming, sessions held, who leads them, the ladder."""

import pandas as pd
from sqlalchemy import case, distinct, func, select

from measures.filters import Filters, Period
from measures.scope import PR, A, S, sessions_in, young_people_attendance
from measures.sql import month_of
from measures.suppression import guard, guard_many, suppress_rows
from models.vocab import DOING_WITH_RUNGS, STAGES, YOUTH_LED


def _ratio(part, whole):
    return None if not whole else part / whole


def _attended_ids(period: Period, filters: Filters):
    joined, where = young_people_attendance(period, filters)
    return select(A.c.participant_id).select_from(joined).where(where, A.c.attended.is_(True))


def engagement_figures(engine, period: Period, filters: Filters, k: int) -> dict:
    joined, where = young_people_attendance(period, filters)
    attended = A.c.attended.is_(True)
    people_q = select(
        func.count(distinct(case((attended, A.c.participant_id)))).label("active"),
        func.count(distinct(A.c.participant_id)).label("expected_people"),
        func.count().label("expected"),
        func.coalesce(func.sum(case((attended, 1), else_=0)), 0).label("attended"),
        func.coalesce(func.sum(case((attended, S.c.duration_hours), else_=0)), 0).label("hours"),
    ).select_from(joined).where(where)
    current = _attended_ids(period, filters).subquery()
    returning_q = select(func.count(distinct(current.c.participant_id))).where(
        current.c.participant_id.in_(_attended_ids(period.previous(), filters)))
    sessions_q = select(
        func.count().label("held"),
        func.coalesce(func.sum(case((S.c.led_by.in_(YOUTH_LED), 1), else_=0)), 0).label("youth_led"),
        func.count(S.c.ladder_rung).label("with_rung"),
        func.coalesce(func.sum(case((S.c.ladder_rung.in_(DOING_WITH_RUNGS), 1), else_=0)), 0)
        .label("doing_with"),
    ).where(sessions_in(period, filters))
    with engine.connect() as conn:
        people = conn.execute(people_q).one()
        returning = conn.execute(returning_q).scalar_one()
        sessions = conn.execute(sessions_q).one()
    active = people.active
    return {
        **guard_many({
            "active_young_people": active,
            "returning_share": _ratio(returning, active),
            "involvement_hours": float(people.hours) if active else 0.0,
        }, active, k),
        "attendance_rate": guard(_ratio(people.attended, people.expected), people.expected_people, k),
        "sessions_held": sessions.held,
        "youth_led_share": _ratio(sessions.youth_led, sessions.held),
        "doing_with_share": _ratio(sessions.doing_with, sessions.with_rung),
    }


def remuneration_figures(engine, period: Period, filters: Filters, k: int) -> dict:
    joined, where = young_people_attendance(period, filters)
    q = select(
        func.count(distinct(A.c.participant_id)).label("people"),
        func.count().label("records"),
        func.coalesce(func.sum(A.c.paid_gbp), 0).label("paid"),
        func.coalesce(func.sum(case((A.c.paid_gbp > 0, 1), else_=0)), 0).label("paid_records"),
        func.coalesce(func.sum(A.c.expenses_gbp), 0).label("expenses"),
    ).select_from(joined).where(where, A.c.attended.is_(True))
    with engine.connect() as conn:
        row = conn.execute(q).one()
    return guard_many({
        "paid_total_gbp": round(float(row.paid), 2),
        "paid_share": _ratio(row.paid_records, row.records),
        "expenses_total_gbp": round(float(row.expenses), 2),
    }, row.people, k)


def monthly_engagement(engine, period: Period, filters: Filters, k: int) -> pd.DataFrame:
    """Per month: active young people, attendance rate, involvement hours; suppressed per month."""
    joined, where = young_people_attendance(period, filters)
    attended = A.c.attended.is_(True)
    month = month_of(S.c.date).label("month")
    q = select(
        month,
        func.count(distinct(case((attended, A.c.participant_id)))).label("active_young_people"),
        func.count(distinct(A.c.participant_id)).label("people"),
        (func.sum(case((attended, 1.0), else_=0.0)) / func.count()).label("attendance_rate"),
        func.sum(case((attended, S.c.duration_hours), else_=0)).label("involvement_hours"),
    ).select_from(joined).where(where).group_by(month).order_by(month)
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(q).mappings().all(),
                             columns=["month", "active_young_people", "people", "attendance_rate",
                                      "involvement_hours"])
    # Months are not parts of one total, so no complementary suppression across them.
    return suppress_rows(frame, "people", ["active_young_people", "attendance_rate", "involvement_hours"],
                         k, complementary=False)


def sessions_by_month(engine, period: Period, filters: Filters, split: str = "mode") -> pd.DataFrame:
    """Sessions held per month, split by a session column (mode, led_by, activity_type, ...)."""
    month = month_of(S.c.date).label("month")
    column = S.c[split]
    q = (select(month, column.label(split), func.count().label("sessions"))
         .where(sessions_in(period, filters)).group_by(month, column).order_by(month, column))
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(q).mappings().all(), columns=["month", split, "sessions"])


def stage_coverage(engine, period: Period, filters: Filters) -> pd.DataFrame:
    """Per programme, which stages had young people attending (0-4 stages)."""
    joined, where = young_people_attendance(period, filters)
    q = (select(PR.c.code.label("programme"), S.c.stage).distinct()
         .select_from(joined.join(PR, S.c.programme_id == PR.c.id))
         .where(where, A.c.attended.is_(True), S.c.stage.is_not(None)))
    with engine.connect() as conn:
        pairs = conn.execute(q).all()
    covered: dict[str, set] = {}
    for programme, stage in pairs:
        covered.setdefault(programme, set()).add(stage)
    rows = [{"programme": p, **{s: s in stages for s in STAGES}, "stages_covered": len(stages)}
            for p, stages in sorted(covered.items())]
    return pd.DataFrame(rows, columns=["programme", *STAGES, "stages_covered"])
