"""row counts kept on PostgreSQL, odd payments indexed

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05 19:00:00

A table (models.tables.RowCount) of how many rows of attendance, evaluations and principle
ratings hold each value of a key, kept on PostgreSQL by triggers that run once per statement
over the rows it changed. There, counting ten million rows, or looking each participant up in
them, took most of a second; SQLite counts its own as fast, and its table stays empty
(docs/decisions.md, "Row counts kept on PostgreSQL").

Every session and participant has its row (n = 0 while on no register), so the data quality
page's sessions with no register and participants on none are one range of a partial index.

And a partial index of the payments over 200 pounds, the odd ones the data quality page lists.
"""
from alembic import op
import sqlalchemy as sa


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None

COUNTS = "row_counts"
# table: its keys counted, as in models/row_counts.py when this was written
COUNTED = {"attendance": ("session_id", "participant_id"), "evaluations": ("skill_id",),
           "principle_ratings": ("principle_id",)}
# Keys with a row for every row of the table they point at, 0 while nothing points at it: the
# sessions with no register and the participants on none are then one range of an index.
EVERY_ROW = {"attendance.session_id": "sessions", "attendance.participant_id": "participants"}
ADD = f"ON CONFLICT (counted, key) DO UPDATE SET n = {COUNTS}.n + EXCLUDED.n"


def _counted(table: str, column: str) -> str:
    return f"'{table}.{column}'"


def _changes(table: str, event: str) -> list[str]:
    """SELECTs of (counted, key, n): how the statement changed each key's count."""
    parts = []
    for column in COUNTED[table]:
        name = _counted(table, column)
        if event == "INSERT":
            parts.append(f"SELECT {name}, {column}, count(*) FROM new_rows GROUP BY {column}")
        elif event == "DELETE":
            parts.append(f"SELECT {name}, {column}, -count(*) FROM old_rows GROUP BY {column}")
        else:  # only the rows whose key changed: one moved to another session, say
            moved = f"FROM old_rows o JOIN new_rows w ON w.id = o.id WHERE o.{column} <> w.{column}"
            parts += [f"SELECT {name}, o.{column}, -1 {moved}", f"SELECT {name}, w.{column}, 1 {moved}"]
    return parts


def _function(name: str, body: str) -> None:
    op.execute(f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {body} "
               f"RETURN NULL; END $$")


def _trigger(name: str, event: str, table: str, referencing: str | None) -> None:
    old_new = f"REFERENCING {referencing} " if referencing else ""
    op.execute(f"CREATE TRIGGER {name} AFTER {event} ON {table} {old_new}FOR EACH STATEMENT EXECUTE FUNCTION {name}()")


def _counting_triggers(table: str) -> None:
    references = {"INSERT": "NEW TABLE AS new_rows", "DELETE": "OLD TABLE AS old_rows",
                  "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows"}
    for event, referencing in references.items():
        name = f"{table}_counted_{event.lower()}"
        changed = (f"SELECT counted, key, sum(n) AS n FROM ({' UNION ALL '.join(_changes(table, event))}) "
                   f"AS changed (counted, key, n) GROUP BY counted, key HAVING sum(n) <> 0")
        if event == "DELETE":  # only keys still there: a cascade may have taken the key's own row first
            # Locked in key order first (UPDATE ... FROM has no order), as the inserts take them.
            body = (f"PERFORM 1 FROM {COUNTS} JOIN ({changed}) AS changed USING (counted, key) "
                    f"ORDER BY counted, key FOR UPDATE OF {COUNTS}; "
                    f"UPDATE {COUNTS} SET n = {COUNTS}.n + changed.n FROM ({changed}) AS changed "
                    f"WHERE {COUNTS}.counted = changed.counted AND {COUNTS}.key = changed.key;")
        else:  # in key order, so two writers take the counts' row locks in the same order
            body = f"INSERT INTO {COUNTS} (counted, key, n) {changed} ORDER BY counted, key {ADD};"
        _function(name, body)
        _trigger(name, event, table, referencing)
    names = ", ".join(_counted(table, column) for column in COUNTED[table])
    _function(f"{table}_counted_truncate", f"UPDATE {COUNTS} SET n = 0 WHERE counted IN ({names});")
    _trigger(f"{table}_counted_truncate", "TRUNCATE", table, None)


def _every_row_triggers(counted: str, parent: str) -> None:
    name = f"{parent}_counted_"
    _function(name + "insert", f"INSERT INTO {COUNTS} (counted, key, n) SELECT '{counted}', id, 0 FROM new_rows "
                               "ORDER BY id ON CONFLICT DO NOTHING;")
    _trigger(name + "insert", "INSERT", parent, "NEW TABLE AS new_rows")
    _function(name + "delete", f"DELETE FROM {COUNTS} WHERE counted = '{counted}' "
                               "AND key IN (SELECT id FROM old_rows);")
    _trigger(name + "delete", "DELETE", parent, "OLD TABLE AS old_rows")
    _function(name + "truncate", f"DELETE FROM {COUNTS} WHERE counted = '{counted}';")
    _trigger(name + "truncate", "TRUNCATE", parent, None)


def upgrade() -> None:
    op.create_table(COUNTS,
                    sa.Column('counted', sa.String(), nullable=False),
                    sa.Column('key', sa.Integer(), nullable=False),
                    sa.Column('n', sa.BigInteger(), nullable=False),
                    sa.PrimaryKeyConstraint('counted', 'key'))
    op.create_index("ix_row_counts_none", COUNTS, ["counted", "key"], sqlite_where=sa.text("n = 0"),
                    postgresql_where=sa.text("n = 0"))
    over = sa.text("paid_gbp > 200")
    op.create_index("ix_attendance_paid_over_200", "attendance", ["paid_gbp"], sqlite_where=over,
                    postgresql_where=over)
    if op.get_bind().dialect.name != "postgresql":
        return
    for counted, parent in EVERY_ROW.items():
        op.execute(f"INSERT INTO {COUNTS} (counted, key, n) SELECT '{counted}', id, 0 FROM {parent}")
        _every_row_triggers(counted, parent)
    for table, columns in COUNTED.items():
        for column in columns:
            op.execute(f"INSERT INTO {COUNTS} (counted, key, n) SELECT {_counted(table, column)}, {column}, "
                       f"count(*) FROM {table} GROUP BY {column} {ADD}")
        _counting_triggers(table)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in (*COUNTED, *EVERY_ROW.values()):
            for event in ("insert", "delete", "update", "truncate"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_counted_{event} ON {table}")
                op.execute(f"DROP FUNCTION IF EXISTS {table}_counted_{event}()")
    op.drop_index("ix_attendance_paid_over_200", table_name="attendance")
    op.drop_index("ix_row_counts_none", table_name=COUNTS)
    op.drop_table(COUNTS)
