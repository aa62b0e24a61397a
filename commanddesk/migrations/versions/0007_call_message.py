"""The message a call came as, and the reader's suggestions from it.

Adds ``call_record.original_message`` (the pasted SMS, WeChat or 110/119
transfer, word for word) and ``call_record.suggestions`` (what the message
reader suggested and whether the officer kept or changed each field).
Existing calls get an empty message and no suggestions.

Revision ID: 0007_call_message
Revises: 0006_report_sending
Create Date: 2026-12-03 11:00:00
"""

from alembic import op
import sqlalchemy as sa

revision = '0007_call_message'
down_revision = '0006_report_sending'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('call_record', schema=None) as batch_op:
        batch_op.add_column(sa.Column('original_message', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('suggestions', sa.JSON(), nullable=False, server_default='{}'))


def downgrade() -> None:
    with op.batch_alter_table('call_record', schema=None) as batch_op:
        batch_op.drop_column('suggestions')
        batch_op.drop_column('original_message')
