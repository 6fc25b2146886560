"""young people's attendance summary, kept by triggers

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 17:50:00

One row per young person's attendance record with the session's and the person's attributes
copied in (models.tables.YoungPeopleAttendance). Triggers on attendance, sessions and
participants keep it right whoever writes (the importer, the forms, another program), on SQLite
and on PostgreSQL; deleting a session or a participant removes its rows by cascade.
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

SUMMARY = "young_people_attendance"
# While a settings row with this key exists (only ever inside the importer's own transaction),
# added attendance rows are left to the importer, which adds their summary rows in one
# statement: row by row, the trigger tripled the time of a large import.
PAUSED = "young_people_attendance_paused"
COLUMNS = ("date, session_id, participant_id, attended, paid_gbp, expenses_gbp, programme_id, activity_type, mode, "
           "stage, led_by, ladder_rung, duration_hours, age_band, disability, care_experienced")


def _rows(attendance: str, session: str, person: str, where: str) -> str:
    """INSERT of the summary rows for the attendance records `where` picks."""
    return (f"INSERT INTO {SUMMARY} ({COLUMNS}) SELECT {session}.date, {attendance}.session_id, "
            f"{attendance}.participant_id, {attendance}.attended, {attendance}.paid_gbp, {attendance}.expenses_gbp, "
            f"{session}.programme_id, {session}.activity_type, {session}.mode, {session}.stage, {session}.led_by, "
            f"{session}.ladder_rung, {session}.duration_hours, {person}.age_band, {person}.disability, "
            f"{person}.care_experienced {where}")


# (name, table, event, pausable, statements); NEW and OLD are the changed row in both databases.
TRIGGERS = (
    ("young_people_attendance_added", "attendance", "INSERT", True, [
        _rows("NEW", "s", "p", "FROM sessions s, participants p WHERE s.id = NEW.session_id "
                                "AND p.id = NEW.participant_id AND p.role = 'young_person'")]),
    ("young_people_attendance_changed", "attendance", "UPDATE", False, [
        f"DELETE FROM {SUMMARY} WHERE session_id = OLD.session_id AND participant_id = OLD.participant_id",
        _rows("NEW", "s", "p", "FROM sessions s, participants p WHERE s.id = NEW.session_id "
                                "AND p.id = NEW.participant_id AND p.role = 'young_person'")]),
    ("young_people_attendance_removed", "attendance", "DELETE", False, [
        f"DELETE FROM {SUMMARY} WHERE session_id = OLD.session_id AND participant_id = OLD.participant_id"]),
    ("young_people_attendance_session_changed", "sessions", "UPDATE", False, [
        f"DELETE FROM {SUMMARY} WHERE session_id = OLD.id",
        _rows("a", "NEW", "p", "FROM attendance a, participants p WHERE a.session_id = NEW.id "
                                "AND p.id = a.participant_id AND p.role = 'young_person'")]),
    ("young_people_attendance_person_changed", "participants", "UPDATE", False, [
        f"DELETE FROM {SUMMARY} WHERE participant_id = OLD.id",
        _rows("a", "s", "NEW", "FROM attendance a, sessions s WHERE a.participant_id = NEW.id "
                                "AND s.id = a.session_id AND NEW.role = 'young_person'")]),
)


def upgrade() -> None:
    op.create_table(SUMMARY,
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('attended', sa.Boolean(), nullable=False),
    sa.Column('paid_gbp', sa.Float(), nullable=True),
    sa.Column('expenses_gbp', sa.Float(), nullable=True),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('activity_type', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('mode', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('stage', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('led_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('ladder_rung', sa.Integer(), nullable=True),
    sa.Column('duration_hours', sa.Float(), nullable=False),
    sa.Column('age_band', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('disability', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('care_experienced', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('date', 'session_id', 'participant_id'),
    sqlite_with_rowid=False,
    )
    with op.batch_alter_table(SUMMARY, schema=None) as batch_op:
        batch_op.create_index('ix_young_people_attendance_participant', ['participant_id'], unique=False)
        batch_op.create_index('ix_young_people_attendance_session', ['session_id'], unique=False)
    op.execute(_rows("a", "s", "p", "FROM attendance a JOIN sessions s ON s.id = a.session_id "
                                     "JOIN participants p ON p.id = a.participant_id WHERE p.role = 'young_person'"))
    postgres = op.get_bind().dialect.name == "postgresql"
    paused = f"EXISTS (SELECT 1 FROM settings WHERE key = '{PAUSED}')"
    for name, table, event, pausable, statements in TRIGGERS:
        if postgres:
            guard = f"IF {paused} THEN RETURN NULL; END IF; " if pausable else ""
            body = "".join(f"{statement}; " for statement in statements)
            op.execute(f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {guard}"
                       f"{body}RETURN NULL; END $$")
            op.execute(f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()")
        else:
            guard = f"WHEN NOT {paused} " if pausable else ""
            op.execute(f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW {guard}BEGIN "
                       + "".join(f"{statement}; " for statement in statements) + "END")


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for name, table, _event, _pausable, _statements in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {table}" if postgres else ""))
        if postgres:
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    with op.batch_alter_table(SUMMARY, schema=None) as batch_op:
        batch_op.drop_index('ix_young_people_attendance_session')
        batch_op.drop_index('ix_young_people_attendance_participant')
    op.drop_table(SUMMARY)
