"""the previous record's dates on the attendance summary

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 12:00:00

Each row of the summary (models.tables.YoungPeopleAttendance) gets the date of the same young
person's record just before it, in date and session order: of any record and of an attended one,
in any mode and in the row's mode. A period's first record of each young person is then the one
whose previous date falls before the period, so "young people taking part", "came back" and their
months and modes are plain counts of rows, not counts of different young people
(docs/decisions.md, "The previous record's date").

The triggers of migration 0012 are redefined to work the dates out again for the young people
whose rows they change (a young person has tens of rows, so this is cheap); the importer's bulk
path does the same in one statement (models/summaries.py). Rows already there get theirs here.
"""
from alembic import op
import sqlalchemy as sa


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

SUMMARY = "young_people_attendance"
PAUSED = "young_people_attendance_paused"  # as in migration 0006
SESSION = ("date", "programme_id", "activity_type", "mode", "stage", "led_by", "ladder_rung", "duration_hours")
PERSON = ("age_band", "disability", "care_experienced")
RECORD = ("session_id", "participant_id", "attended", "paid_gbp", "expenses_gbp", "role_in_session")
# (column, only attended records, within the row's mode), as in models/summaries.py
PREVIOUS = (("previous_on", False, False), ("previous_attended_on", True, False),
            ("previous_in_mode_on", False, True), ("previous_attended_in_mode_on", True, True))


def _dates_again(people: str | None) -> str:
    """UPDATE working out the previous dates of every summary row of the young people `people`
    (SQL giving their ids; None: everybody)."""
    windows = []
    for name, attended_only, in_mode in PREVIOUS:
        partition = "participant_id, mode" if in_mode else "participant_id"
        order = f"PARTITION BY {partition} ORDER BY date, session_id"
        if attended_only:
            windows.append(f"max(CASE WHEN attended THEN date END) OVER ({order} "
                           f"ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS {name}")
        else:
            windows.append(f"lag(date) OVER ({order}) AS {name}")
    assignments = ", ".join(f"{name} = w.{name}" for name, *_ in PREVIOUS)
    whose, also = (f"WHERE participant_id IN ({people})", f"{SUMMARY}.participant_id IN ({people}) AND ") \
        if people else ("", "")
    return (f"UPDATE {SUMMARY} SET {assignments} FROM (SELECT date, session_id, participant_id, "
            f"{', '.join(windows)} FROM {SUMMARY} {whose}) AS w WHERE {also}{SUMMARY}.date = w.date "
            f"AND {SUMMARY}.session_id = w.session_id AND {SUMMARY}.participant_id = w.participant_id")


def _triggers(record: tuple[str, ...], dates: bool) -> tuple:
    """Migration 0012's triggers, copying the attendance columns `record` into the summary, and
    with `dates`, working the previous dates out again for the young people they touch."""
    columns = ", ".join((*record, *SESSION, *PERSON))

    def rows(attendance: str, session: str, person: str, where: str) -> str:
        values = ", ".join((*(f"{attendance}.{c}" for c in record), *(f"{session}.{c}" for c in SESSION),
                            *(f"{person}.{c}" for c in PERSON)))
        return f"INSERT INTO {SUMMARY} ({columns}) SELECT {values} {where}"

    def again(people: str) -> list[str]:
        return [_dates_again(people)] if dates else []

    one_record = "FROM sessions s, participants p WHERE s.id = NEW.session_id AND p.id = NEW.participant_id " \
                 "AND p.role = 'young_person'"
    forget_record = f"DELETE FROM {SUMMARY} WHERE session_id = OLD.session_id AND participant_id = OLD.participant_id"
    # (name, table, event, pausable, statements); NEW and OLD are the changed row in both databases.
    return (
        ("young_people_attendance_added", "attendance", "INSERT", True,
         [rows("NEW", "s", "p", one_record), *again("NEW.participant_id")]),
        ("young_people_attendance_changed", "attendance", "UPDATE", False,
         [forget_record, rows("NEW", "s", "p", one_record), *again("OLD.participant_id, NEW.participant_id")]),
        ("young_people_attendance_removed", "attendance", "DELETE", False,
         [forget_record, *again("OLD.participant_id")]),
        ("young_people_attendance_session_changed", "sessions", "UPDATE", False, [
            f"DELETE FROM {SUMMARY} WHERE session_id = OLD.id",
            rows("a", "NEW", "p", "FROM attendance a, participants p WHERE a.session_id = NEW.id "
                                  "AND p.id = a.participant_id AND p.role = 'young_person'"),
            *again("SELECT a.participant_id FROM attendance a WHERE a.session_id = NEW.id")]),
        ("young_people_attendance_person_changed", "participants", "UPDATE", False, [
            f"DELETE FROM {SUMMARY} WHERE participant_id = OLD.id",
            rows("a", "s", "NEW", "FROM attendance a, sessions s WHERE a.participant_id = NEW.id "
                                  "AND s.id = a.session_id AND NEW.role = 'young_person'"),
            *again("NEW.id")]),
    )


def _replace_triggers(dates: bool) -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    paused = f"EXISTS (SELECT 1 FROM settings WHERE key = '{PAUSED}')"
    for name, table, event, pausable, statements in _triggers(RECORD, dates):
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
    for name, *_ in PREVIOUS:
        op.add_column(SUMMARY, sa.Column(name, sa.Date(), nullable=True))
    op.execute(_dates_again(None))
    _replace_triggers(dates=True)


def downgrade() -> None:
    _replace_triggers(dates=False)
    if op.get_bind().dialect.name == "sqlite":
        # SQLite drops a column by building the table afresh and renaming it, which it refuses
        # while triggers name the table: they are made again below.
        for name, *_rest in _triggers(RECORD, dates=False):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table(SUMMARY, schema=None, table_kwargs={"sqlite_with_rowid": False}) as batch_op:
        for name, *_ in reversed(PREVIOUS):
            batch_op.drop_column(name)
    if op.get_bind().dialect.name == "sqlite":
        _replace_triggers(dates=False)
