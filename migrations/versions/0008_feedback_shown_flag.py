"""a "shown to young people and trustees" flag on feedback items

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 10:00:00

The free text of an item ("you said", "we did") goes to trustees and every young person as
written, and could name a young person: an item is shown to them only once a member of staff has
approved it. Items already stored are shown when they already have a response (told back on, or
what we did, is filled in), as they were before; the others wait for approval.
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('feedback_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('shown_to_all', sa.Boolean(), nullable=False, server_default=sa.false()))
    items = sa.table('feedback_items', sa.column('shown_to_all', sa.Boolean()),
                     sa.column('responded_on', sa.Date()), sa.column('we_did', sa.String()))
    op.execute(items.update()
               .where(sa.or_(items.c.responded_on.is_not(None), items.c.we_did.is_not(None)))
               .values(shown_to_all=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table('feedback_items', schema=None) as batch_op:
        batch_op.drop_column('shown_to_all')
