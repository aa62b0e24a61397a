"""Which people are signed in at which seat (``seat_presence``: a heartbeat row per seat) (#17).

Revision ID: 0016_seat_presence
Revises: 0015_statistics_index
Create Date: 2026-12-04 01:00:00
"""

from alembic import op
import sqlalchemy as sa

revision = '0016_seat_presence'
down_revision = '0015_statistics_index'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('seat_presence',
    sa.Column('seat', sa.String(length=100), nullable=False),
    sa.Column('operator_name', sa.String(length=40), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('since', sa.DateTime(), nullable=False),
    sa.Column('seen_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('seat', name=op.f('pk_seat_presence')))


def downgrade() -> None:
    op.drop_table('seat_presence')
