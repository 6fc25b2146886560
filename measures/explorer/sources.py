"""The records each explorer measure counts, as SQL: FROM, WHERE, one column per dimension and
the aggregate of each measure. The WHERE clauses are the measures' own (`measures/scope.py`,
`skills.pairs_query`, the principles' rating filter), so a split adds up to the same figures.

Time dimensions are whole numbers, portable to SQLite and PostgreSQL: months since year 0
(year x 12 + month - 1) or quarters (year x 4 + quarter - 1). Numbers in grouped expressions
are literal, so PostgreSQL sees the same expression in SELECT and GROUP BY.
"""

from dataclasses import dataclass, field

from sqlalchemy import Integer, and_, case, cast, distinct, extract, func, literal_column, or_, select, true
from sqlalchemy.sql.expression import ColumnElement

from measures.explorer.catalogue import NOT_RECORDED
from measures.feedback import F
from measures.filters import Filters, Period
from measures.principles import FW, PN, R, ratings_where
from measures.scope import PR, P, S, Y, in_period, programme_ids, sessions_in, young_people_attendance
from measures.skills import pairs_query
from models.vocab import DOING_WITH_RUNGS, YOUTH_LED

INTEGER_KEYED = ("ladder_rung", "principle", "skill")


def _n(value: int):
    return literal_column(str(value), Integer)


def time_index(dimension: str, day) -> ColumnElement:
    year = cast(extract("year", day), Integer)
    month = cast(extract("month", day), Integer)
    if dimension == "month":
        return year * _n(12) + month - _n(1)
    return year * _n(4) + (month - _n(1)) // _n(3)


def time_key(dimension: str, index: int) -> str:
    """'2024-03' for a month, '2024-Q1' for a quarter."""
    index = int(index)
    if dimension == "month":
        return f"{index // 12}-{index % 12 + 1:02d}"
    return f"{index // 4}-Q{index % 4 + 1}"


@dataclass
class Source:
    """Records of one kind in the period, after the filters: what a measure aggregates."""
    from_: object
    where: ColumnElement
    day: ColumnElement                                 # the date a record belongs to a period by
    columns: dict[str, ColumnElement] = field(default_factory=dict)
    # measure -> (value, young people or None), and for a share about young people its numerator
    # and denominator (protected figures make the share from them: docs/disclosure.md)
    aggregates: dict[str, tuple] = field(default_factory=dict)
    # measure -> {name: aggregate} of figures worked out beside the value (a mean change's sums)
    extras: dict[str, dict] = field(default_factory=dict)

    def column(self, dimension: str, time_dimensions=("month", "quarter")) -> ColumnElement:
        return time_index(dimension, self.day) if dimension in time_dimensions else self.columns[dimension]

    def narrowed(self, focus: dict | None) -> "Source":
        """Only the records in the chosen groups of dimensions this source carries."""
        clauses = [_in_groups(self.columns[d], d, values) for d, values in (focus or {}).items()
                   if d in self.columns and values]
        return Source(self.from_, and_(self.where, *clauses), self.day, self.columns, self.aggregates, self.extras)


def _in_groups(column, dimension: str, values) -> ColumnElement:
    known = [int(v) if dimension in INTEGER_KEYED else v for v in values if v != NOT_RECORDED]
    clauses = [column.in_(known)] if known else []
    if NOT_RECORDED in values:
        clauses.append(column.is_(None))
    return or_(*clauses)


def _session_columns(sessions=S) -> dict:
    return {"programme": PR.c.code, "activity_type": sessions.c.activity_type, "mode": sessions.c.mode,
            "stage": sessions.c.stage, "led_by": sessions.c.led_by, "ladder_rung": sessions.c.ladder_rung}


def _people_columns(people=P) -> dict:
    return {"age_band": people.c.age_band, "disability": people.c.disability,
            "care_experienced": people.c.care_experienced}


def _share(condition, over=None):
    whole = func.count() if over is None else func.nullif(func.count(over), 0)
    return func.sum(case((condition, 1.0), else_=0.0)) / whole


def _share_parts(condition, people) -> tuple:
    """A share about young people: (value, young people, numerator, denominator)."""
    return (_share(condition), people, func.sum(case((condition, 1), else_=0)), func.count())


def attendance(period: Period, filters: Filters) -> Source:
    joined, where = young_people_attendance(period, filters)
    attended = Y.c.attended.is_(True)
    active = func.count(distinct(case((attended, Y.c.participant_id))))
    return Source(joined.join(PR, Y.c.programme_id == PR.c.id), where, Y.c.date,
                  {**_session_columns(Y), **_people_columns(Y)},
                  {"active_young_people": (active, active),
                   # rests on the young people expected (`suppression.attendance_rate_people`)
                   "attendance_rate": _share_parts(attended, func.count(distinct(Y.c.participant_id))),
                   "involvement_hours": (func.coalesce(func.sum(case((attended, Y.c.duration_hours), else_=0.0)), 0.0),
                                         active)})


def sessions(period: Period, filters: Filters) -> Source:
    return Source(S.join(PR, S.c.programme_id == PR.c.id), sessions_in(period, filters), S.c.date,
                  _session_columns(),
                  {"sessions_held": (func.count(), None),
                   "youth_led_share": (_share(S.c.led_by.in_(YOUTH_LED)), None),
                   "doing_with_share": (_share(S.c.ladder_rung.in_(DOING_WITH_RUNGS), S.c.ladder_rung), None)})


def pairs(period: Period, filters: Filters) -> Source:
    """One row per before-and-after pair (`skills.pairs_query`), dated by its 'after' rating. Beside
    the mean change: the number of pairs and the sums its interval and verdict are worked out from
    (`measures.pair_statistics.change_statistics`, as on the skills page)."""
    found = pairs_query(period, filters).subquery("pairs")
    joined = found.join(P, found.c.participant_id == P.c.id).join(PR, found.c.programme_id == PR.c.id)
    people = func.count(distinct(found.c.participant_id))
    change = found.c.change
    return Source(joined, true(), found.c.post_on,
                  {"programme": PR.c.code, "skill": found.c.skill_id, **_people_columns()},
                  {"mean_skill_change": (func.avg(change * 1.0), people),
                   "share_improved": _share_parts(change > 0, people)},
                  {"mean_skill_change": {"pairs": func.count(), "sum_change": func.coalesce(func.sum(change), 0),
                                         "sum_sq": func.coalesce(func.sum(change * change), 0)}})


def ratings(period: Period, filters: Filters, framework: str | None = None) -> Source:
    where = [ratings_where(period, filters)]
    if framework:
        where.append(R.c.principle_id.in_(select(PN.c.id).join(FW, PN.c.framework_id == FW.c.id)
                                          .where(FW.c.code == framework)))
    young = R.c.rater_role == "young_person"
    # Anonymous young people's ratings count one young person each (docs/measures.md, suppression).
    raters = (func.count(distinct(case((young, R.c.rater_id))))
              + func.coalesce(func.sum(case((and_(young, R.c.rater_id.is_(None)), 1), else_=0)), 0))
    return Source(R.join(S, R.c.session_id == S.c.id).join(PR, S.c.programme_id == PR.c.id), and_(*where),
                  R.c.rated_on, {**_session_columns(), "rater_role": R.c.rater_role, "principle": R.c.principle_id},
                  {"principle_mean": (func.avg(R.c.score * 1.0), raters),
                   "principle_share_4_5": _share_parts(R.c.score >= 4, raters)})


def feedback(period: Period, filters: Filters) -> Source:
    where = [in_period(F.c.raised_on, period)]
    if filters.programmes:
        where.append(F.c.programme_id.in_(programme_ids(filters.programmes)))
    told_back = and_(F.c.responded_on.is_not(None), F.c.responded_on <= period.end)
    return Source(F.outerjoin(PR, F.c.programme_id == PR.c.id), and_(*where), F.c.raised_on,
                  {"programme": PR.c.code},
                  {"feedback_raised": (func.count(), None), "told_back_share": (_share(told_back), None)})


SOURCES = {"attendance": attendance, "sessions": sessions, "pairs": pairs, "ratings": ratings, "feedback": feedback}
