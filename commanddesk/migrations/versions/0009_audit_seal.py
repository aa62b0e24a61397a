"""Tamper evidence beyond the hash chain.

* ``audit_log.digest``: the SHA-256 of the audited row as it stood in the
  database right after the change the entry records (``deleted`` for a
  removal). ``audit verify`` compares each row with the digest of its last
  entry, so a row changed behind the app's back is found.
* ``audit_log.mac``: an HMAC of the entry's hash under a per-store key kept
  outside the database (the user's config directory); a chain rewritten
  and re-hashed without the key no longer verifies.
* ``audit_seal``: the store's identity, naming its key file.
* ``BEFORE INSERT`` triggers on the append-only tables refuse a row whose id
  is taken: ``INSERT OR REPLACE`` deletes the old row without firing the
  delete trigger, so it is stopped before it starts.

Entries written before this revision keep an empty digest and mac; they are
checked by the chain alone.

Revision ID: 0009_audit_seal
Revises: 0008_warnings
Create Date: 2026-12-03 11:00:00
"""

import uuid

from alembic import op
import sqlalchemy as sa

revision = '0009_audit_seal'
down_revision = '0008_warnings'
branch_labels = None
depends_on = None

APPEND_ONLY = ('audit_log', 'stock_movement', 'team_status_change', 'shelter_assignment')


def upgrade() -> None:
    # plain ADD COLUMN (not batch mode): copying the table would drop its triggers
    op.add_column('audit_log', sa.Column('digest', sa.String(length=64), nullable=False, server_default=''))
    op.add_column('audit_log', sa.Column('mac', sa.String(length=64), nullable=False, server_default=''))
    op.create_table('audit_seal',
                    sa.Column('store_id', sa.String(length=32), nullable=False),
                    sa.PrimaryKeyConstraint('store_id', name=op.f('pk_audit_seal')))
    op.execute(f"INSERT INTO audit_seal (store_id) VALUES ('{uuid.uuid4().hex}')")
    if op.get_bind().dialect.name != "sqlite":
        return  # INSERT OR REPLACE is SQLite's; elsewhere the primary key refuses a taken id
    for table in APPEND_ONLY:
        op.execute(f"CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table} "
                   f"WHEN EXISTS (SELECT 1 FROM {table} WHERE id = NEW.id) "
                   f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in APPEND_ONLY:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_replace")
    op.drop_table('audit_seal')
    op.drop_column('audit_log', 'mac')
    op.drop_column('audit_log', 'digest')
