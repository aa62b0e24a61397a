"""Accounts and seats: PIN hashes never reach the audit trail, names are unique, heartbeats are not audited."""

from datetime import datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from commanddesk.clock import BEIJING
from commanddesk.models import AuditEntry, Operator, SeatPresence
from commanddesk.services import accounts
from tests.conftest import FAST_N

NOW = datetime(2026, 11, 23, 22, 0, tzinfo=BEIJING)


def test_the_pin_hash_is_kept_out_of_the_audit_trail(store):
    with store.transaction() as s:
        accounts.create_operator(s, "值班员庚", "duty_officer", "246810", check=False, n=FAST_N)
    with store.read() as s:
        op = s.scalar(select(Operator).where(Operator.name == "值班员庚"))
        rows = s.scalars(select(AuditEntry).where(AuditEntry.entity == "operator",
                                                  AuditEntry.entity_id == str(op.id))).all()
    assert rows and op.pin_hash
    assert all(op.pin_hash not in r.after and "pin_hash" not in r.after for r in rows)
    assert any("值班员庚" in r.after for r in rows)


def test_operator_names_are_unique(store):
    with pytest.raises(IntegrityError):
        with store.transaction() as s:
            s.add(Operator(name="值班员甲", role="admin", pin_hash="x"))
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Operator).where(Operator.name == "值班员甲")) == 1


def test_seat_heartbeats_are_not_audited(store):
    with store.read() as s:
        before = s.scalar(select(func.count()).select_from(AuditEntry))
    with store.transaction() as s:
        s.add(SeatPresence(seat="席位1", operator_name="值班员甲", role="duty_officer", since=NOW, seen_at=NOW))
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == before
        assert s.get(SeatPresence, "席位1").operator_name == "值班员甲"
