"""the previous led, "doing with" and same-programme dates on the attendance summary

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05 18:00:00

Three more dates on each summary row, like migration 0013's: the same young person's latest
attended record before this one in the same programme, in a lead or co-facilitator role, and at a
"doing with" session (co-design or co-production rung). So the young people of a programme, those
who led and those who took part in a "doing with" session are counts of first records too, which
add up across months (docs/decisions.md, "The previous record's date", "Figures kept by month").

Kept by triggers on the summary itself: whenever its rows of a young person are added or removed,
or their programme, date, attendance, role or rung change, the three dates of that young person's
rows are worked out again (only the rows whose dates change are written). Migration 0013's
triggers write only their own four dates, which these triggers do not watch. The importer's bulk
path pauses the insert trigger and works out the dates of everybody it touched in one statement
(models/summaries.py).
"""
from alembic import op
import sqlalchemy as sa


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

SUMMARY = "young_people_attendance"
PAUSED = "summary_inserts_paused"  # the importer's pause of the summary's own insert triggers (migration 0015)
LEADING_ROLES = "('co_facilitator', 'lead')"
DOING_WITH_RUNGS = "(6, 7)"
# (column, which attended records count, partition beyond the young person), as in models/summaries.py
DATES = (("previous_attended_in_programme_on", "true", ", programme_id"),
         ("previous_led_on", f"role_in_session IN {LEADING_ROLES}", ""),
         ("previous_doing_with_on", f"ladder_rung IN {DOING_WITH_RUNGS}", ""))
WATCHED = ("date", "session_id", "participant_id", "programme_id", "attended", "role_in_session", "ladder_rung")
# Migration 0015's SQLite update trigger counts a month only for a row whose columns it names
# changed: made again here with the three new ones.
CHANGES, MONTHS_CHANGED = "summary_month_changes", "summary_months_changed"
COLUMNS_0015 = ("date", "session_id", "participant_id", "attended", "paid_gbp", "expenses_gbp", "role_in_session",
                "programme_id", "activity_type", "mode", "stage", "led_by", "ladder_rung", "duration_hours",
                "age_band", "disability", "care_experienced", "previous_on", "previous_attended_on",
                "previous_in_mode_on", "previous_attended_in_mode_on")


def _dates_again(people: str | None) -> str:
    """UPDATE working out the three dates of every summary row of the young people `people` (SQL
    giving their ids; None: everybody), writing only the rows whose dates change."""
    windows = ", ".join(
        f"max(CASE WHEN attended AND {counted} THEN date END) OVER (PARTITION BY participant_id{partition} "
        f"ORDER BY date, session_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS {name}"
        for name, counted, partition in DATES)
    assignments = ", ".join(f"{name} = w.{name}" for name, *_ in DATES)
    changed = " OR ".join(f"{SUMMARY}.{name} IS DISTINCT FROM w.{name}" for name, *_ in DATES)
    whose, also = (f"WHERE participant_id IN ({people})", f"{SUMMARY}.participant_id IN ({people}) AND ") \
        if people else ("", "")
    return (f"UPDATE {SUMMARY} SET {assignments} FROM (SELECT date, session_id, participant_id, {windows} "
            f"FROM {SUMMARY} {whose}) AS w WHERE {also}{SUMMARY}.date = w.date AND {SUMMARY}.session_id = "
            f"w.session_id AND {SUMMARY}.participant_id = w.participant_id AND ({changed})")


# (name, event, pausable, whose dates are worked out again)
TRIGGERS = (
    ("summary_dates_added", "INSERT", True, "NEW.participant_id"),
    ("summary_dates_changed", f"UPDATE OF {', '.join(WATCHED)}", False, "OLD.participant_id, NEW.participant_id"),
    ("summary_dates_removed", "DELETE", False, "OLD.participant_id"),
)


def _sqlite_months_changed(columns: tuple[str, ...]) -> None:
    """Migration 0015's SQLite update trigger, watching `columns`."""
    month = "date({}.date, 'start of month')"
    count_one_more = f"ON CONFLICT (month) DO UPDATE SET changes = {CHANGES}.changes + 1"
    op.execute(f"DROP TRIGGER IF EXISTS {MONTHS_CHANGED}")
    op.execute(f"CREATE TRIGGER {MONTHS_CHANGED} AFTER UPDATE ON {SUMMARY} FOR EACH ROW WHEN "
               + " OR ".join(f"OLD.{column} IS NOT NEW.{column}" for column in columns)
               + f" BEGIN INSERT INTO {CHANGES} (month, changes) VALUES ({month.format('NEW')}, 1) {count_one_more}; "
               f"INSERT INTO {CHANGES} (month, changes) SELECT {month.format('OLD')}, 1 "
               f"WHERE {month.format('OLD')} <> {month.format('NEW')} {count_one_more}; END")


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for name, *_ in DATES:
        op.add_column(SUMMARY, sa.Column(name, sa.Date(), nullable=True))
    # Every row gets its dates in one statement, not counted row by row (every month counts once after).
    if postgres:
        op.execute(f"ALTER TABLE {SUMMARY} DISABLE TRIGGER {MONTHS_CHANGED}")
    else:
        op.execute(f"DROP TRIGGER IF EXISTS {MONTHS_CHANGED}")
    op.execute(_dates_again(None))
    if postgres:
        op.execute(f"ALTER TABLE {SUMMARY} ENABLE TRIGGER {MONTHS_CHANGED}")
        # Not CLUSTER: inside this transaction it would copy the old row versions too. A large
        # store is put back in date order after the migration (docs/moving-to-postgresql.md).
        op.execute(f"ANALYZE {SUMMARY}")
    else:
        _sqlite_months_changed(COLUMNS_0015 + tuple(name for name, *_ in DATES))
    op.execute(f"UPDATE {CHANGES} SET changes = changes + 1")
    paused = f"EXISTS (SELECT 1 FROM settings WHERE key = '{PAUSED}')"
    for name, event, pausable, people in TRIGGERS:
        body = f"{_dates_again(people)}; "
        if postgres:
            guard = f"IF {paused} THEN RETURN NULL; END IF; " if pausable else ""
            op.execute(f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {guard}"
                       f"{body}RETURN NULL; END $$")
            op.execute(f"CREATE TRIGGER {name} AFTER {event} ON {SUMMARY} FOR EACH ROW EXECUTE FUNCTION {name}()")
        else:
            guard = f"WHEN NOT {paused} " if pausable else ""
            op.execute(f"CREATE TRIGGER {name} AFTER {event} ON {SUMMARY} FOR EACH ROW {guard}BEGIN {body}END")


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for name, *_ in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {SUMMARY}" if postgres else ""))
        if postgres:
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    if not postgres:
        _sqlite_months_changed(COLUMNS_0015)
    for name, *_ in reversed(DATES):  # SQLite drops a column in place when nothing else names it
        op.execute(f"ALTER TABLE {SUMMARY} DROP COLUMN {name}")
