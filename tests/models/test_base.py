"""What every table shares: times stored as UTC and read back aware, optimistic locking, stable constraint names."""

from datetime import datetime, timezone

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm.exc import StaleDataError

from commanddesk.clock import BEIJING
from commanddesk.errors import ConflictError
from commanddesk.models import AuditEntry, Organisation
from commanddesk.models.base import NAMING, Base, TZDateTime, Versioned


def test_a_beijing_time_comes_back_as_the_same_instant_in_utc(store):
    """22:00 Beijing is stored and read back as 14:00 UTC, aware: the same moment, whatever the server's zone."""
    at = datetime(2026, 11, 23, 22, 0, 5, tzinfo=BEIJING)
    with store.transaction() as s:
        s.add(AuditEntry(at=at, actor_id=None, actor_name="测试", action="note", entity="x", prev_hash="0", hash="1"))
    with store.read() as s:
        back = s.scalar(select(AuditEntry.at).where(AuditEntry.entity == "x"))
    assert back == at and back.tzinfo == timezone.utc and back.hour == 14


def test_a_time_without_a_zone_is_refused():
    """A naive datetime could be anybody's local time: the column will not guess."""
    col = TZDateTime()
    with pytest.raises(ValueError, match="naive"):
        col.process_bind_param(datetime(2026, 11, 23, 22, 0), None)
    assert col.process_bind_param(None, None) is None and col.process_result_value(None, None) is None


def test_two_seats_never_overwrite_each_other(store, officer):
    """A record changed by another seat since it was read is not overwritten: the stale write is refused with
    the Chinese 请刷新后重试 and nothing of the transaction is kept."""
    with store.transaction() as s:
        s.add(Organisation(code="ORG1", name="开发区管委会", kind="government"))
    with pytest.raises(ConflictError, match="已被其他席位修改") as err:
        with store.transaction() as s:
            org = s.scalar(select(Organisation).where(Organisation.code == "ORG1"))
            assert org.version == 1
            s.execute(update(Organisation).where(Organisation.id == org.id)
                      .values(version=Organisation.version + 1, duty_phone="另一席位改的"),
                      execution_options={"synchronize_session": False})
            org.duty_phone = "本席位改的"
            s.flush()
    assert isinstance(err.value.__cause__, StaleDataError)
    with store.read() as s:
        org = s.scalar(select(Organisation).where(Organisation.code == "ORG1"))
        assert org.duty_phone == "" and org.version == 1  # the whole transaction was rolled back


def test_each_save_raises_the_version(store, officer):
    """Version 1 when made, 2 after one change: what the screens send back as expected_version."""
    with store.transaction() as s:
        org = Organisation(code="ORG2", name="海州区应急局", kind="government")
        s.add(org)
        s.flush()
        assert org.version == 1
        org.duty_phone = "0518-1"
        s.flush()
        assert org.version == 2


def test_every_table_is_labelled_and_constraints_are_named():
    """Every table has a Chinese label for the audit log, constraints follow the naming scheme the
    migrations rely on, and versioned tables carry a version column."""
    unlabeled = [m.class_.__tablename__ for m in Base.registry.mappers if not m.class_.__label__]
    assert unlabeled == []
    assert Base.metadata.naming_convention == NAMING
    for table in Base.metadata.sorted_tables:
        if table.primary_key.name:
            assert table.primary_key.name == f"pk_{table.name}"
    versioned = [m.class_ for m in Base.registry.mappers if issubclass(m.class_, Versioned)]
    assert Organisation in versioned and all("version" in c.__table__.c for c in versioned)
