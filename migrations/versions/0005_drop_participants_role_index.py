"""drop the index on participants.role (it made SQLite read every attendance row)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 17:20:00
"""
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_index('ix_participants_role')


def downgrade() -> None:
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.create_index('ix_participants_role', ['role'], unique=False)
