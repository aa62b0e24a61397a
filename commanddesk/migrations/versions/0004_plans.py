"""Plans on incidents: activations and their tasks; incident warning colour and assessed figures.

Revision ID: 0004_plans
Revises: 0003_dispatch
Create Date: 2026-11-23 15:30:00
"""

from alembic import op
import sqlalchemy as sa

revision = '0004_plans'
down_revision = '0003_dispatch'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('plan_activation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.String(length=60), nullable=False),
    sa.Column('edition', sa.String(length=30), nullable=False),
    sa.Column('plan_title', sa.String(length=200), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('decider', sa.String(length=60), nullable=False),
    sa.Column('grounds', sa.Text(), nullable=False),
    sa.Column('activated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('terminated_at', sa.DateTime(), nullable=True),
    sa.Column('termination_grounds', sa.Text(), nullable=False),
    sa.Column('terminated_by', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incident.id'], name=op.f('fk_plan_activation_incident_id_incident')),
    sa.ForeignKeyConstraint(['recorded_by'], ['operator.id'], name=op.f('fk_plan_activation_recorded_by_operator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_activation'))
    )
    with op.batch_alter_table('plan_activation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_activation_incident_id'), ['incident_id'], unique=False)
    op.create_table('plan_task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activation_id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.String(length=40), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('owner', sa.String(length=100), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('due_at', sa.DateTime(), nullable=True),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.Column('done_by', sa.String(length=40), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['activation_id'], ['plan_activation.id'], name=op.f('fk_plan_task_activation_id_plan_activation')),
    sa.ForeignKeyConstraint(['incident_id'], ['incident.id'], name=op.f('fk_plan_task_incident_id_incident')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_task'))
    )
    with op.batch_alter_table('plan_task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_task_activation_id'), ['activation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_task_incident_id'), ['incident_id'], unique=False)
    with op.batch_alter_table('incident', schema=None) as batch_op:
        batch_op.add_column(sa.Column('warning', sa.String(length=10), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('measures', sa.JSON(), nullable=False, server_default='{}'))


def downgrade() -> None:
    with op.batch_alter_table('incident', schema=None) as batch_op:
        batch_op.drop_column('measures')
        batch_op.drop_column('warning')
    with op.batch_alter_table('plan_task', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_task_incident_id'))
        batch_op.drop_index(batch_op.f('ix_plan_task_activation_id'))
    op.drop_table('plan_task')
    with op.batch_alter_table('plan_activation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_activation_incident_id'))
    op.drop_table('plan_activation')
