"""Initial schema: places, people, incidents, resources and the audit log.

Revision ID: 0001_initial
Revises: 
Create Date: 2026-11-23 14:41:17.207298
"""

from alembic import op
import sqlalchemy as sa

revision = '0001_initial'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=40), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=40), nullable=False),
    sa.Column('before', sa.Text(), nullable=False),
    sa.Column('after', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    op.create_table('jurisdiction',
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('level', sa.String(length=10), nullable=False),
    sa.Column('parent_code', sa.String(length=12), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['parent_code'], ['jurisdiction.code'], name=op.f('fk_jurisdiction_parent_code_jurisdiction')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_jurisdiction'))
    )
    with op.batch_alter_table('jurisdiction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_jurisdiction_parent_code'), ['parent_code'], unique=False)

    op.create_table('material_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('unit', sa.String(length=10), nullable=False),
    sa.Column('spec', sa.String(length=100), nullable=False),
    sa.Column('perishable', sa.Boolean(), nullable=False),
    sa.Column('shelf_life_days', sa.Integer(), nullable=True),
    sa.Column('for_vulnerable', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_material_item')),
    sa.UniqueConstraint('code', name=op.f('uq_material_item_code')),
    sa.UniqueConstraint('name', name=op.f('uq_material_item_name'))
    )
    with op.batch_alter_table('material_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_material_item_category'), ['category'], unique=False)

    op.create_table('operator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('pin_hash', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('post', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_operator')),
    sa.UniqueConstraint('name', name=op.f('uq_operator_name'))
    )
    op.create_table('team_type',
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('english', sa.String(length=80), nullable=False),
    sa.Column('default_speed_kmh', sa.Integer(), nullable=False),
    sa.Column('assembles_on_order', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_team_type')),
    sa.UniqueConstraint('name', name=op.f('uq_team_type_name'))
    )
    op.create_table('hazard_site',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('risk_level', sa.String(length=10), nullable=False),
    sa.Column('jurisdiction_code', sa.String(length=12), nullable=True),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('owner_unit', sa.String(length=100), nullable=False),
    sa.Column('contact_name', sa.String(length=40), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['jurisdiction_code'], ['jurisdiction.code'], name=op.f('fk_hazard_site_jurisdiction_code_jurisdiction')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hazard_site')),
    sa.UniqueConstraint('code', name=op.f('uq_hazard_site_code'))
    )
    with op.batch_alter_table('hazard_site', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hazard_site_kind'), ['kind'], unique=False)

    op.create_table('incident',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('level', sa.String(length=10), nullable=True),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(), nullable=True),
    sa.Column('place_text', sa.String(length=200), nullable=False),
    sa.Column('jurisdiction_code', sa.String(length=12), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('is_drill', sa.Boolean(), nullable=False),
    sa.Column('recorded_by', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['jurisdiction_code'], ['jurisdiction.code'], name=op.f('fk_incident_jurisdiction_code_jurisdiction')),
    sa.ForeignKeyConstraint(['recorded_by'], ['operator.id'], name=op.f('fk_incident_recorded_by_operator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incident'))
    )
    with op.batch_alter_table('incident', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_received_at'), ['received_at'], unique=False)

    op.create_table('organisation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('jurisdiction_code', sa.String(length=12), nullable=True),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('duty_phone', sa.String(length=40), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['jurisdiction_code'], ['jurisdiction.code'], name=op.f('fk_organisation_jurisdiction_code_jurisdiction')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation')),
    sa.UniqueConstraint('code', name=op.f('uq_organisation_code')),
    sa.UniqueConstraint('name', name=op.f('uq_organisation_name'))
    )
    op.create_table('rescue_team',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('team_type', sa.String(length=30), nullable=False),
    sa.Column('tier', sa.String(length=20), nullable=False),
    sa.Column('lead_unit', sa.String(length=100), nullable=False),
    sa.Column('host', sa.String(length=100), nullable=False),
    sa.Column('headcount', sa.Integer(), nullable=False),
    sa.Column('on_duty', sa.Integer(), nullable=False),
    sa.Column('standing', sa.Boolean(), nullable=False),
    sa.Column('capabilities', sa.Text(), nullable=False),
    sa.Column('equipment', sa.Text(), nullable=False),
    sa.Column('base_address', sa.String(length=200), nullable=False),
    sa.Column('jurisdiction_code', sa.String(length=12), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('leader', sa.String(length=40), nullable=False),
    sa.Column('duty_phone', sa.String(length=40), nullable=False),
    sa.Column('radio_channel', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('headcount >= 0', name=op.f('ck_rescue_team_headcount_nonneg')),
    sa.CheckConstraint('on_duty >= 0 AND on_duty <= headcount', name=op.f('ck_rescue_team_on_duty_range')),
    sa.ForeignKeyConstraint(['jurisdiction_code'], ['jurisdiction.code'], name=op.f('fk_rescue_team_jurisdiction_code_jurisdiction')),
    sa.ForeignKeyConstraint(['team_type'], ['team_type.code'], name=op.f('fk_rescue_team_team_type_team_type')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rescue_team')),
    sa.UniqueConstraint('code', name=op.f('uq_rescue_team_code'))
    )
    with op.batch_alter_table('rescue_team', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rescue_team_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_rescue_team_team_type'), ['team_type'], unique=False)

    op.create_table('shelter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('level', sa.String(length=12), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('indoor', sa.Boolean(), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('jurisdiction_code', sa.String(length=12), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('occupancy', sa.Integer(), nullable=False),
    sa.Column('area_m2', sa.Integer(), nullable=True),
    sa.Column('facilities', sa.Text(), nullable=False),
    sa.Column('manager', sa.String(length=40), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('capacity >= 0', name=op.f('ck_shelter_capacity_nonneg')),
    sa.CheckConstraint('occupancy >= 0', name=op.f('ck_shelter_occupancy_nonneg')),
    sa.ForeignKeyConstraint(['jurisdiction_code'], ['jurisdiction.code'], name=op.f('fk_shelter_jurisdiction_code_jurisdiction')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shelter')),
    sa.UniqueConstraint('code', name=op.f('uq_shelter_code'))
    )
    op.create_table('shift',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.Column('workstation', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['operator_id'], ['operator.id'], name=op.f('fk_shift_operator_id_operator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shift'))
    )
    with op.batch_alter_table('shift', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shift_operator_id'), ['operator_id'], unique=False)

    op.create_table('warehouse',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('level', sa.String(length=10), nullable=False),
    sa.Column('mode', sa.String(length=20), nullable=False),
    sa.Column('jurisdiction_code', sa.String(length=12), nullable=True),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('manager', sa.String(length=40), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('area_m2', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['jurisdiction_code'], ['jurisdiction.code'], name=op.f('fk_warehouse_jurisdiction_code_jurisdiction')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_warehouse')),
    sa.UniqueConstraint('code', name=op.f('uq_warehouse_code')),
    sa.UniqueConstraint('name', name=op.f('uq_warehouse_name'))
    )
    op.create_table('contact',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('post', sa.String(length=60), nullable=False),
    sa.Column('office_phone', sa.String(length=40), nullable=False),
    sa.Column('mobile', sa.String(length=40), nullable=False),
    sa.Column('duty_role', sa.String(length=20), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_contact_organisation_id_organisation'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact'))
    )
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('stock_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('batch', sa.String(length=40), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('quantity >= 0', name=op.f('ck_stock_line_quantity_nonneg')),
    sa.ForeignKeyConstraint(['item_id'], ['material_item.id'], name=op.f('fk_stock_line_item_id_material_item')),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouse.id'], name=op.f('fk_stock_line_warehouse_id_warehouse'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_line')),
    sa.UniqueConstraint('warehouse_id', 'item_id', 'batch', name='uq_stock_line_key')
    )
    with op.batch_alter_table('stock_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_line_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_line_warehouse_id'), ['warehouse_id'], unique=False)

    op.create_table('timeline_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('corrects_id', sa.Integer(), nullable=True),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['operator.id'], name=op.f('fk_timeline_event_actor_id_operator')),
    sa.ForeignKeyConstraint(['corrects_id'], ['timeline_event.id'], name=op.f('fk_timeline_event_corrects_id_timeline_event')),
    sa.ForeignKeyConstraint(['incident_id'], ['incident.id'], name=op.f('fk_timeline_event_incident_id_incident')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_timeline_event'))
    )
    with op.batch_alter_table('timeline_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_timeline_event_incident_id'), ['incident_id'], unique=False)

    # The audit log is append-only: the database itself refuses edits.
    from commanddesk.migrations.dialect import append_only

    append_only(op, "audit_log")


def downgrade() -> None:
    from commanddesk.migrations.dialect import drop_append_only

    drop_append_only(op, "audit_log")
    with op.batch_alter_table('timeline_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_timeline_event_incident_id'))

    op.drop_table('timeline_event')
    with op.batch_alter_table('stock_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_line_warehouse_id'))
        batch_op.drop_index(batch_op.f('ix_stock_line_item_id'))

    op.drop_table('stock_line')
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_organisation_id'))

    op.drop_table('contact')
    op.drop_table('warehouse')
    with op.batch_alter_table('shift', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shift_operator_id'))

    op.drop_table('shift')
    op.drop_table('shelter')
    with op.batch_alter_table('rescue_team', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rescue_team_team_type'))
        batch_op.drop_index(batch_op.f('ix_rescue_team_status'))

    op.drop_table('rescue_team')
    op.drop_table('organisation')
    with op.batch_alter_table('incident', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_received_at'))

    op.drop_table('incident')
    with op.batch_alter_table('hazard_site', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hazard_site_kind'))

    op.drop_table('hazard_site')
    op.drop_table('team_type')
    op.drop_table('operator')
    with op.batch_alter_table('material_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_material_item_category'))

    op.drop_table('material_item')
    with op.batch_alter_table('jurisdiction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_jurisdiction_parent_code'))

    op.drop_table('jurisdiction')
    op.drop_table('audit_log')
