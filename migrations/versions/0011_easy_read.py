"""easy read on accounts

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 09:00:00

Each account may keep its own choice of easy read on the pages young people see
(auth/preferences.py). Accounts already stored keep none (NULL): they get their role's default,
on for young people and off for everyone else.
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('easy_read', sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('easy_read')
