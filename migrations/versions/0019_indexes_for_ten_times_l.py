"""indexes for ten times scale L

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05 21:30:00

Three partial indexes for figures that read a growing table to find a few rows or one narrow
column (docs/decisions.md, 29):

- on PostgreSQL only, the attendance summary's attended records, (date, participant_id): the
  depth of involvement counts each young person's attended sessions in the period from the index
  alone, not from the summary's wide rows. The predicate is written as the measures write
  `attended IS true` there, so the planner sees that the index holds every row asked for. SQLite
  reads the range of its own key faster than this index, and its import would pay to build it;
- on both databases, the sessions longer than 12 hours, which the data quality page lists;
- on both, the principle ratings with a comment, searched for a participant's code before an
  erasure.
"""
from alembic import op
import sqlalchemy as sa


revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None

ATTENDED = ("ix_young_people_attended", "young_people_attendance")
# (name, table, column, predicate), on both databases
INDEXES = (
    ("ix_sessions_over_12_hours", "sessions", "duration_hours", "duration_hours > 12"),
    ("ix_ratings_commented", "principle_ratings", "id", "comment IS NOT NULL"),
)


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    if _postgresql():
        op.create_index(*ATTENDED, ["date", "participant_id"], postgresql_where=sa.text("attended IS TRUE"))
    for name, table, column, predicate in INDEXES:
        op.create_index(name, table, [column], sqlite_where=sa.text(predicate), postgresql_where=sa.text(predicate))


def downgrade() -> None:
    for name, table, *_ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
    if _postgresql():
        op.drop_index(ATTENDED[0], table_name=ATTENDED[1])
