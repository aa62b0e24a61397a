"""An index for the statistics page: on-time rates over ten years read from the index alone (#22).

Revision ID: 0015_statistics_index
Revises: 0014_sync
Create Date: 2026-12-04 00:50:00
"""

from alembic import op

revision = '0015_statistics_index'
down_revision = '0014_sync'
branch_labels = None
depends_on = None

COLUMNS = ['rule_id', 'state', 'late_minutes', 'due_at', 'kind', 'incident_id', 'warning_id',
           'inapplicable_since', 'name']


def upgrade() -> None:
    with op.batch_alter_table('clock_instance', schema=None) as batch_op:
        batch_op.create_index('ix_clock_instance_stats', COLUMNS, unique=False)


def downgrade() -> None:
    with op.batch_alter_table('clock_instance', schema=None) as batch_op:
        batch_op.drop_index('ix_clock_instance_stats')
