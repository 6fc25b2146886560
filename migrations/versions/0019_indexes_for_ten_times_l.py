"""indexes for ten times scale L

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05 21:30:00

Three partial indexes, on both databases, for figures that read a growing table to find a few
rows or one narrow column (docs/decisions.md, 29):

- the attendance summary's attended records, (date, participant_id): the depth of involvement
  counts each young person's attended sessions in the period from the index alone, not from the
  summary's wide rows. The predicate is written as the measures write `attended IS true` on each
  database, so both planners see that the index holds every row asked for;
- the sessions longer than 12 hours, which the data quality page lists;
- the principle ratings with a comment, searched for a participant's code before an erasure.
"""
from alembic import op
import sqlalchemy as sa


revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None

# (name, table, columns, SQLite predicate, PostgreSQL predicate)
INDEXES = (
    ("ix_young_people_attended", "young_people_attendance", ["date", "participant_id"], "attended IS 1",
     "attended IS TRUE"),
    ("ix_sessions_over_12_hours", "sessions", ["duration_hours"], "duration_hours > 12", "duration_hours > 12"),
    ("ix_ratings_commented", "principle_ratings", ["id"], "comment IS NOT NULL", "comment IS NOT NULL"),
)


def upgrade() -> None:
    for name, table, columns, on_sqlite, on_postgres in INDEXES:
        op.create_index(name, table, columns, sqlite_where=sa.text(on_sqlite), postgresql_where=sa.text(on_postgres))


def downgrade() -> None:
    for name, table, *_ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
