"""The 统计 page over a ten-year store (#16, #22): three narrow indexes that hold everything the statistics read,
in the order they are counted, so ``statistics.compute`` over 100,000 incidents reads indexes and sorts nothing.

* ``incident (category, type, grade, jurisdiction_code, is_drill, status, received_at)``: the period's incidents
  by type, category, grade and division, one GROUP BY whose groups come in the index's order;
* ``incident (received_at, is_drill, status)``: the counts per month (this period and the same days a year
  before) as one index range each, and the lists of incidents whose clocks count;
* ``report (incident_id, status, sent_at, kind)``: each incident's first report sent (receipt → first report).

Indexes only: no row changes, so the audit digests and the sync of incidents and reports are untouched.

Revision ID: 0022_statistics_indexes
Revises: 0021_incident_filter_index
Create Date: 2026-12-04 21:40:00
"""

from alembic import op

revision = '0022_statistics_indexes'
down_revision = '0021_incident_filter_index'
branch_labels = None
depends_on = None

INDEXES = (
    ('ix_incident_kinds', 'incident', ['category', 'type', 'grade', 'jurisdiction_code', 'is_drill', 'status',
                                       'received_at']),
    ('ix_incident_months', 'incident', ['received_at', 'is_drill', 'status']),
    ('ix_report_first', 'report', ['incident_id', 'status', 'sent_at', 'kind']),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
