"""What tests read from the store and do to it: counting what it holds, to prove that a refused or
rolled-back change changed nothing, and taking its schema back to an earlier migration."""

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


def downgrade_to(engine, revision: str) -> None:
    """Take the store's schema back to the migration `revision` (models.schema.upgrade_schema goes forward)."""
    from alembic import command

    from models.schema import alembic_config
    with engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, revision)
