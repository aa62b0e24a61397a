"""Warnings register: received warnings, their CAP messages and forwarding; warning clocks.

Adds ``warning`` (one row per warning, changed in place by Update/Cancel
messages), ``warning_message`` (each CAP message or hand entry that touched it)
and ``warning_forward`` (who passed it to whom, when, by which channel). A
clock may now belong to a warning instead of an incident: ``clock_instance``
gets ``warning_id`` and its ``incident_id`` may be empty.

Revision ID: 0008_warnings
Revises: 0007_call_message
Create Date: 2026-12-03 11:00:00
"""

from alembic import op
import sqlalchemy as sa

revision = '0008_warnings'
down_revision = '0007_call_message'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('warning',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('colour', sa.String(length=10), nullable=False),
    sa.Column('issuer', sa.String(length=100), nullable=False),
    sa.Column('areas', sa.JSON(), nullable=False),
    sa.Column('area_desc', sa.String(length=200), nullable=False),
    sa.Column('polygon', sa.JSON(), nullable=False),
    sa.Column('issued_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=True),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('headline', sa.String(length=200), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('instruction', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('lifted_at', sa.DateTime(), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=10), nullable=False),
    sa.Column('identifier', sa.String(length=120), nullable=False),
    sa.Column('is_drill', sa.Boolean(), nullable=False),
    sa.Column('recorded_by', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['recorded_by'], ['operator.id'], name=op.f('fk_warning_recorded_by_operator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_warning'))
    )
    with op.batch_alter_table('warning', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_warning_received_at'), ['received_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_warning_identifier'), ['identifier'], unique=False)
    op.create_table('warning_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('warning_id', sa.Integer(), nullable=False),
    sa.Column('msg_type', sa.String(length=10), nullable=False),
    sa.Column('identifier', sa.String(length=120), nullable=False),
    sa.Column('sender', sa.String(length=120), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('references', sa.Text(), nullable=False),
    sa.Column('file_name', sa.String(length=200), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['warning_id'], ['warning.id'], name=op.f('fk_warning_message_warning_id_warning')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_warning_message'))
    )
    with op.batch_alter_table('warning_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_warning_message_warning_id'), ['warning_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_warning_message_identifier'), ['identifier'], unique=False)
    op.create_table('warning_forward',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('warning_id', sa.Integer(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('recipient', sa.String(length=100), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('forwarded_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=40), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['operator.id'], name=op.f('fk_warning_forward_actor_id_operator')),
    sa.ForeignKeyConstraint(['warning_id'], ['warning.id'], name=op.f('fk_warning_forward_warning_id_warning')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_warning_forward'))
    )
    with op.batch_alter_table('warning_forward', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_warning_forward_warning_id'), ['warning_id'], unique=False)
    with op.batch_alter_table('clock_instance', schema=None) as batch_op:
        batch_op.add_column(sa.Column('warning_id', sa.Integer(), nullable=True))
        batch_op.alter_column('incident_id', existing_type=sa.Integer(), nullable=True)
        batch_op.create_index(batch_op.f('ix_clock_instance_warning_id'), ['warning_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_clock_instance_warning_id_warning'), 'warning',
                                    ['warning_id'], ['id'])


def downgrade() -> None:
    op.execute("DELETE FROM clock_instance WHERE incident_id IS NULL")
    with op.batch_alter_table('clock_instance', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_clock_instance_warning_id_warning'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_clock_instance_warning_id'))
        batch_op.alter_column('incident_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('warning_id')
    op.drop_table('warning_forward')
    op.drop_table('warning_message')
    op.drop_table('warning')
