"""Checks on the records themselves (for admins and staff): what is held, what is missing, what
looks wrong. Counts come from SQL; only the first `limit` rows of each check are fetched.

Participant codes appear here (they are pseudonymous): the panel is never for trustees or young people.
"""

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import and_, func, literal, literal_column, select

from measures.formatting import money, plural
from measures.kept_until_changed import kept_until_changed
from measures.parallel import run_side_by_side
from measures.scope import PR, A, P, S
from models.clock import utcnow
from models.row_counts import has_no_rows, rows_held
from models.tables import Evaluation, FeedbackItem, PrincipleRating, Skill, SkillFirstPre
from models.vocab import TIMEPOINTS, YOUNG_PERSON

E = Evaluation.__table__
F = FeedbackItem.__table__
R = PrincipleRating.__table__
SK = Skill.__table__
FIRST_PRES = SkillFirstPre.__table__

MAX_HOURS = 12
MAX_PAID_GBP = 200
# Written into the SQL, not bound, so the planner always sees that the partial index of the
# payments over 200 pounds (ix_attendance_paid_over_200) fits, and reads it instead of every
# attendance row: a generic plan of PostgreSQL cannot tell that from a parameter.
PAID_OVER = literal_column(str(MAX_PAID_GBP))
HOURS_OVER = literal_column(str(MAX_HOURS))  # the same, for ix_sessions_over_12_hours
RECORD_TABLES = (("Programmes", PR), ("Participants", P), ("Sessions", S), ("Attendance (registers)", A),
                 ("Evaluations", E), ("Principle ratings", R), ("You said, we did", F))
ODD_COLUMNS = ["Table", "Code", "Column", "Value", "Reason"]
AWAITING_READS = ("skill_first_pres", "participants")  # what `pre_awaiting_post` reads (measures/kept_until_changed.py)


@dataclass(frozen=True)
class Check:
    """How many records a check found, and the first few of them."""
    count: int
    rows: pd.DataFrame


@dataclass(frozen=True)
class AwaitingPost:
    keys: int  # (young person, skill, programme) with a pre survey and no post survey at all
    young_people: int


@dataclass(frozen=True)
class QualityChecks:
    """Everything the data quality page shows (each part as its own function gives it)."""
    table_counts: pd.DataFrame
    awaiting: AwaitingPost
    no_register: Check
    never_seen: Check
    odd: Check


def quality_checks(engine, limit: int = 50) -> QualityChecks:
    """Every check, worked out side by side on the measures pool (docs/decisions.md, 11), slowest first."""
    return QualityChecks(**run_side_by_side({
        "awaiting": (pre_awaiting_post, engine),
        "table_counts": (table_counts, engine),
        "odd": (odd_values, engine, limit),
        "never_seen": (participants_never_seen, engine, limit),
        "no_register": (sessions_without_register, engine, limit),
    }))


def table_counts(engine) -> pd.DataFrame:
    with engine.connect() as conn:
        rows = [(label, rows_held(conn, table)) for label, table in RECORD_TABLES]
    return pd.DataFrame(rows, columns=["Records", "Rows held"])


@kept_until_changed(*AWAITING_READS)
def pre_awaiting_post(engine) -> AwaitingPost:
    """Keys (young person, skill, programme) with a pre and no post at all: the rows of
    `skill_first_pres` (kept by triggers, docs/decisions.md 25) with no first post, read from their
    partial index by young person, and grouped by person before joining participants for the role."""
    keys = (select(FIRST_PRES.c.participant_id, func.count().label("awaiting"))
            .where(FIRST_PRES.c.first_post_on.is_(None)).group_by(FIRST_PRES.c.participant_id).subquery())
    with engine.connect() as conn:
        count, people = conn.execute(
            select(func.coalesce(func.sum(keys.c.awaiting), 0), func.count())
            .select_from(keys.join(P, P.c.id == keys.c.participant_id)).where(P.c.role == YOUNG_PERSON)).one()
    return AwaitingPost(keys=int(count), young_people=people)  # int: PostgreSQL sums counts as numeric


def _counted(conn, query, limit: int) -> tuple[int, list]:
    """How many rows `query` (ordered) finds, and the first `limit` of them, in one pass: the
    count is a window over every row found, taken before LIMIT keeps the first few."""
    if limit < 1:
        return conn.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one(), []
    rows = conn.execute(query.add_columns(func.count().over()).limit(limit)).all()
    return (rows[0][-1] if rows else 0), [tuple(row[:-1]) for row in rows]


def sessions_without_register(engine, limit: int = 50) -> Check:
    no_register = has_no_rows(engine.dialect.name, A.c.session_id, S.c.id)
    with engine.connect() as conn:
        count, rows = _counted(conn, select(S.c.code, S.c.date, PR.c.name).join(PR, PR.c.id == S.c.programme_id)
                               .where(no_register).order_by(S.c.date.desc(), S.c.code), limit)
    return Check(count, pd.DataFrame(rows, columns=["Session", "Date", "Programme"]))


def participants_never_seen(engine, limit: int = 50) -> Check:
    never = has_no_rows(engine.dialect.name, A.c.participant_id, P.c.id)
    with engine.connect() as conn:
        count, rows = _counted(conn, select(P.c.code, P.c.role).where(never).order_by(P.c.code), limit)
    return Check(count, pd.DataFrame(rows, columns=["Participant", "Role"]))


def _odd_rules(today: date):
    """(FROM, WHERE, table, code, column, value, reason) for each rule."""
    attendance = A.join(S, S.c.id == A.c.session_id).join(P, P.c.id == A.c.participant_id)
    evaluation = E.join(P, P.c.id == E.c.participant_id).join(SK, SK.c.id == E.c.skill_id)
    return [
        (S, S.c.duration_hours > HOURS_OVER, "Sessions", S.c.code, "duration_hours", S.c.duration_hours,
         f"A session longer than {plural(MAX_HOURS, 'hour')}"),
        (attendance, A.c.paid_gbp > PAID_OVER, "Attendance", S.c.code + literal(" / ") + P.c.code, "paid_gbp",
         A.c.paid_gbp, f"Paid more than {money(MAX_PAID_GBP)} for one session"),
        # Every timepoint named, so the store reads its by-date index (timepoint first) in ranges.
        (evaluation, and_(E.c.timepoint.in_(TIMEPOINTS), E.c.completed_on > today), "Evaluations",
         P.c.code + literal(" / ") + SK.c.code + literal(" / ") + E.c.timepoint, "completed_on", E.c.completed_on,
         "Completed on a date still to come"),
        (S, S.c.date > today, "Sessions", S.c.code, "date", S.c.date, "A session dated in the future"),
        (F, and_(F.c.status == "raised", F.c.responded_on.is_not(None)), "You said, we did", F.c.code,
         "responded_on", F.c.responded_on, "Has a response date but is still marked 'raised'"),
    ]


def odd_values(engine, limit: int = 50, today: date | None = None) -> Check:
    """Values that look wrong, each with its reason in plain words (at most `limit` rows in all)."""
    today = today or utcnow().date()
    count, found = 0, []
    with engine.connect() as conn:
        for source, where, table, code, column, value, reason in _odd_rules(today):
            counted, rows = _counted(conn, select(code, value).select_from(source).where(where).order_by(code),
                                     limit - len(found))
            count += counted
            found += [(table, row[0], column, str(row[1]), reason) for row in rows]
    return Check(count, pd.DataFrame(found, columns=ODD_COLUMNS))
