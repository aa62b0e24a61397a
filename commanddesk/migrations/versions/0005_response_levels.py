"""Response levels kept apart from the event grade; facts for grading.

Before this revision a natural disaster's relief-plan response level (Ⅰ–Ⅳ)
was stored as the incident's grade. The upgrade moves it to
``incident.response_level`` (and copies it to the grading records made
with a relief table) and leaves the grade 未定级 until the incident is graded
on its own scale.

Revision ID: 0005_response_levels
Revises: 0004_plans
Create Date: 2026-12-02 10:00:00
"""

from alembic import op
import sqlalchemy as sa

revision = '0005_response_levels'
down_revision = '0004_plans'
branch_labels = None
depends_on = None

# The response-level tables that existed before this revision.
RESPONSE_TABLES = ("natural_disaster_relief_2024", "demo_county_relief")


def upgrade() -> None:
    with op.batch_alter_table('grading', schema=None) as batch_op:
        batch_op.add_column(sa.Column('response_level', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('response_table_id', sa.String(length=60), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('response_reasons', sa.JSON(), nullable=False, server_default='[]'))
    with op.batch_alter_table('incident', schema=None) as batch_op:
        batch_op.add_column(sa.Column('response_level', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('grading_facts', sa.JSON(), nullable=False, server_default='{}'))
    tables = ", ".join(f"'{t}'" for t in RESPONSE_TABLES)
    op.execute(f"UPDATE grading SET response_level = suggested, response_table_id = table_id, "
               f"response_reasons = reasons WHERE table_id IN ({tables})")
    # The latest grading of each natural incident decides whether its grade was a response level.
    op.execute(f"""
        UPDATE incident SET response_level = grade, grade = NULL, grade_predicted = FALSE
        WHERE category = 'natural' AND grade IS NOT NULL AND (
            SELECT g.table_id FROM grading g WHERE g.incident_id = incident.id ORDER BY g.id DESC LIMIT 1
        ) IN ({tables})""")


def downgrade() -> None:
    op.execute("UPDATE incident SET grade = response_level WHERE grade IS NULL AND response_level IS NOT NULL")
    with op.batch_alter_table('incident', schema=None) as batch_op:
        batch_op.drop_column('grading_facts')
        batch_op.drop_column('response_level')
    with op.batch_alter_table('grading', schema=None) as batch_op:
        batch_op.drop_column('response_reasons')
        batch_op.drop_column('response_table_id')
        batch_op.drop_column('response_level')
