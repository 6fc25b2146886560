"""core records: programmes, participants, sessions, attendance, evaluations, ratings,
feedback, frameworks, skills, ladder, settings

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 13:56:36.992062
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('frameworks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('builtin', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('frameworks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_frameworks_code'), ['code'], unique=True)

    op.create_table('ladder_rungs',
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('rung_group', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.CheckConstraint("rung_group IN ('doing_to', 'doing_for', 'doing_with')", name='ck_rung_group_values'),
    sa.CheckConstraint('position BETWEEN 1 AND 7', name='ck_rung_position'),
    sa.PrimaryKeyConstraint('position'),
    sa.UniqueConstraint('code')
    )
    op.create_table('participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=True),
    sa.Column('age_band', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('disability', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('care_experienced', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('consent_data_use', sa.Boolean(), nullable=False),
    sa.CheckConstraint("age_band IS NULL OR age_band IN ('under_11', '11_15', '16_18', '19_25', 'over_25')", name='ck_age_band_values'),
    sa.CheckConstraint("care_experienced IS NULL OR care_experienced IN ('yes', 'no', 'prefer_not_to_say')", name='ck_care_experienced_values'),
    sa.CheckConstraint("disability IS NULL OR disability IN ('yes', 'no', 'prefer_not_to_say')", name='ck_disability_values'),
    sa.CheckConstraint("role IN ('young_person', 'staff', 'trainer', 'volunteer', 'professional')", name='ck_role_values'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participants_code'), ['code'], unique=True)
        batch_op.create_index('ix_participants_role', ['role'], unique=False)

    op.create_table('programmes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.CheckConstraint('end_date IS NULL OR start_date IS NULL OR end_date >= start_date', name='ck_programme_dates'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programmes_code'), ['code'], unique=True)

    op.create_table('settings',
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('value', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('skills',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('builtin', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('skills', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_skills_code'), ['code'], unique=True)

    op.create_table('evaluations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('timepoint', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=False),
    sa.Column('skill_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.CheckConstraint("timepoint IN ('pre', 'post', 'follow_up')", name='ck_timepoint_values'),
    sa.CheckConstraint('score BETWEEN 1 AND 5', name='ck_score_1_5'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], ),
    sa.ForeignKeyConstraint(['skill_id'], ['skills.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('participant_id', 'programme_id', 'timepoint', 'completed_on', 'skill_id', name='uq_evaluation_key')
    )
    with op.batch_alter_table('evaluations', schema=None) as batch_op:
        batch_op.create_index('ix_evaluations_pairing', ['skill_id', 'timepoint', 'completed_on'], unique=False)

    op.create_table('feedback_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=True),
    sa.Column('raised_on', sa.Date(), nullable=False),
    sa.Column('you_said', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('we_did', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('responded_on', sa.Date(), nullable=True),
    sa.CheckConstraint("status IN ('raised', 'in_progress', 'done', 'not_possible')", name='ck_status_values'),
    sa.CheckConstraint('responded_on IS NULL OR responded_on >= raised_on', name='ck_responded_after'),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('feedback_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_items_code'), ['code'], unique=True)
        batch_op.create_index('ix_feedback_raised', ['raised_on'], unique=False)

    op.create_table('principles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('framework_id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['framework_id'], ['frameworks.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('framework_id', 'code', name='uq_principle_code')
    )
    op.create_table('sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('activity_type', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('stage', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('mode', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('led_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('ladder_rung', sa.Integer(), nullable=True),
    sa.Column('duration_hours', sa.Float(), nullable=False),
    sa.CheckConstraint("activity_type IN ('workshop', 'steering_group', 'training', 'forum', 'governance', 'recruitment', 'delivery', 'social', 'other')", name='ck_activity_type_values'),
    sa.CheckConstraint("led_by IN ('young_people', 'co_led', 'organisation')", name='ck_led_by_values'),
    sa.CheckConstraint("mode IN ('in_person', 'online', 'hybrid')", name='ck_mode_values'),
    sa.CheckConstraint("stage IS NULL OR stage IN ('plan', 'design', 'deliver', 'review')", name='ck_stage_values'),
    sa.CheckConstraint('duration_hours > 0 AND duration_hours <= 24', name='ck_duration_hours'),
    sa.CheckConstraint('ladder_rung IS NULL OR ladder_rung BETWEEN 1 AND 7', name='ck_ladder_rung'),
    sa.ForeignKeyConstraint(['ladder_rung'], ['ladder_rungs.position'], ),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sessions_code'), ['code'], unique=True)
        batch_op.create_index('ix_sessions_date', ['date'], unique=False)
        batch_op.create_index('ix_sessions_programme_date', ['programme_id', 'date'], unique=False)

    op.create_table('attendance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('attended', sa.Boolean(), nullable=False),
    sa.Column('role_in_session', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('paid_gbp', sa.Float(), nullable=True),
    sa.Column('expenses_gbp', sa.Float(), nullable=True),
    sa.CheckConstraint("role_in_session IN ('participant', 'co_facilitator', 'lead')", name='ck_role_in_session_values'),
    sa.CheckConstraint('expenses_gbp IS NULL OR expenses_gbp >= 0', name='ck_expenses_gbp'),
    sa.CheckConstraint('paid_gbp IS NULL OR paid_gbp >= 0', name='ck_paid_gbp'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('session_id', 'participant_id', name='uq_attendance_session_participant')
    )
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.create_index('ix_attendance_participant', ['participant_id'], unique=False)

    op.create_table('principle_ratings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rating_code', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('principle_id', sa.Integer(), nullable=False),
    sa.Column('rater_role', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('rater_id', sa.Integer(), nullable=True),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('rated_on', sa.Date(), nullable=False),
    sa.Column('comment', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.CheckConstraint("rater_role IN ('young_person', 'staff')", name='ck_rater_role_values'),
    sa.CheckConstraint('score BETWEEN 1 AND 5', name='ck_score_1_5'),
    sa.ForeignKeyConstraint(['principle_id'], ['principles.id'], ),
    sa.ForeignKeyConstraint(['rater_id'], ['participants.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('rating_code')
    )
    with op.batch_alter_table('principle_ratings', schema=None) as batch_op:
        batch_op.create_index('ix_ratings_principle_date', ['principle_id', 'rated_on'], unique=False)
        batch_op.create_index('ix_ratings_rater', ['rater_id'], unique=False)
        batch_op.create_index('ix_ratings_session', ['session_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('principle_ratings', schema=None) as batch_op:
        batch_op.drop_index('ix_ratings_session')
        batch_op.drop_index('ix_ratings_rater')
        batch_op.drop_index('ix_ratings_principle_date')

    op.drop_table('principle_ratings')
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index('ix_attendance_participant')

    op.drop_table('attendance')
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.drop_index('ix_sessions_programme_date')
        batch_op.drop_index('ix_sessions_date')
        batch_op.drop_index(batch_op.f('ix_sessions_code'))

    op.drop_table('sessions')
    op.drop_table('principles')
    with op.batch_alter_table('feedback_items', schema=None) as batch_op:
        batch_op.drop_index('ix_feedback_raised')
        batch_op.drop_index(batch_op.f('ix_feedback_items_code'))

    op.drop_table('feedback_items')
    with op.batch_alter_table('evaluations', schema=None) as batch_op:
        batch_op.drop_index('ix_evaluations_pairing')

    op.drop_table('evaluations')
    with op.batch_alter_table('skills', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_skills_code'))

    op.drop_table('skills')
    op.drop_table('settings')
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_programmes_code'))

    op.drop_table('programmes')
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_index('ix_participants_role')
        batch_op.drop_index(batch_op.f('ix_participants_code'))

    op.drop_table('participants')
    op.drop_table('ladder_rungs')
    with op.batch_alter_table('frameworks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_frameworks_code'))

    op.drop_table('frameworks')
