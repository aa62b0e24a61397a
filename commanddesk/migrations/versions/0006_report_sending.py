"""Reports as a duty room sends them: addressees, send records, sign-off, 版头 elements.

Adds ``report_recipient`` (主送 and 抄送 of a written report) and ``report_send``
(one row per delivery: addressee, channel, time, sender), the 带班领导's
approval, 份号/密级/紧急程度, and the 文号's year and number, unique per year.

The upgrade gives every existing report its one addressee and, when it was
sent, its one send record, and reads the year and number back from its 文号
(a number seen twice in a year keeps only the first).

Revision ID: 0006_report_sending
Revises: 0005_response_levels
Create Date: 2026-12-03 10:40:00
"""

import re

from alembic import op
import sqlalchemy as sa

revision = '0006_report_sending'
down_revision = '0005_response_levels'
branch_labels = None
depends_on = None

WRITTEN_CHANNELS = ("fax", "system", "in_person")


def upgrade() -> None:
    op.create_table('report_recipient',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('addressing', sa.String(length=4), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('recipient', sa.String(length=100), nullable=False),
    sa.Column('recipient_level', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['report.id'], name=op.f('fk_report_recipient_report_id_report')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_recipient'))
    )
    with op.batch_alter_table('report_recipient', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_recipient_report_id'), ['report_id'], unique=False)

    op.create_table('report_send',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('recipient_id', sa.Integer(), nullable=True),
    sa.Column('recipient', sa.String(length=100), nullable=False),
    sa.Column('recipient_level', sa.String(length=20), nullable=False),
    sa.Column('recipient_person', sa.String(length=60), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('in_writing', sa.Boolean(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.Column('sent_by', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=40), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['recipient_id'], ['report_recipient.id'],
                            name=op.f('fk_report_send_recipient_id_report_recipient')),
    sa.ForeignKeyConstraint(['report_id'], ['report.id'], name=op.f('fk_report_send_report_id_report')),
    sa.ForeignKeyConstraint(['sent_by'], ['operator.id'], name=op.f('fk_report_send_sent_by_operator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_send'))
    )
    with op.batch_alter_table('report_send', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_send_report_id'), ['report_id'], unique=False)

    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.add_column(sa.Column('copy_number', sa.String(length=10), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('classification', sa.String(length=10), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('urgency', sa.String(length=10), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('doc_year', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('doc_seq', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('approver_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('approver', sa.String(length=40), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('approved_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('approved_hash', sa.String(length=64), nullable=False, server_default=''))
        batch_op.create_foreign_key(batch_op.f('fk_report_approver_id_operator'), 'operator', ['approver_id'], ['id'])

    conn = op.get_bind()
    returning = " RETURNING id" if conn.dialect.name == "postgresql" else ""  # no lastrowid there
    seen: set[tuple[int, int]] = set()
    rows = conn.execute(sa.text(
        "SELECT id, doc_number, recipient, recipient_level, recipient_person, channel, sent_at, status, "
        "author_id, author_name FROM report ORDER BY id")).fetchall()
    for rid, number, recipient, level, person, channel, sent_at, status, author_id, author in rows:
        match = re.search(r"〔(\d{4})〕(\d+)号", number or "")
        if match and (key := (int(match[1]), int(match[2]))) not in seen:
            seen.add(key)
            conn.execute(sa.text("UPDATE report SET doc_year = :y, doc_seq = :n WHERE id = :id"),
                         {"y": key[0], "n": key[1], "id": rid})
        if not recipient:
            continue
        result = conn.execute(sa.text(
            "INSERT INTO report_recipient (report_id, addressing, position, recipient, recipient_level) "
            "VALUES (:r, 'main', 0, :u, :l)" + returning), {"r": rid, "u": recipient, "l": level or ""})
        recipient_id = result.scalar() if returning else result.lastrowid
        if status == "sent" and sent_at is not None:
            conn.execute(sa.text(
                "INSERT INTO report_send (report_id, recipient_id, recipient, recipient_level, recipient_person, "
                "channel, in_writing, sent_at, sent_by, actor_name, recorded_at) VALUES "
                "(:r, :rec, :u, :l, :p, :c, :w, :t, :by, :name, :t)"),
                {"r": rid, "rec": recipient_id, "u": recipient, "l": level or "", "p": person or "",
                 "c": channel or "", "w": (channel or "") in WRITTEN_CHANNELS, "t": sent_at, "by": author_id,
                 "name": author or ""})
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.create_unique_constraint('uq_report_doc_year_seq', ['doc_year', 'doc_seq'])


def downgrade() -> None:
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.drop_constraint('uq_report_doc_year_seq', type_='unique')
        batch_op.drop_constraint(batch_op.f('fk_report_approver_id_operator'), type_='foreignkey')
        for column in ('approved_hash', 'approved_at', 'approver', 'approver_id', 'doc_seq', 'doc_year',
                       'urgency', 'classification', 'copy_number'):
            batch_op.drop_column(column)
    with op.batch_alter_table('report_send', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_send_report_id'))
    op.drop_table('report_send')
    with op.batch_alter_table('report_recipient', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_recipient_report_id'))
    op.drop_table('report_recipient')
