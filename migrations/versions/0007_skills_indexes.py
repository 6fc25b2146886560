"""covering indexes for the skills pairing (measures/skills.py)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22 18:10:00

by_date: the ratings of one timepoint in a period, read from the index alone (the posts of a
period, the pre ratings of a period). by_key: one (participant, skill, programme) key's ratings
of one timepoint in date order, with the score (the pre paired with a post, "is there an earlier
pre", "is there a post yet"). Together they take the pairing from a pass over every rating to
one short index range per rating in the period.
"""
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

BY_DATE = ['timepoint', 'completed_on', 'participant_id', 'skill_id', 'programme_id', 'score']
BY_KEY = ['participant_id', 'skill_id', 'programme_id', 'timepoint', 'completed_on', 'score']


def upgrade() -> None:
    with op.batch_alter_table('evaluations', schema=None) as batch_op:
        batch_op.create_index('ix_evaluations_by_date', BY_DATE, unique=False)
        batch_op.create_index('ix_evaluations_by_key', BY_KEY, unique=False)


def downgrade() -> None:
    with op.batch_alter_table('evaluations', schema=None) as batch_op:
        batch_op.drop_index('ix_evaluations_by_key')
        batch_op.drop_index('ix_evaluations_by_date')
