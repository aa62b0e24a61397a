"""Dispatch and the warehouse ledger: team dispatches and state changes, stock movements,
transfers, material requests, reserve quotas and shelter placements.

Revision ID: 0003_dispatch
Revises: 0002_intake
Create Date: 2026-11-24 09:00:00

Only new tables; existing ones are untouched. Stock already in a database
being upgraded has no movements yet: ``services.ledger.open_balances`` posts an
opening entry for every line whose ledger does not match its quantity.
"""

from alembic import op
import sqlalchemy as sa


revision = '0003_dispatch'
down_revision = '0002_intake'
branch_labels = None
depends_on = None

APPEND_ONLY = ('stock_movement', 'team_status_change', 'shelter_assignment')


def upgrade() -> None:
    op.create_table('dispatch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('order_number', sa.String(length=60), nullable=False),
    sa.Column('task', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('ordered_at', sa.DateTime(), nullable=False),
    sa.Column('departed_at', sa.DateTime(), nullable=True),
    sa.Column('arrived_at', sa.DateTime(), nullable=True),
    sa.Column('left_scene_at', sa.DateTime(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('close_reason', sa.Text(), nullable=False),
    sa.Column('eta_at', sa.DateTime(), nullable=True),
    sa.Column('distance_km', sa.Float(), nullable=True),
    sa.Column('travel_minutes', sa.Integer(), nullable=True),
    sa.Column('assembly_minutes', sa.Integer(), nullable=False),
    sa.Column('basis', sa.Text(), nullable=False),
    sa.Column('ruleset', sa.String(length=60), nullable=False),
    sa.Column('transferred_from_id', sa.Integer(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['operator.id'], name=op.f('fk_dispatch_actor_id_operator')),
    sa.ForeignKeyConstraint(['incident_id'], ['incident.id'], name=op.f('fk_dispatch_incident_id_incident')),
    sa.ForeignKeyConstraint(['team_id'], ['rescue_team.id'], name=op.f('fk_dispatch_team_id_rescue_team')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispatch'))
    )
    with op.batch_alter_table('dispatch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dispatch_incident_id'), ['incident_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dispatch_order_number'), ['order_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_dispatch_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_dispatch_team_id'), ['team_id'], unique=False)

    op.create_table('team_status_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('from_status', sa.String(length=20), nullable=False),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=True),
    sa.Column('dispatch_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['operator.id'], name=op.f('fk_team_status_change_actor_id_operator')),
    sa.ForeignKeyConstraint(['dispatch_id'], ['dispatch.id'], name=op.f('fk_team_status_change_dispatch_id_dispatch')),
    sa.ForeignKeyConstraint(['incident_id'], ['incident.id'], name=op.f('fk_team_status_change_incident_id_incident')),
    sa.ForeignKeyConstraint(['team_id'], ['rescue_team.id'], name=op.f('fk_team_status_change_team_id_rescue_team')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_status_change'))
    )
    with op.batch_alter_table('team_status_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_team_status_change_incident_id'), ['incident_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_team_status_change_team_id'), ['team_id'], unique=False)

    op.create_table('team_position',
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('lat', sa.Float(), nullable=False),
    sa.Column('lon', sa.Float(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['rescue_team.id'], name=op.f('fk_team_position_team_id_rescue_team')),
    sa.PrimaryKeyConstraint('team_id', name=op.f('pk_team_position'))
    )

    op.create_table('stock_transfer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('doc_number', sa.String(length=40), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('batch', sa.String(length=40), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('from_warehouse_id', sa.Integer(), nullable=False),
    sa.Column('to_warehouse_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('approver', sa.String(length=40), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=True),
    sa.Column('sent_by', sa.String(length=40), nullable=False),
    sa.Column('received_by', sa.String(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_stock_transfer_quantity_positive')),
    sa.ForeignKeyConstraint(['from_warehouse_id'], ['warehouse.id'], name=op.f('fk_stock_transfer_from_warehouse_id_warehouse')),
    sa.ForeignKeyConstraint(['incident_id'], ['incident.id'], name=op.f('fk_stock_transfer_incident_id_incident')),
    sa.ForeignKeyConstraint(['item_id'], ['material_item.id'], name=op.f('fk_stock_transfer_item_id_material_item')),
    sa.ForeignKeyConstraint(['to_warehouse_id'], ['warehouse.id'], name=op.f('fk_stock_transfer_to_warehouse_id_warehouse')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_transfer'))
    )
    with op.batch_alter_table('stock_transfer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_transfer_doc_number'), ['doc_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_transfer_from_warehouse_id'), ['from_warehouse_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_transfer_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_transfer_to_warehouse_id'), ['to_warehouse_id'], unique=False)

    op.create_table('material_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('doc_number', sa.String(length=40), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=True),
    sa.Column('destination', sa.String(length=100), nullable=False),
    sa.Column('jurisdiction_code', sa.String(length=12), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('requested_at', sa.DateTime(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('approver', sa.String(length=40), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['operator.id'], name=op.f('fk_material_request_actor_id_operator')),
    sa.ForeignKeyConstraint(['incident_id'], ['incident.id'], name=op.f('fk_material_request_incident_id_incident')),
    sa.ForeignKeyConstraint(['jurisdiction_code'], ['jurisdiction.code'], name=op.f('fk_material_request_jurisdiction_code_jurisdiction')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_material_request'))
    )
    with op.batch_alter_table('material_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_material_request_doc_number'), ['doc_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_material_request_incident_id'), ['incident_id'], unique=False)

    op.create_table('material_request_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('requested', sa.Integer(), nullable=False),
    sa.Column('issued', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['material_item.id'], name=op.f('fk_material_request_line_item_id_material_item')),
    sa.ForeignKeyConstraint(['request_id'], ['material_request.id'], name=op.f('fk_material_request_line_request_id_material_request')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_material_request_line'))
    )
    with op.batch_alter_table('material_request_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_material_request_line_request_id'), ['request_id'], unique=False)

    op.create_table('stock_movement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('doc_number', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('stock_line_id', sa.Integer(), nullable=False),
    sa.Column('batch', sa.String(length=40), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('balance_after', sa.Integer(), nullable=False),
    sa.Column('counted', sa.Integer(), nullable=True),
    sa.Column('settled', sa.Integer(), nullable=False),
    sa.Column('condition', sa.String(length=12), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('counterparty', sa.String(length=100), nullable=False),
    sa.Column('approver', sa.String(length=40), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=True),
    sa.Column('team_id', sa.Integer(), nullable=True),
    sa.Column('transfer_id', sa.Integer(), nullable=True),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=40), nullable=False),
    sa.CheckConstraint('balance_after >= 0', name=op.f('ck_stock_movement_balance_nonneg')),
    sa.ForeignKeyConstraint(['actor_id'], ['operator.id'], name=op.f('fk_stock_movement_actor_id_operator')),
    sa.ForeignKeyConstraint(['incident_id'], ['incident.id'], name=op.f('fk_stock_movement_incident_id_incident')),
    sa.ForeignKeyConstraint(['item_id'], ['material_item.id'], name=op.f('fk_stock_movement_item_id_material_item')),
    sa.ForeignKeyConstraint(['request_id'], ['material_request.id'], name=op.f('fk_stock_movement_request_id_material_request')),
    sa.ForeignKeyConstraint(['team_id'], ['rescue_team.id'], name=op.f('fk_stock_movement_team_id_rescue_team')),
    sa.ForeignKeyConstraint(['transfer_id'], ['stock_transfer.id'], name=op.f('fk_stock_movement_transfer_id_stock_transfer')),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouse.id'], name=op.f('fk_stock_movement_warehouse_id_warehouse')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_movement'))
    )
    with op.batch_alter_table('stock_movement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_movement_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_movement_doc_number'), ['doc_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_movement_incident_id'), ['incident_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_movement_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_movement_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_movement_stock_line_id'), ['stock_line_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_movement_warehouse_id'), ['warehouse_id'], unique=False)

    op.create_table('stock_level',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('minimum', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('minimum >= 0', name=op.f('ck_stock_level_minimum_nonneg')),
    sa.ForeignKeyConstraint(['item_id'], ['material_item.id'], name=op.f('fk_stock_level_item_id_material_item')),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouse.id'], name=op.f('fk_stock_level_warehouse_id_warehouse'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_level')),
    sa.UniqueConstraint('warehouse_id', 'item_id', name='uq_stock_level_key')
    )
    with op.batch_alter_table('stock_level', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_level_warehouse_id'), ['warehouse_id'], unique=False)

    op.create_table('shelter_assignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('shelter_id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('people', sa.Integer(), nullable=False),
    sa.Column('occupancy_after', sa.Integer(), nullable=False),
    sa.Column('group_text', sa.String(length=200), nullable=False),
    sa.Column('override_reason', sa.Text(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['operator.id'], name=op.f('fk_shelter_assignment_actor_id_operator')),
    sa.ForeignKeyConstraint(['incident_id'], ['incident.id'], name=op.f('fk_shelter_assignment_incident_id_incident')),
    sa.ForeignKeyConstraint(['shelter_id'], ['shelter.id'], name=op.f('fk_shelter_assignment_shelter_id_shelter')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shelter_assignment'))
    )
    with op.batch_alter_table('shelter_assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shelter_assignment_incident_id'), ['incident_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_shelter_assignment_shelter_id'), ['shelter_id'], unique=False)

    # The ledgers are append-only, like the audit log: corrections are new rows.
    from commanddesk.migrations.dialect import append_only

    for table in APPEND_ONLY:
        append_only(op, table)


def downgrade() -> None:
    from commanddesk.migrations.dialect import drop_append_only

    for table in APPEND_ONLY:
        drop_append_only(op, table)
    for table, indexes in (
        ('shelter_assignment', ('incident_id', 'shelter_id')),
        ('stock_level', ('warehouse_id',)),
        ('stock_movement', ('at', 'doc_number', 'incident_id', 'item_id', 'kind', 'stock_line_id', 'warehouse_id')),
        ('material_request_line', ('request_id',)),
        ('material_request', ('doc_number', 'incident_id')),
        ('stock_transfer', ('doc_number', 'from_warehouse_id', 'status', 'to_warehouse_id')),
        ('team_position', ()),
        ('team_status_change', ('incident_id', 'team_id')),
        ('dispatch', ('incident_id', 'order_number', 'status', 'team_id')),
    ):
        if indexes:
            with op.batch_alter_table(table, schema=None) as batch_op:
                for column in indexes:
                    batch_op.drop_index(batch_op.f(f'ix_{table}_{column}'))
        op.drop_table(table)
