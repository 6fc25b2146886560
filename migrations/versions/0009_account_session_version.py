"""a session version on accounts

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 09:00:00

Sign-out, password reset, role change and deactivation raise the account's session version by
one; a signed-in session keeps the version it signed in with and ends once it no longer matches
(auth/accounts.py, `session_still_valid`). Accounts already stored start at 0.
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_version')
