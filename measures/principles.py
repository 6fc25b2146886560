"""Principle adherence (young people and staff side by side) and the ladder of co-production.

Each measure's definition in plain words, as the forum explorer shows it: `measures/definitions.py`.
"""

import pandas as pd
from sqlalchemy import Integer, and_, case, cast, extract, func, literal_column, or_, select

from measures.filters import Filters, Period
from measures.kept_until_changed import kept_until_changed
from measures.scope import PR, S, in_period, session_filter, young_people_ids
from measures.sql import month_of
from measures.suppression import SUPPRESSED, complete_hiding, guard_many, is_suppressed, suppress_rows, too_few
from models.tables import Framework, LadderRung, Principle, PrincipleRating

R = PrincipleRating.__table__
PN = Principle.__table__
FW = Framework.__table__
LR = LadderRung.__table__
# Every table the rating measures read (measures/kept_until_changed.py).
READS = ("principle_ratings", "sessions", "participants", "programmes", "principles", "frameworks")
# the figures `combine` hides together
MIXED = ("mean", "share_4_5", "young_people_mean", "gap", "ratings", "ratings_4_5")


def ratings_where(period: Period, filters: Filters):
    """The ratings a period and filters take in (the principles page and the explorer share it): in
    the period, of the sessions filtered; with a group filter, staff's ratings and only the young
    people's known to come from the group."""
    where = [in_period(R.c.rated_on, period), session_filter(filters)]
    if filters.has_group:  # only young people's ratings known to come from the group
        where.append(or_(R.c.rater_role == "staff", R.c.rater_id.in_(young_people_ids(filters))))
    return and_(*where)


def _rating_counts(group_cols, period: Period, filters: Filters, *extra_where, by_programme: bool = False):
    """Per group and rater role: ratings, score total, ratings of 4-5, distinct young raters (an
    anonymous young people's rating counts as one). `by_programme`: the groups include the
    session's programme; sessions are joined only when the groups or filters need them.

    Counted per rater first, then per group: a count of different raters over every rating sorted
    them all, and with the join took 0.25 s of a year's 200,000 ratings at scale XL (0.06 s so)."""
    sessions = by_programme or filters.programmes or filters.activity_types or filters.modes
    per_rater = (select(*group_cols, R.c.rater_role, R.c.rater_id, func.count().label("n"),
                        func.sum(R.c.score).label("total"), func.sum(case((R.c.score >= 4, 1), else_=0)).label("high"))
                 .select_from(R.join(S, R.c.session_id == S.c.id) if sessions else R)
                 .where(ratings_where(period, filters), *extra_where)
                 .group_by(*group_cols, R.c.rater_role, R.c.rater_id)).subquery("per_rater")
    groups = [per_rater.c[column.name] for column in group_cols]
    young = per_rater.c.rater_role == "young_person"
    raters = case((and_(young, per_rater.c.rater_id.is_not(None)), 1), (young, per_rater.c.n), else_=0)
    # Whole numbers on both databases (PostgreSQL sums counts as numeric).
    sums = [cast(func.sum(column), Integer).label(name) for name, column in
            (("n", per_rater.c.n), ("total", per_rater.c.total), ("high", per_rater.c.high), ("people", raters))]
    return select(*groups, per_rater.c.rater_role, *sums).group_by(*groups, per_rater.c.rater_role)


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
        "ratings_4_5": high,  # the numerator of share_4_5, for protected figures
    }
    if yp and too_few(yp.people, k):
        # Everything that mixes in the young people's scores goes, so none can be recovered; the
        # number of ratings too, or the pooled adherence of the health index, times the pooled
        # count, minus the other principles, would give this principle's share of 4-5 back.
        hidden = guard_many({key: figures[key] for key in MIXED}, yp.people, k)
        figures.update(hidden)
    return figures


@kept_until_changed(*READS)
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
             "principle_name": p.principle_name, "has_ratings": p.id in counts,
             **combine(counts.get(p.id, {}), k)} for p in principles]
    return pd.DataFrame(rows)


@kept_until_changed(*READS)
def pooled_adherence(engine, period: Period, filters: Filters, k: int) -> dict:
    """Share of ratings of 4-5 over all principles and raters (for the health index), with
    its `ratings_4_5` and `ratings`."""
    with engine.connect() as conn:
        by_role = {r.rater_role: r for r in conn.execute(_rating_counts([], period, filters)).all()}
    pooled = combine(by_role, k)
    return {key: pooled[key] for key in ("share_4_5", "ratings_4_5", "ratings")}


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



# --- For the principles page: one framework at a time, over time and by programme. -----------

def time_unit(period: Period) -> str:
    """Months for a period of up to a year, quarters beyond (so each point has enough ratings)."""
    return "month" if period.days <= 366 else "quarter"


def _in_framework(framework: str):
    return R.c.principle_id.in_(select(PN.c.id).join(FW, PN.c.framework_id == FW.c.id).where(FW.c.code == framework))


def _time_buckets(column, unit: str) -> list:
    if unit == "month":
        return [month_of(column).label("bucket")]
    if unit != "quarter":
        raise ValueError(f"unknown time unit '{unit}'")
    year = cast(extract("year", column), Integer)
    # 0-3 by integer division on both databases; literal numbers, so that PostgreSQL sees the
    # same expression in SELECT and GROUP BY (bound parameters would differ).
    quarter = (cast(extract("month", column), Integer) - literal_column("1", Integer)) // literal_column("3", Integer)
    return [year.label("year"), quarter.label("quarter")]


def _bucket_start(row, unit: str) -> str:
    """The first month of a row's bucket, 'YYYY-MM'."""
    return row.bucket if unit == "month" else f"{int(row.year)}-{3 * int(row.quarter) + 1:02d}"


@kept_until_changed(*READS)
def rating_trend(engine, period: Period, filters: Filters, k: int, framework: str, unit: str) -> pd.DataFrame:
    """Per month or quarter (`start`, its first month) and rater role: the mean and share of 4-5.

    A young people's row resting on 1..k-1 young people is blanked (`suppressed`); staff rows
    never are. No counts of ratings: with them the period's totals could be rebuilt and set
    against the per-principle figures, giving away a hidden principle by subtraction.
    """
    buckets = _time_buckets(R.c.rated_on, unit)
    with engine.connect() as conn:
        rows = conn.execute(_rating_counts(buckets, period, filters, _in_framework(framework))).all()
    frame = pd.DataFrame([{"start": _bucket_start(r, unit), "rater_role": r.rater_role, "mean": r.total / r.n,
                           "share_4_5": r.high / r.n,
                           "people": r.people if r.rater_role == "young_person" else 0} for r in rows],
                         columns=["start", "rater_role", "mean", "share_4_5", "people"])
    frame = frame.sort_values(["start", "rater_role"], ignore_index=True)
    return suppress_rows(frame, "people", ["mean", "share_4_5"], k, complementary=False)




def programme_principle_means(engine, period: Period, filters: Filters, k: int, framework: str,
                              full: bool = False) -> pd.DataFrame:
    """One row per programme and principle of `framework` that was rated, with `combine`'s figures.

    The programmes split each principle's figures (shown whole elsewhere), so when a programme's
    figures are hidden, more are hidden with them (`suppression.complete_hiding`, `full` for a
    protected audience).
    """
    return programme_principle_cells(engine, period, filters, k, framework)[1 if full else 0]


@kept_until_changed(*READS)
def programme_principle_cells(engine, period: Period, filters: Filters, k: int,
                              framework: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`programme_principle_means` without and with `full`, from one reading of the ratings (the
    principles page shows one and exports the other)."""
    q = _rating_counts([S.c.programme_id, R.c.principle_id], period, filters, _in_framework(framework),
                       by_programme=True)
    principles_q = (select(PN.c.id, PN.c.code, PN.c.name).join(FW, PN.c.framework_id == FW.c.id)
                    .where(FW.c.code == framework).order_by(PN.c.position, PN.c.id))
    with engine.connect() as conn:
        counts: dict[tuple, dict] = {}
        for row in conn.execute(q).all():
            counts.setdefault((row.programme_id, row.principle_id), {})[row.rater_role] = row
        programmes = dict(conn.execute(select(PR.c.id, PR.c.name)).all())
        principles = conn.execute(principles_q).all()
    rows = []
    for programme_id in sorted(programmes, key=programmes.get):
        for p in principles:
            by_role = counts.get((programme_id, p.id))
            if by_role:
                young = by_role.get("young_person")
                rows.append({"programme": programmes[programme_id], "principle": p.code, "principle_name": p.name,
                             **combine(by_role, k), "people": young.people if young else 0})
    frame = pd.DataFrame(rows, columns=["programme", "principle", "principle_name", *MIXED, "staff_mean", "people"])
    return _hidden_with_others(frame, k, full=False), _hidden_with_others(frame, k, full=True)


def _hidden_with_others(frame: pd.DataFrame, k: int, full: bool) -> pd.DataFrame:
    frame = frame.copy()
    for _, cells in frame.groupby("principle", sort=False):
        hidden = cells["mean"].map(is_suppressed)
        more = complete_hiding(hidden, cells["people"], k, full) & ~hidden
        frame.loc[more[more].index, list(MIXED)] = SUPPRESSED
    return frame.drop(columns="people")


def ladder_over_time(engine, period: Period, filters: Filters, unit: str) -> pd.DataFrame:
    """Sessions per month or quarter (`start`, its first month) in each group of the ladder."""
    monthly = ladder_by_month(engine, period, filters)
    if unit == "quarter":
        month = monthly["month"].str[5:7].astype(int)
        monthly = monthly.assign(month=monthly["month"].str[:5] + ((month - 1) // 3 * 3 + 1).map("{:02d}".format))
    grouped = monthly.groupby(["month", "rung_group"], as_index=False)["sessions"].sum()
    return grouped.rename(columns={"month": "start"})[["start", "rung_group", "sessions"]]


def ladder_rungs(engine, period: Period, filters: Filters) -> pd.DataFrame:
    """Every rung of the ladder (bottom first) with the sessions placed on it in the period."""
    placed = and_(S.c.ladder_rung == LR.c.position, in_period(S.c.date, period), session_filter(filters))
    q = (select(LR.c.position, LR.c.name.label("rung"), LR.c.rung_group, func.count(S.c.id).label("sessions"))
         .select_from(LR.outerjoin(S, placed))
         .group_by(LR.c.position, LR.c.name, LR.c.rung_group).order_by(LR.c.position))
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(q).mappings().all(), columns=["position", "rung", "rung_group", "sessions"])
