"""The number people see for an incident made at another site (``incident.site_number``) (#18).

A command vehicle numbers its own incidents 车1-0001, 车1-0002 … (its site and a sequence of its own);
an incident made at the post carries the post's number when it travels to a vehicle. Empty for the
post's own incidents at the post: their number is their id, as before.

Revision ID: 0017_site_number
Revises: 0016_seat_presence
Create Date: 2026-12-04 02:45:00
"""

from alembic import op
import sqlalchemy as sa

revision = '0017_site_number'
down_revision = '0016_seat_presence'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('incident', sa.Column('site_number', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('incident') as batch_op:
        batch_op.drop_column('site_number')
