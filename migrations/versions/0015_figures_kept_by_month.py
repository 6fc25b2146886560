"""figures kept by month

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 17:00:00

Two tables (models.tables.SummaryMonthChange, MonthFigure). Triggers on the attendance summary
count, per month, the changes to its rows; a figure's rows worked out for one month are kept with
that count and read again while it is the same, so after new attendance only the months it
touched are read again (docs/decisions.md, "Figures kept by month").

On PostgreSQL the triggers run once per statement, over the rows it changed (a transition table);
SQLite has no such triggers, so there they run for each row. The importer's bulk path pauses the
insert trigger and counts the months it added to in one statement (models/summaries.py).
"""
from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

SUMMARY, CHANGES, FIGURES = "young_people_attendance", "summary_month_changes", "month_figures"
# While a settings row with this key exists (only inside the importer's own transaction), rows
# added to the summary are left to the importer, which counts their months in one statement.
PAUSED = "summary_inserts_paused"
PAUSED_SQL = f"EXISTS (SELECT 1 FROM settings WHERE key = '{PAUSED}')"
COUNT_ONE_MORE = f"ON CONFLICT (month) DO UPDATE SET changes = {CHANGES}.changes + 1"
# The summary's columns (migrations 0006, 0012, 0013). Migration 0013's triggers rewrite every row
# of a young person whose records change, most of them to the same values: an update counts only
# for the rows it really changed.
COLUMNS = ("date", "session_id", "participant_id", "attended", "paid_gbp", "expenses_gbp", "role_in_session",
           "programme_id", "activity_type", "mode", "stage", "led_by", "ladder_rung", "duration_hours", "age_band",
           "disability", "care_experienced", "previous_on", "previous_attended_on", "previous_in_mode_on",
           "previous_attended_in_mode_on")


def _sqlite_month(row: str) -> str:
    return f"date({row}.date, 'start of month')"


def _sqlite_count(row: str) -> str:
    return f"INSERT INTO {CHANGES} (month, changes) VALUES ({_sqlite_month(row)}, 1) {COUNT_ONE_MORE}; "


# (name, event, pausable, rows: the changed rows' versions whose months are counted)
TRIGGERS = (
    ("summary_months_added", "INSERT", True, ("NEW",)),
    ("summary_months_changed", "UPDATE", False, ("OLD", "NEW")),
    ("summary_months_removed", "DELETE", False, ("OLD",)),
)


def _postgres_trigger(name: str, event: str, pausable: bool, rows: tuple[str, ...]) -> None:
    tables = {"NEW": "new_rows", "OLD": "old_rows"}
    if len(rows) == 2:  # an update: the rows it really changed, as they were and as they are
        changed = [f"(SELECT * FROM {tables[a]} EXCEPT ALL SELECT * FROM {tables[b]}) AS {a.lower()}"
                   for a, b in (("OLD", "NEW"), ("NEW", "OLD"))]
    else:
        changed = [tables[rows[0]]]
    months = " UNION ".join(f"SELECT CAST(date_trunc('month', date) AS DATE) AS month FROM {source}"
                            for source in changed)
    guard = f"IF {PAUSED_SQL} THEN RETURN NULL; END IF; " if pausable else ""
    # In month order, so two writers take the months' row locks in the same order.
    op.execute(f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {guard}"
               f"INSERT INTO {CHANGES} (month, changes) SELECT DISTINCT month, 1 FROM ({months}) AS touched "
               f"ORDER BY month {COUNT_ONE_MORE}; RETURN NULL; END $$")
    referencing = " ".join(f"{row} TABLE AS {tables[row]}" for row in rows)
    op.execute(f"CREATE TRIGGER {name} AFTER {event} ON {SUMMARY} REFERENCING {referencing} "
               f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()")


def _sqlite_trigger(name: str, event: str, pausable: bool, rows: tuple[str, ...]) -> None:
    guard = f"WHEN NOT {PAUSED_SQL} " if pausable else ""
    body = _sqlite_count(rows[-1])
    if rows == ("OLD", "NEW"):  # an update: only of a row it changed; the old month too, if another
        guard = "WHEN " + " OR ".join(f"OLD.{column} IS NOT NEW.{column}" for column in COLUMNS) + " "
        body += (f"INSERT INTO {CHANGES} (month, changes) SELECT {_sqlite_month('OLD')}, 1 "
                 f"WHERE {_sqlite_month('OLD')} <> {_sqlite_month('NEW')} {COUNT_ONE_MORE}; ")
    op.execute(f"CREATE TRIGGER {name} AFTER {event} ON {SUMMARY} FOR EACH ROW {guard}BEGIN {body}END")


def upgrade() -> None:
    op.create_table(CHANGES,
                    sa.Column('month', sa.Date(), nullable=False),
                    sa.Column('changes', sa.Integer(), nullable=False),
                    sa.PrimaryKeyConstraint('month'))
    op.create_table(FIGURES,
                    sa.Column('figure', sa.String(), nullable=False),
                    sa.Column('month', sa.Date(), nullable=False),
                    sa.Column('changes', sa.Integer(), nullable=False),
                    sa.Column('computed_on', sa.Date(), nullable=False),
                    sa.Column('payload', sa.String(), nullable=False),
                    sa.PrimaryKeyConstraint('figure', 'month'))
    postgres = op.get_bind().dialect.name == "postgresql"
    month = "CAST(date_trunc('month', date) AS DATE)" if postgres else "date(date, 'start of month')"
    op.execute(f"INSERT INTO {CHANGES} (month, changes) SELECT DISTINCT {month}, 1 FROM {SUMMARY}")
    for name, event, pausable, rows in TRIGGERS:
        (_postgres_trigger if postgres else _sqlite_trigger)(name, event, pausable, rows)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for name, *_ in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {SUMMARY}" if postgres else ""))
        if postgres:
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    op.drop_table(FIGURES)
    op.drop_table(CHANGES)
