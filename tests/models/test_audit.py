"""The audit log's rows: one per change, chained by hash, never themselves audited; the seal names the key."""

from sqlalchemy import func, select

from commanddesk.models import AuditEntry, Organisation
from commanddesk.models.audit import AuditSeal


def _entries(s, entity: str):
    return s.scalars(select(AuditEntry).where(AuditEntry.entity == entity).order_by(AuditEntry.id)).all()


def test_a_change_is_one_entry_with_who_before_and_after(store, officer):
    """Creating and editing a record leaves an insert and an update naming the officer, with the values."""
    with store.transaction() as s:
        org = Organisation(code="ORG1", name="开发区管委会", kind="government")
        s.add(org)
    with store.transaction() as s:
        s.scalar(select(Organisation)).duty_phone = "0518-85800000"
    with store.read() as s:
        rows = _entries(s, "organisation")
    assert [r.action for r in rows] == ["insert", "update"]
    assert all(r.actor_name == "值班员甲" and r.actor_id == officer.operator_id for r in rows)
    assert "开发区管委会" in rows[0].after and rows[0].before == ""
    assert "0518-85800000" in rows[1].after and "0518-85800000" not in rows[1].before


def test_the_entries_form_one_chain(store, officer):
    """Each entry's prev_hash is the hash of the one before it: removing or changing one breaks the chain."""
    with store.transaction() as s:
        for i in range(3):
            s.add(Organisation(code=f"ORG{i}", name=f"单位{i}", kind="government"))
    with store.read() as s:
        rows = s.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert len(rows) >= 3
    assert all(b.prev_hash == a.hash for a, b in zip(rows, rows[1:]))
    assert len({r.hash for r in rows}) == len(rows) and all(len(r.hash) == 64 for r in rows)


def test_writing_to_the_log_is_not_itself_logged(store, officer):
    """The log is not audited (that would never end); one change adds exactly its own entries."""
    assert AuditEntry.__audited__ is False and AuditSeal.__audited__ is False
    with store.read() as s:
        before = s.scalar(select(func.count()).select_from(AuditEntry))
    with store.transaction() as s:
        s.add(Organisation(code="ORG9", name="单位9", kind="government"))
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == before + 1
        assert not _entries(s, "audit_log")


def test_the_store_carries_the_name_of_its_signing_key(store):
    """A store has one seal: the id of the key file that signs its chain (32 characters)."""
    with store.read() as s:
        seals = s.scalars(select(AuditSeal)).all()
    assert len(seals) == 1 and len(seals[0].store_id) == 32
