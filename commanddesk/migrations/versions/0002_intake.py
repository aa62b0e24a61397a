"""Intake: call records, gradings, reporting clocks, reports; incident grade and counts.

Revision ID: 0002_intake
Revises: 0001_initial
Create Date: 2026-11-23 14:55:54.390419
"""

from alembic import op
import sqlalchemy as sa


revision = '0002_intake'
down_revision = '0001_initial'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('setting',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )

    op.create_table('call_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('stamped_at', sa.DateTime(), nullable=False),
    sa.Column('receipt_edit_reason', sa.Text(), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('caller_unit', sa.String(length=100), nullable=False),
    sa.Column('caller_name', sa.String(length=40), nullable=False),
    sa.Column('caller_post', sa.String(length=60), nullable=False),
    sa.Column('caller_phone', sa.String(length=40), nullable=False),
    sa.Column('occurred_at', sa.DateTime(), nullable=True),
    sa.Column('occurred_precision', sa.String(length=10), nullable=False),
    sa.Column('place_text', sa.String(length=200), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('counts', sa.JSON(), nullable=False),
    sa.Column('predicted', sa.JSON(), nullable=False),
    sa.Column('cause', sa.Text(), nullable=False),
    sa.Column('course', sa.Text(), nullable=False),
    sa.Column('measures', sa.Text(), nullable=False),
    sa.Column('trend', sa.Text(), nullable=False),
    sa.Column('requests', sa.Text(), nullable=False),
    sa.Column('notified', sa.Text(), nullable=False),
    sa.Column('commander', sa.String(length=100), nullable=False),
    sa.Column('recorder_id', sa.Integer(), nullable=True),
    sa.Column('recorder_name', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incident.id'], name=op.f('fk_call_record_incident_id_incident')),
    sa.ForeignKeyConstraint(['recorder_id'], ['operator.id'], name=op.f('fk_call_record_recorder_id_operator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_call_record'))
    )
    with op.batch_alter_table('call_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_call_record_incident_id'), ['incident_id'], unique=False)

    op.create_table('clock_instance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('rule_id', sa.String(length=40), nullable=False),
    sa.Column('ruleset_version', sa.String(length=40), nullable=False),
    sa.Column('slot', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('recipient', sa.String(length=100), nullable=False),
    sa.Column('anchor', sa.String(length=20), nullable=False),
    sa.Column('anchor_at', sa.DateTime(), nullable=False),
    sa.Column('due_at', sa.DateTime(), nullable=False),
    sa.Column('warn_at', sa.DateTime(), nullable=False),
    sa.Column('satisfied_by', sa.JSON(), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('met_at', sa.DateTime(), nullable=True),
    sa.Column('met_by_report_id', sa.Integer(), nullable=True),
    sa.Column('late_minutes', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('inapplicable_since', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incident.id'], name=op.f('fk_clock_instance_incident_id_incident')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_clock_instance')),
    sa.UniqueConstraint('incident_id', 'rule_id', 'slot', name='uq_clock_instance_key')
    )
    with op.batch_alter_table('clock_instance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clock_instance_due_at'), ['due_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_clock_instance_incident_id'), ['incident_id'], unique=False)

    op.create_table('grading',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('table_id', sa.String(length=60), nullable=False),
    sa.Column('edition', sa.String(length=60), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('inputs', sa.JSON(), nullable=False),
    sa.Column('suggested', sa.Integer(), nullable=True),
    sa.Column('chosen', sa.Integer(), nullable=True),
    sa.Column('predicted', sa.Boolean(), nullable=False),
    sa.Column('override_reason', sa.Text(), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('basis_call_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['operator.id'], name=op.f('fk_grading_actor_id_operator')),
    sa.ForeignKeyConstraint(['incident_id'], ['incident.id'], name=op.f('fk_grading_incident_id_incident')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grading'))
    )
    with op.batch_alter_table('grading', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grading_incident_id'), ['incident_id'], unique=False)

    op.create_table('report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('doc_number', sa.String(length=60), nullable=False),
    sa.Column('elements', sa.JSON(), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('author_name', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('signer', sa.String(length=40), nullable=False),
    sa.Column('signer_role', sa.String(length=40), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('recipient_level', sa.String(length=20), nullable=False),
    sa.Column('recipient', sa.String(length=100), nullable=False),
    sa.Column('recipient_person', sa.String(length=60), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.Column('late_minutes', sa.Integer(), nullable=True),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['operator.id'], name=op.f('fk_report_author_id_operator')),
    sa.ForeignKeyConstraint(['incident_id'], ['incident.id'], name=op.f('fk_report_incident_id_incident')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report'))
    )
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_incident_id'), ['incident_id'], unique=False)

    with op.batch_alter_table('incident', schema=None) as batch_op:
        batch_op.add_column(sa.Column('grade', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('grade_predicted', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('grade_basis_call_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('occurred_precision', sa.String(length=10), nullable=False, server_default='exact'))
        batch_op.add_column(sa.Column('unit_received_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('counts', sa.JSON(), nullable=False, server_default='{}'))
        batch_op.add_column(sa.Column('predicted', sa.JSON(), nullable=False, server_default='{}'))
        batch_op.add_column(sa.Column('flags', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.drop_column('level')

    with op.batch_alter_table('timeline_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('actor_name', sa.String(length=40), nullable=False, server_default=''))
        batch_op.drop_column('seq')


def downgrade() -> None:
    op.drop_table('setting')

    with op.batch_alter_table('timeline_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seq', sa.INTEGER(), nullable=False, server_default='0'))
        batch_op.drop_column('actor_name')

    with op.batch_alter_table('incident', schema=None) as batch_op:
        batch_op.add_column(sa.Column('level', sa.VARCHAR(length=10), nullable=True))
        batch_op.drop_column('flags')
        batch_op.drop_column('predicted')
        batch_op.drop_column('counts')
        batch_op.drop_column('unit_received_at')
        batch_op.drop_column('occurred_precision')
        batch_op.drop_column('grade_basis_call_id')
        batch_op.drop_column('grade_predicted')
        batch_op.drop_column('grade')

    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_incident_id'))

    op.drop_table('report')
    with op.batch_alter_table('grading', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grading_incident_id'))

    op.drop_table('grading')
    with op.batch_alter_table('clock_instance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clock_instance_incident_id'))
        batch_op.drop_index(batch_op.f('ix_clock_instance_due_at'))

    op.drop_table('clock_instance')
    with op.batch_alter_table('call_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_call_record_incident_id'))

    op.drop_table('call_record')

