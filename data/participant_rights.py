"""Participant rights: export everything held about one participant, or erase them completely.

Plain functions (no Streamlit), shared by the admin page and `manage.py`. Both are audited; the
audit row names the participant code and row counts, never the personal data itself.
"""

from datetime import date, datetime

from sqlalchemy import delete, func, select

from auth.audit import record
from models.tables import (
    Attendance, Evaluation, Framework, Participant, Principle, PrincipleRating, Programme,
    ProgrammeSession, Skill,
)
from models.version import bump_write_counter

PARTICIPANTS = Participant.__table__
ATTENDANCE = Attendance.__table__
EVALUATIONS = Evaluation.__table__
RATINGS = PrincipleRating.__table__
SESSIONS = ProgrammeSession.__table__
PROGRAMMES = Programme.__table__
SKILLS = Skill.__table__
PRINCIPLES = Principle.__table__
FRAMEWORKS = Framework.__table__

# Every row that refers to a participant: (table, the column holding the participant's id).
# Children first, so the participant row can go last.
REFERRING = ((ATTENDANCE, ATTENDANCE.c.participant_id), (EVALUATIONS, EVALUATIONS.c.participant_id),
             (RATINGS, RATINGS.c.rater_id))


class UnknownParticipant(LookupError):
    def __init__(self, code: str):
        super().__init__(f"No participant with code '{code}' in the store.")
        self.code = code


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _rows(conn, query) -> list[dict]:
    return [{key: _plain(value) for key, value in row.items()} for row in conn.execute(query).mappings()]


def _participant_id(conn, code: str) -> int:
    found = conn.execute(select(PARTICIPANTS.c.id).where(PARTICIPANTS.c.code == code)).scalar()
    if found is None:
        raise UnknownParticipant(code)
    return found


def row_counts(engine, code: str) -> dict[str, int]:
    """How many rows each table holds about the participant (raises UnknownParticipant)."""
    with engine.connect() as conn:
        return _counts(conn, _participant_id(conn, code))


def _counts(conn, person: int) -> dict[str, int]:
    counts = {table.name: conn.execute(select(func.count()).select_from(table).where(column == person)).scalar()
              for table, column in REFERRING}
    return {**counts, PARTICIPANTS.name: 1}


def export_participant(engine, code: str, actor: str | None = None) -> dict:
    """Everything held about participant `code`, as JSON-ready dicts keyed by table."""
    with engine.begin() as conn:
        person = _participant_id(conn, code)
        participant = _rows(conn, select(*[c for c in PARTICIPANTS.c if c.name != "id"])
                            .where(PARTICIPANTS.c.id == person))[0]
        attendance = _rows(conn, select(
            SESSIONS.c.code.label("session"), PROGRAMMES.c.code.label("programme"), SESSIONS.c.date,
            ATTENDANCE.c.attended, ATTENDANCE.c.role_in_session, ATTENDANCE.c.paid_gbp, ATTENDANCE.c.expenses_gbp)
            .join(SESSIONS, SESSIONS.c.id == ATTENDANCE.c.session_id)
            .join(PROGRAMMES, PROGRAMMES.c.id == SESSIONS.c.programme_id)
            .where(ATTENDANCE.c.participant_id == person).order_by(SESSIONS.c.date, SESSIONS.c.code))
        evaluations = _rows(conn, select(
            PROGRAMMES.c.code.label("programme"), EVALUATIONS.c.timepoint, EVALUATIONS.c.completed_on,
            SKILLS.c.code.label("skill"), EVALUATIONS.c.score)
            .join(PROGRAMMES, PROGRAMMES.c.id == EVALUATIONS.c.programme_id)
            .join(SKILLS, SKILLS.c.id == EVALUATIONS.c.skill_id)
            .where(EVALUATIONS.c.participant_id == person)
            .order_by(EVALUATIONS.c.completed_on, SKILLS.c.code, EVALUATIONS.c.timepoint))
        ratings = _rows(conn, select(
            RATINGS.c.rating_code, SESSIONS.c.code.label("session"), FRAMEWORKS.c.code.label("framework"),
            PRINCIPLES.c.code.label("principle"), RATINGS.c.rater_role, RATINGS.c.score, RATINGS.c.rated_on,
            RATINGS.c.comment)
            .join(SESSIONS, SESSIONS.c.id == RATINGS.c.session_id)
            .join(PRINCIPLES, PRINCIPLES.c.id == RATINGS.c.principle_id)
            .join(FRAMEWORKS, FRAMEWORKS.c.id == PRINCIPLES.c.framework_id)
            .where(RATINGS.c.rater_id == person).order_by(RATINGS.c.rated_on, RATINGS.c.id))
        export = {"participant": participant, "attendance": attendance, "evaluations": evaluations,
                  "principle_ratings": ratings}
        record(conn, actor, "participant exported", code=code,
               counts={key: len(value) for key, value in export.items() if key != "participant"})
    return export


def erase_participant(engine, code: str, actor: str | None = None) -> dict[str, int]:
    """Delete participant `code` and every row that refers to them, in one transaction.

    Returns the rows deleted per table. Bumps the data version so cached figures are recomputed.
    """
    with engine.begin() as conn:
        person = _participant_id(conn, code)
        deleted = {table.name: conn.execute(delete(table).where(column == person)).rowcount
                   for table, column in REFERRING}
        deleted[PARTICIPANTS.name] = conn.execute(delete(PARTICIPANTS).where(PARTICIPANTS.c.id == person)).rowcount
        bump_write_counter(conn)
        record(conn, actor, "participant erased", code=code, counts=deleted)
    return deleted


def participant_codes(engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(select(PARTICIPANTS.c.code).order_by(PARTICIPANTS.c.code)).scalars())
