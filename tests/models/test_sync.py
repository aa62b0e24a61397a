"""What the post and its vehicles exchange, as stored: identities, the change log, peers and conflicts."""

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from commanddesk.models import AuditEntry, Organisation, SyncChange, SyncConflict, SyncPeer, SyncState


def test_each_synced_record_gets_an_identity_no_other_site_can_give(store, officer):
    """A new record gets a 32-character UUID; the post's own records are marked with the site ""."""
    with store.transaction() as s:
        a = Organisation(code="A", name="甲单位", kind="government")
        b = Organisation(code="B", name="乙单位", kind="government")
        s.add_all([a, b])
        s.flush()
        assert a.sync_uid != b.sync_uid and len(a.sync_uid) == 32 and a.sync_site == ""


def test_two_records_cannot_share_an_identity(store, officer):
    """The identity is unique: a copied uid is refused, so a merge can never confuse two records."""
    with store.transaction() as s:
        s.add(Organisation(code="A", name="甲单位", kind="government", sync_uid="u" * 32))
    with pytest.raises(IntegrityError):
        with store.transaction() as s:
            s.add(Organisation(code="B", name="乙单位", kind="government", sync_uid="u" * 32))


def test_a_vehicles_records_carry_its_site(store, officer):
    """On a vehicle store (车1) new records say where they were made."""
    with store.transaction() as s:
        s.add(SyncState(site="车1", role="vehicle", post_id="p" * 32))
    with store.transaction() as s:
        org = Organisation(code="V", name="车上登记的单位", kind="enterprise")
        s.add(org)
        s.flush()
        assert org.sync_site == "车1"


def test_the_change_log_keeps_each_change_in_order_with_what_was_before(store, officer):
    """Insert, update (with the old value) and delete, oldest first, each with who and when; not audited twice."""
    with store.transaction() as s:
        s.add(Organisation(code="A", name="甲单位", kind="government", duty_phone="1"))
    with store.transaction() as s:
        s.scalar(select(Organisation)).duty_phone = "2"
    with store.transaction() as s:
        s.delete(s.scalar(select(Organisation)))
    with store.read() as s:
        rows = s.scalars(select(SyncChange).where(SyncChange.entity == "organisation").order_by(SyncChange.id)).all()
        audited = s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "sync_change"))
    assert [r.op for r in rows] == ["insert", "update", "delete"] and len({r.uid for r in rows}) == 1
    assert rows[1].before == {"duty_phone": "1"}
    assert all(r.actor_name == "值班员甲" and r.at == store.clock.now() and r.origin == "" for r in rows)
    assert audited == 0


def test_peers_and_conflicts_keep_their_json_as_written(store, officer):
    """A peer's package log and a conflict's two sides come back as the same dicts, Chinese included."""
    with store.transaction() as s:
        s.add(SyncPeer(site="车1", sent_log={"0": 0, "1": 57}))
        s.add(SyncConflict(peer="车1", package="f" * 64, kind="field", entity="incident", uid="u" * 32,
                           field="title", here={"value": "罐区泄漏", "who": "李晓明", "at": "22:05"},
                           there={"value": "罐区泄漏爆炸", "who": "车1 王强", "at": "22:07"}))
    with store.read() as s:
        peer = s.get(SyncPeer, "车1")
        conflict = s.scalar(select(SyncConflict))
    assert peer.sent_log == {"0": 0, "1": 57} and peer.sent_seq == 0 and peer.received_hash == ""
    assert conflict.there["value"] == "罐区泄漏爆炸" and conflict.here["who"] == "李晓明"
    assert conflict.status == "open" and conflict.resolved_at is None
