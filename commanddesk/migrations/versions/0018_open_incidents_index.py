"""An index of the incidents still being worked (#17): the duty board, the clock strip and the incident list
ask for them on every change another seat makes; without it each asking reads all 100,000 incidents of a
ten-year store (a sequential scan on PostgreSQL).

A partial index: only open incidents are in it (a handful), kept by the database as statuses change. The
condition is written exactly as the queries write it (models.CLOSED_STATUSES), so both planners use it.

Revision ID: 0018_open_incidents_index
Revises: 0017_site_number
Create Date: 2026-12-04 02:45:00
"""

from alembic import op
import sqlalchemy as sa

revision = '0018_open_incidents_index'
down_revision = '0017_site_number'
branch_labels = None
depends_on = None

OPEN = "status NOT IN ('terminated', 'reviewed', 'merged', 'voided')"


def upgrade() -> None:
    op.create_index('ix_incident_open', 'incident', ['received_at', 'id'], unique=False,
                    postgresql_where=sa.text(OPEN), sqlite_where=sa.text(OPEN))


def downgrade() -> None:
    op.drop_index('ix_incident_open', table_name='incident')
