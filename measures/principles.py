"""Principle adherence (young people and staff side by side) and the ladder of co-production."""

import pandas as pd
from sqlalchemy import and_, case, distinct, func, or_, select

from measures.filters import Filters, Period
from measures.scope import S, in_period, session_filter, young_people_ids
from measures.sql import month_of
from measures.suppression import guard_many, too_few
from models.tables import Framework, LadderRung, Principle, PrincipleRating

R = PrincipleRating.__table__
PN = Principle.__table__
FW = Framework.__table__
LR = LadderRung.__table__


def _ratings_where(period: Period, filters: Filters):
    where = [in_period(R.c.rated_on, period), session_filter(filters)]
    if filters.has_group:  # only young people's ratings known to come from the group
        where.append(or_(R.c.rater_role == "staff", R.c.rater_id.in_(young_people_ids(filters))))
    return and_(*where)


def _rating_counts(group_cols, period: Period, filters: Filters):
    """Per group and rater role: ratings, score total, ratings of 4-5, distinct young raters."""
    young = R.c.rater_role == "young_person"
    return (select(*group_cols, R.c.rater_role,
                   func.count().label("n"),
                   func.sum(R.c.score).label("total"),
                   func.sum(case((R.c.score >= 4, 1), else_=0)).label("high"),
                   (func.count(distinct(case((young, R.c.rater_id))))
                    + func.sum(case((and_(young, R.c.rater_id.is_(None)), 1), else_=0))).label("people"))
            .select_from(R.join(S, R.c.session_id == S.c.id))
            .where(_ratings_where(period, filters))
            .group_by(*group_cols, R.c.rater_role))


def combine(by_role: dict, k: int) -> dict:
    """Figures for one principle (or pool) from its per-rater-role counts."""
    yp, staff = by_role.get("young_person"), by_role.get("staff")
    n = sum(r.n for r in by_role.values())
    total = sum(r.total for r in by_role.values())
    high = sum(r.high for r in by_role.values())
    yp_mean = yp.total / yp.n if yp else None
    staff_mean = staff.total / staff.n if staff else None
    figures = {
        "mean": total / n if n else None,
        "share_4_5": high / n if n else None,
        "young_people_mean": yp_mean,
        "staff_mean": staff_mean,
        "gap": staff_mean - yp_mean if yp_mean is not None and staff_mean is not None else None,
        "ratings": n,
    }
    if yp and too_few(yp.people, k):
        # Everything that mixes in the young people's scores goes, so none can be recovered.
        hidden = guard_many({key: figures[key] for key in ("mean", "share_4_5", "young_people_mean", "gap")},
                            yp.people, k)
        figures.update(hidden)
    return figures


def principle_table(engine, period: Period, filters: Filters, k: int) -> pd.DataFrame:
    """One row per framework and principle in the store, with its figures (empty when unrated)."""
    q = _rating_counts([R.c.principle_id], period, filters)
    principles_q = (select(PN.c.id, FW.c.code.label("framework"), FW.c.name.label("framework_name"),
                           PN.c.code.label("principle"), PN.c.name.label("principle_name"))
                    .join(FW, PN.c.framework_id == FW.c.id).order_by(FW.c.id, PN.c.position, PN.c.id))
    with engine.connect() as conn:
        counts: dict[int, dict] = {}
        for row in conn.execute(q).all():
            counts.setdefault(row.principle_id, {})[row.rater_role] = row
        principles = conn.execute(principles_q).all()
    rows = [{"framework": p.framework, "framework_name": p.framework_name, "principle": p.principle,
             "principle_name": p.principle_name, **combine(counts.get(p.id, {}), k)} for p in principles]
    return pd.DataFrame(rows)


def pooled_adherence(engine, period: Period, filters: Filters, k: int):
    """Share of ratings of 4-5 over all principles and raters (for the health index)."""
    with engine.connect() as conn:
        by_role = {r.rater_role: r for r in conn.execute(_rating_counts([], period, filters)).all()}
    return combine(by_role, k)["share_4_5"]


def ladder_by_month(engine, period: Period, filters: Filters) -> pd.DataFrame:
    """Sessions per month on each rung of the ladder, with the rung's group."""
    month = month_of(S.c.date).label("month")
    q = (select(month, LR.c.position, LR.c.name.label("rung"), LR.c.rung_group, func.count().label("sessions"))
         .select_from(S.join(LR, S.c.ladder_rung == LR.c.position))
         .where(in_period(S.c.date, period), session_filter(filters))
         .group_by(month, LR.c.position, LR.c.name, LR.c.rung_group).order_by(month, LR.c.position))
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(q).mappings().all(),
                            columns=["month", "position", "rung", "rung_group", "sessions"])

