"""Checks on the records themselves (for admins and staff): what is held, what is missing, what
looks wrong. Counts come from SQL; only the first `limit` rows of each check are fetched.

Participant codes appear here (they are pseudonymous): the panel is never for trustees or young people.
"""

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import and_, exists, func, literal, select

from measures.formatting import money, plural
from measures.scope import PR, A, P, S
from models.clock import utcnow
from models.tables import Evaluation, FeedbackItem, PrincipleRating, Skill
from models.vocab import YOUNG_PERSON

E = Evaluation.__table__
F = FeedbackItem.__table__
R = PrincipleRating.__table__
SK = Skill.__table__

MAX_HOURS = 12
MAX_PAID_GBP = 200
RECORD_TABLES = (("Programmes", PR), ("Participants", P), ("Sessions", S), ("Attendance (registers)", A),
                 ("Evaluations", E), ("Principle ratings", R), ("You said, we did", F))
ODD_COLUMNS = ["Table", "Code", "Column", "Value", "Reason"]


@dataclass(frozen=True)
class Check:
    """How many records a check found, and the first few of them."""
    count: int
    rows: pd.DataFrame


@dataclass(frozen=True)
class AwaitingPost:
    keys: int  # (young person, skill, programme) with a pre survey and no post survey at all
    young_people: int


def table_counts(engine) -> pd.DataFrame:
    with engine.connect() as conn:
        rows = [(label, conn.execute(select(func.count()).select_from(table)).scalar_one())
                for label, table in RECORD_TABLES]
    return pd.DataFrame(rows, columns=["Records", "Rows held"])


def pre_awaiting_post(engine) -> AwaitingPost:
    post = E.alias("post")
    # SELECT 1, not SELECT *: with SELECT * SQLite picked an index that read every evaluation per row.
    has_post = select(literal(1)).where(and_(post.c.participant_id == E.c.participant_id,
                                             post.c.skill_id == E.c.skill_id, post.c.programme_id == E.c.programme_id,
                                             post.c.timepoint == "post")).exists()
    keys = (select(E.c.participant_id, E.c.skill_id, E.c.programme_id)
            .join(P, P.c.id == E.c.participant_id)
            .where(E.c.timepoint == "pre", P.c.role == YOUNG_PERSON, ~has_post)
            .distinct().subquery())
    with engine.connect() as conn:
        count, people = conn.execute(
            select(func.count(), func.count(keys.c.participant_id.distinct())).select_from(keys)).one()
    return AwaitingPost(keys=count, young_people=people)


def sessions_without_register(engine, limit: int = 50) -> Check:
    no_register = ~exists().where(A.c.session_id == S.c.id)
    with engine.connect() as conn:
        count = conn.execute(select(func.count()).select_from(S).where(no_register)).scalar_one()
        rows = conn.execute(
            select(S.c.code, S.c.date, PR.c.name).join(PR, PR.c.id == S.c.programme_id).where(no_register)
            .order_by(S.c.date.desc(), S.c.code).limit(limit)).all()
    return Check(count, pd.DataFrame(rows, columns=["Session", "Date", "Programme"]))


def participants_never_seen(engine, limit: int = 50) -> Check:
    never = ~exists().where(A.c.participant_id == P.c.id)
    with engine.connect() as conn:
        count = conn.execute(select(func.count()).select_from(P).where(never)).scalar_one()
        rows = conn.execute(select(P.c.code, P.c.role).where(never).order_by(P.c.code).limit(limit)).all()
    return Check(count, pd.DataFrame(rows, columns=["Participant", "Role"]))


def _odd_rules(today: date):
    """(FROM, WHERE, table, code, column, value, reason) for each rule."""
    attendance = A.join(S, S.c.id == A.c.session_id).join(P, P.c.id == A.c.participant_id)
    evaluation = E.join(P, P.c.id == E.c.participant_id).join(SK, SK.c.id == E.c.skill_id)
    return [
        (S, S.c.duration_hours > MAX_HOURS, "Sessions", S.c.code, "duration_hours", S.c.duration_hours,
         f"A session longer than {plural(MAX_HOURS, 'hour')}"),
        (attendance, A.c.paid_gbp > MAX_PAID_GBP, "Attendance", S.c.code + literal(" / ") + P.c.code, "paid_gbp",
         A.c.paid_gbp, f"Paid more than {money(MAX_PAID_GBP)} for one session"),
        (evaluation, E.c.completed_on > today, "Evaluations",
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
            count += conn.execute(select(func.count()).select_from(source).where(where)).scalar_one()
            if len(found) < limit:
                rows = conn.execute(select(code, value).select_from(source).where(where)
                                    .order_by(code).limit(limit - len(found))).all()
                found += [(table, row[0], column, str(row[1]), reason) for row in rows]
    return Check(count, pd.DataFrame(found, columns=ODD_COLUMNS))
