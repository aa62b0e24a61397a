"""Post and command vehicle exchange: site-unique identities on synced records, the change log, conflicts.

Every synced record gets ``sync_uid`` (a UUID, filled here for the rows a store already has) and
``sync_site`` ("" for the post's own); ``sync_state``, ``sync_peer``, ``sync_change`` and
``sync_conflict`` hold the exchange (docs/sync.md).

Revision ID: 0014_sync
Revises: 0013_zero_reports_opinion
Create Date: 2026-12-04 00:50:00
"""

import uuid

from alembic import op
import sqlalchemy as sa

revision = '0014_sync'
down_revision = '0013_zero_reports_opinion'
branch_labels = None
depends_on = None

SYNCED = ("incident", "call_record", "grading", "timeline_event", "dispatch", "team_status_change",
          "stock_movement")
APPEND_ONLY = ("team_status_change", "stock_movement")


def upgrade() -> None:
    from commanddesk.migrations.dialect import append_only, drop_append_only

    conn = op.get_bind()
    for table in SYNCED:
        op.add_column(table, sa.Column('sync_uid', sa.String(length=32), nullable=True))
        op.add_column(table, sa.Column('sync_site', sa.String(length=20), server_default='', nullable=False))
        if table in APPEND_ONLY:
            drop_append_only(op, table)
        ids = [r[0] for r in conn.execute(sa.text(f"SELECT id FROM {table}"))]
        if ids:
            conn.execute(sa.text(f"UPDATE {table} SET sync_uid = :u WHERE id = :i"),
                         [{"u": uuid.uuid4().hex, "i": i} for i in ids])
        if table in APPEND_ONLY:
            append_only(op, table)
        op.create_index(op.f(f'ix_{table}_sync_uid'), table, ['sync_uid'], unique=True)
    op.create_table('sync_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site', sa.String(length=20), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('post_id', sa.String(length=32), nullable=False),
    sa.Column('post_name', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_state')))
    op.create_table('sync_peer',
    sa.Column('site', sa.String(length=20), nullable=False),
    sa.Column('sent_seq', sa.Integer(), nullable=False),
    sa.Column('sent_change', sa.Integer(), nullable=False),
    sa.Column('received_seq', sa.Integer(), nullable=False),
    sa.Column('received_hash', sa.String(length=64), nullable=False),
    sa.Column('sent_log', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('site', name=op.f('pk_sync_peer')))
    op.create_table('sync_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('op', sa.String(length=10), nullable=False),
    sa.Column('before', sa.JSON(), nullable=False),
    sa.Column('origin', sa.String(length=20), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor_name', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_change')))
    op.create_index(op.f('ix_sync_change_entity'), 'sync_change', ['entity'], unique=False)
    op.create_index(op.f('ix_sync_change_uid'), 'sync_change', ['uid'], unique=False)
    op.create_table('sync_conflict',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('peer', sa.String(length=20), nullable=False),
    sa.Column('package', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('field', sa.String(length=40), nullable=False),
    sa.Column('here', sa.JSON(), nullable=False),
    sa.Column('there', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.Column('resolved_by', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_conflict')))


def downgrade() -> None:
    op.drop_table('sync_conflict')
    op.drop_index(op.f('ix_sync_change_uid'), table_name='sync_change')
    op.drop_index(op.f('ix_sync_change_entity'), table_name='sync_change')
    op.drop_table('sync_change')
    op.drop_table('sync_peer')
    op.drop_table('sync_state')
    for table in reversed(SYNCED):
        op.drop_index(op.f(f'ix_{table}_sync_uid'), table_name=table)
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column('sync_site')
            batch_op.drop_column('sync_uid')
