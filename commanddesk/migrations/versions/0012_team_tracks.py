"""Teams' reported positions with their time (typed, or read from a GPX/CSV track): ``team_track_point``.

Revision ID: 0012_team_tracks
Revises: 0011_map_zones
Create Date: 2026-12-03 12:00:00
"""

from alembic import op
import sqlalchemy as sa

revision = '0012_team_tracks'
down_revision = '0011_map_zones'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('team_track_point',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('lat', sa.Float(), nullable=False),
    sa.Column('lon', sa.Float(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['rescue_team.id'], name=op.f('fk_team_track_point_team_id_rescue_team')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_track_point')))
    with op.batch_alter_table('team_track_point', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_team_track_point_team_id'), ['team_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_team_track_point_at'), ['at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('team_track_point', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_team_track_point_at'))
        batch_op.drop_index(batch_op.f('ix_team_track_point_team_id'))
    op.drop_table('team_track_point')
