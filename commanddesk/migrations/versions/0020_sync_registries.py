"""Reference data travels between the post and its vehicles too (#18): the registries (organisations,
contacts, teams, depots, items, stock lines, shelters, hazard sites) get ``sync_uid`` (filled here for the
rows a store already has) and ``sync_site``; user accounts do not travel and get neither.

Revision ID: 0020_sync_registries
Revises: 0019_live_indexes
Create Date: 2026-12-04 03:40:00
"""

import uuid

from alembic import op
import sqlalchemy as sa

revision = '0020_sync_registries'
down_revision = '0019_live_indexes'
branch_labels = None
depends_on = None

TABLES = ("organisation", "contact", "rescue_team", "warehouse", "material_item", "stock_line", "shelter",
          "hazard_site")


def upgrade() -> None:
    conn = op.get_bind()
    for table in TABLES:
        op.add_column(table, sa.Column('sync_uid', sa.String(length=32), nullable=True))
        op.add_column(table, sa.Column('sync_site', sa.String(length=20), server_default='', nullable=False))
        ids = [r[0] for r in conn.execute(sa.text(f"SELECT id FROM {table}"))]
        if ids:
            conn.execute(sa.text(f"UPDATE {table} SET sync_uid = :u WHERE id = :i"),
                         [{"u": uuid.uuid4().hex, "i": i} for i in ids])
        op.create_index(op.f(f'ix_{table}_sync_uid'), table, ['sync_uid'], unique=True)


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_index(op.f(f'ix_{table}_sync_uid'), table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column('sync_site')
            batch.drop_column('sync_uid')
