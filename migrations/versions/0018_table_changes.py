"""table changes counted on PostgreSQL

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05 19:40:00

A table (models.tables.TableChange) with, for each table the measures read and each transaction
that wrote to it, how many of its statements did: kept by one trigger per table on PostgreSQL,
once per statement. A table's number is the sum of its rows. A figure that reads only some
tables is kept in memory while their numbers stay the same (measures/kept_until_changed.py), so
new attendance does not make the skills or the principles be worked out again. SQLite has no
statement triggers, and keeps nothing here (docs/decisions.md, "Figures kept until their tables
change").
"""
from alembic import op
import sqlalchemy as sa


revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None

CHANGES = "table_changes"
FUNCTION = "table_changes_counted"  # each trigger is named after it (data/importing/bulk_load.py keeps it on)
# The tables measures read, as in models/table_changes.py when this was written.
WATCHED = ("programmes", "participants", "sessions", "attendance", "evaluations", "principle_ratings",
           "feedback_items", "skills", "principles", "frameworks", "ladder_rungs", "young_people_attendance",
           "skill_pairs", "skill_first_pres")


def upgrade() -> None:
    op.create_table(CHANGES,
                    sa.Column('name', sa.String(), nullable=False),
                    sa.Column('txid', sa.BigInteger(), nullable=False),
                    sa.Column('changes', sa.BigInteger(), nullable=False),
                    sa.PrimaryKeyConstraint('name', 'txid'))
    if op.get_bind().dialect.name != "postgresql":
        return
    # A row per table and writing transaction: a writer never waits for another's row.
    op.execute(f"CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
               f"INSERT INTO {CHANGES} (name, txid, changes) VALUES (TG_TABLE_NAME, txid_current(), 1) "
               f"ON CONFLICT (name, txid) DO UPDATE SET changes = {CHANGES}.changes + 1; RETURN NULL; END $$")
    for table in WATCHED:
        op.execute(f"CREATE TRIGGER {FUNCTION} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                   f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in WATCHED:
            op.execute(f"DROP TRIGGER IF EXISTS {FUNCTION} ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")
    op.drop_table(CHANGES)
