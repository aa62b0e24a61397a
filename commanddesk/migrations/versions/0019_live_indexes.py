"""Two indexes for what every seat re-reads after another seat's change (#17), on a ten-year store:

* the clock strip asks for the open clocks by deadline: ``clock_instance (state, due_at)`` instead of
  reading all 200,000 clocks (83 ms -> 0.2 ms on PostgreSQL here);
* the incident list counts the real incidents (共 N 起): ``incident (id) WHERE is_drill IS false``, read
  by the count alone (an index-only scan, half the time of reading the table).

Revision ID: 0019_live_indexes
Revises: 0018_open_incidents_index
Create Date: 2026-12-04 03:20:00
"""

from alembic import op
import sqlalchemy as sa

revision = '0019_live_indexes'
down_revision = '0018_open_incidents_index'
branch_labels = None
depends_on = None

REAL = "is_drill IS false"


def upgrade() -> None:
    op.create_index('ix_clock_instance_open', 'clock_instance', ['state', 'due_at'], unique=False)
    op.create_index('ix_incident_real', 'incident', ['id'], unique=False,
                    postgresql_where=sa.text(REAL), sqlite_where=sa.text("is_drill = 0"))


def downgrade() -> None:
    op.drop_index('ix_incident_real', table_name='incident')
    op.drop_index('ix_clock_instance_open', table_name='clock_instance')
