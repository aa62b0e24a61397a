"""The duty room's routine: roster, holidays and sensitive periods, handovers, leaders' instructions.

Adds ``roster_shift`` (one row per planned shift of a Beijing day), ``duty_period``
(holidays and sensitive periods by date range), ``handover`` (the assembled
record with both signatures) and ``instruction`` (领导批示 and their feedback).

Revision ID: 0010_duty_room
Revises: 0009_audit_seal
Create Date: 2026-12-03 11:40:00
"""

from alembic import op
import sqlalchemy as sa

revision = '0010_duty_room'
down_revision = '0009_audit_seal'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('roster_shift',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('slot', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('leader', sa.String(length=100), nullable=False),
    sa.Column('officer', sa.String(length=100), nullable=False),
    sa.Column('backup', sa.String(length=100), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roster_shift')),
    sa.UniqueConstraint('day', 'slot', name=op.f('uq_roster_shift_day')),
    )
    with op.batch_alter_table('roster_shift', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_roster_shift_day'), ['day'], unique=False)
    op.create_table('duty_period',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('first_day', sa.Date(), nullable=False),
    sa.Column('last_day', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_duty_period')),
    )
    op.create_table('handover',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assembled_at', sa.DateTime(), nullable=False),
    sa.Column('shift_starts_at', sa.DateTime(), nullable=True),
    sa.Column('outgoing', sa.String(length=40), nullable=False),
    sa.Column('incoming', sa.String(length=40), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('checklist', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('outgoing_signed_at', sa.DateTime(), nullable=True),
    sa.Column('incoming_signed_at', sa.DateTime(), nullable=True),
    sa.Column('corrects_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['corrects_id'], ['handover.id'], name=op.f('fk_handover_corrects_id_handover')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handover')),
    )
    op.create_table('instruction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('leader', sa.String(length=60), nullable=False),
    sa.Column('given_at', sa.DateTime(), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=True),
    sa.Column('assignee', sa.String(length=100), nullable=False),
    sa.Column('due_at', sa.DateTime(), nullable=True),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.Column('feedback', sa.Text(), nullable=False),
    sa.Column('recorded_by', sa.String(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incident.id'], name=op.f('fk_instruction_incident_id_incident')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_instruction')),
    )
    with op.batch_alter_table('instruction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_instruction_given_at'), ['given_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_instruction_incident_id'), ['incident_id'], unique=False)


def downgrade() -> None:
    op.drop_table('instruction')
    op.drop_table('handover')
    op.drop_table('duty_period')
    op.drop_table('roster_shift')
