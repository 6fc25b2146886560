"""rating links: young people rate a session from a link or QR code

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 10:00:00

A rating link keeps only the SHA-256 of its token; each device's response keeps the hash of a
random cookie (one response per device, a second send replaces the first) and a hash of the
client's address (a rate limit per address). See data/rating_links/.
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'rating_links',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sa.String(), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('framework_id', sa.Integer(), nullable=False),
        sa.Column('opened_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('opened_by', sa.String(), nullable=False),
        sa.Column('expires_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('closed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('closed_by', sa.String(), nullable=True),
        sa.Column('max_responses', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['framework_id'], ['frameworks.id']),
        sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_rating_links_token_hash', 'rating_links', ['token_hash'], unique=True)
    op.create_table(
        'rating_responses',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('link_id', sa.Integer(), nullable=False),
        sa.Column('device_hash', sa.String(), nullable=False),
        sa.Column('response_code', sa.String(), nullable=False),
        sa.Column('client_hash', sa.String(), nullable=False),
        sa.Column('first_sent_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('sent_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['link_id'], ['rating_links.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('link_id', 'device_hash', name='uq_rating_response_device'),
        sa.UniqueConstraint('response_code'),
    )
    op.create_index('ix_rating_responses_client', 'rating_responses', ['client_hash', 'first_sent_at'])


def downgrade() -> None:
    op.drop_index('ix_rating_responses_client', table_name='rating_responses')
    op.drop_table('rating_responses')
    op.drop_index('ix_rating_links_token_hash', table_name='rating_links')
    op.drop_table('rating_links')
