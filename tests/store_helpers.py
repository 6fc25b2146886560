"""Counting what the store holds, to prove that a refused or rolled-back change changed nothing."""

from sqlalchemy import func, select

from models.tables import (
    Attendance, Evaluation, FeedbackItem, Framework, Participant, Principle, PrincipleRating, Programme,
    ProgrammeSession, Skill,
)

COUNTED = (Programme, Participant, ProgrammeSession, Attendance, Evaluation, PrincipleRating, FeedbackItem, Skill,
           Framework, Principle)


def row_counts(engine) -> dict[str, int]:
    """Rows per record and built-in table, by table name (e.g. "feedback_items")."""
    with engine.connect() as conn:
        return {t.__tablename__: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in COUNTED}
