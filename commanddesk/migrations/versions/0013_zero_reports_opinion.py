"""零报告 from the townships and departments below (``zero_report``) and the public-opinion log (``opinion_item``).

Revision ID: 0013_zero_reports_opinion
Revises: 0012_team_tracks
Create Date: 2026-12-03 23:50:00
"""

from alembic import op
import sqlalchemy as sa

revision = '0013_zero_reports_opinion'
down_revision = '0012_team_tracks'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('zero_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('unit', sa.String(length=60), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('reported_at', sa.DateTime(), nullable=True),
    sa.Column('reporter', sa.String(length=60), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('recorded_by', sa.String(length=40), nullable=False),
    sa.Column('chases', sa.JSON(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_zero_report')),
    sa.UniqueConstraint('day', 'unit', name=op.f('uq_zero_report_day')))
    with op.batch_alter_table('zero_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_zero_report_day'), ['day'], unique=False)
    op.create_table('opinion_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seen_at', sa.DateTime(), nullable=False),
    sa.Column('source', sa.String(length=60), nullable=False),
    sa.Column('link', sa.String(length=500), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('heat', sa.String(length=4), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=True),
    sa.Column('response', sa.Text(), nullable=False),
    sa.Column('recorded_by', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incident.id'], name=op.f('fk_opinion_item_incident_id_incident')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opinion_item')))
    with op.batch_alter_table('opinion_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opinion_item_seen_at'), ['seen_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_opinion_item_incident_id'), ['incident_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('opinion_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opinion_item_incident_id'))
        batch_op.drop_index(batch_op.f('ix_opinion_item_seen_at'))
    op.drop_table('opinion_item')
    with op.batch_alter_table('zero_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_zero_report_day'))
    op.drop_table('zero_report')
