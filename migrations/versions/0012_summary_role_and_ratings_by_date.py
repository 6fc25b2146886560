"""role in session on the attendance summary; principle ratings by date

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 12:00:00

The summary (models.tables.YoungPeopleAttendance, migration 0006) gets the attendance record's
`role_in_session`, so "who gets to lead" (measures/representation.py) reads one range of the
summary instead of joining every record back to attendance: on PostgreSQL that join read the whole
attendance table whatever the period. The triggers are redefined to copy the column; rows already
there take it from their attendance record.

`ix_ratings_date`: a period's principle ratings as one index range. Without it both databases read
every rating for the principles table and the pooled adherence (docs/decisions.md).
"""
from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

SUMMARY = "young_people_attendance"
PAUSED = "young_people_attendance_paused"  # as in migration 0006
SESSION = ("date", "programme_id", "activity_type", "mode", "stage", "led_by", "ladder_rung", "duration_hours")
PERSON = ("age_band", "disability", "care_experienced")
RECORD = ("session_id", "participant_id", "attended", "paid_gbp", "expenses_gbp")


def _triggers(record: tuple[str, ...]) -> tuple:
    """Migration 0006's triggers, copying the attendance columns `record` into the summary."""
    columns = ", ".join((*record, *SESSION, *PERSON))

    def rows(attendance: str, session: str, person: str, where: str) -> str:
        values = ", ".join((*(f"{attendance}.{c}" for c in record), *(f"{session}.{c}" for c in SESSION),
                            *(f"{person}.{c}" for c in PERSON)))
        return f"INSERT INTO {SUMMARY} ({columns}) SELECT {values} {where}"

    one_record = "FROM sessions s, participants p WHERE s.id = NEW.session_id AND p.id = NEW.participant_id " \
                 "AND p.role = 'young_person'"
    forget_record = f"DELETE FROM {SUMMARY} WHERE session_id = OLD.session_id AND participant_id = OLD.participant_id"
    # (name, table, event, pausable, statements); NEW and OLD are the changed row in both databases.
    return (
        ("young_people_attendance_added", "attendance", "INSERT", True, [rows("NEW", "s", "p", one_record)]),
        ("young_people_attendance_changed", "attendance", "UPDATE", False,
         [forget_record, rows("NEW", "s", "p", one_record)]),
        ("young_people_attendance_removed", "attendance", "DELETE", False, [forget_record]),
        ("young_people_attendance_session_changed", "sessions", "UPDATE", False, [
            f"DELETE FROM {SUMMARY} WHERE session_id = OLD.id",
            rows("a", "NEW", "p", "FROM attendance a, participants p WHERE a.session_id = NEW.id "
                                  "AND p.id = a.participant_id AND p.role = 'young_person'")]),
        ("young_people_attendance_person_changed", "participants", "UPDATE", False, [
            f"DELETE FROM {SUMMARY} WHERE participant_id = OLD.id",
            rows("a", "s", "NEW", "FROM attendance a, sessions s WHERE a.participant_id = NEW.id "
                                  "AND s.id = a.session_id AND NEW.role = 'young_person'")]),
    )


def _replace_triggers(record: tuple[str, ...]) -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    paused = f"EXISTS (SELECT 1 FROM settings WHERE key = '{PAUSED}')"
    for name, table, event, pausable, statements in _triggers(record):
        body = "".join(f"{statement}; " for statement in statements)
        if postgres:  # the trigger stays; its function is replaced
            guard = f"IF {paused} THEN RETURN NULL; END IF; " if pausable else ""
            op.execute(f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {guard}"
                       f"{body}RETURN NULL; END $$")
        else:
            guard = f"WHEN NOT {paused} " if pausable else ""
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
            op.execute(f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW {guard}BEGIN {body}END")


def upgrade() -> None:
    with op.batch_alter_table(SUMMARY, schema=None) as batch_op:
        batch_op.add_column(sa.Column('role_in_session', sa.String(), nullable=False,
                                      server_default='participant'))
    op.execute(f"UPDATE {SUMMARY} SET role_in_session = a.role_in_session FROM attendance a "
               f"WHERE a.session_id = {SUMMARY}.session_id AND a.participant_id = {SUMMARY}.participant_id "
               "AND a.role_in_session <> 'participant'")
    _replace_triggers((*RECORD, "role_in_session"))
    with op.batch_alter_table('principle_ratings', schema=None) as batch_op:
        batch_op.create_index('ix_ratings_date', ['rated_on'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('principle_ratings', schema=None) as batch_op:
        batch_op.drop_index('ix_ratings_date')
    if op.get_bind().dialect.name == "sqlite":
        # SQLite drops the column by building the table afresh and renaming it, which it refuses
        # while triggers name the table: they are made again below.
        for name, *_rest in _triggers(RECORD):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table(SUMMARY, schema=None, table_kwargs={"sqlite_with_rowid": False}) as batch_op:
        batch_op.drop_column('role_in_session')
    _replace_triggers(RECORD)
