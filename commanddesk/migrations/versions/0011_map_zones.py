"""Zones drawn on the map (警戒区、疏散区、管控区): table ``map_zone``.

Revision ID: 0011_map_zones
Revises: 0010_duty_room
Create Date: 2026-12-03 11:50:00
"""

from alembic import op
import sqlalchemy as sa

revision = '0011_map_zones'
down_revision = '0010_duty_room'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('map_zone',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=True),
    sa.Column('shape', sa.String(length=10), nullable=False),
    sa.Column('points', sa.Text(), nullable=False),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('radius_m', sa.Float(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('actor_name', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incident.id'], name=op.f('fk_map_zone_incident_id_incident')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_map_zone')))
    with op.batch_alter_table('map_zone', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_map_zone_incident_id'), ['incident_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('map_zone', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_map_zone_incident_id'))
    op.drop_table('map_zone')
