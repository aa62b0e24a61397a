"""Warnings as stored: one row per warning however many messages change it, its messages and forwards in order."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from commanddesk.errors import ConflictError
from commanddesk.models import HazardWarning, WarningForward, WarningMessage


def _warning(store, officer, **over) -> int:
    now = store.clock.now()
    values = dict(type="暴雨", colour="orange", issuer="连云港市气象台", areas=["320703", "320771"],
                  area_desc="连云区、开发区", polygon=[[34.6, 119.2], [34.7, 119.3], [34.6, 119.4], [34.6, 119.2]],
                  issued_at=now, expires_at=now + timedelta(hours=12), received_at=now, headline="暴雨橙色预警",
                  recorded_by=officer.operator_id)
    values.update(over)
    with store.transaction() as s:
        w = HazardWarning(**values)
        s.add(w)
        s.flush()
        return w.id


def test_a_new_warning_is_active_in_its_first_round(store, officer):
    """Defaults: active, revision 1, entered by hand, not a drill; areas and polygon come back as written."""
    wid = _warning(store, officer)
    with store.read() as s:
        w = s.get(HazardWarning, wid)
    assert (w.state, w.revision, w.source, w.is_drill, w.version) == ("active", 1, "manual", False, 1)
    assert w.areas == ["320703", "320771"] and w.polygon[0] == w.polygon[-1]


def test_an_update_changes_the_same_row_and_lists_its_messages_in_order(store, officer):
    """Alert then Update: still one warning, two messages in arrival order, the version raised."""
    wid = _warning(store, officer)
    now = store.clock.now()
    with store.transaction() as s:
        s.add(WarningMessage(warning_id=wid, msg_type="Alert", identifier="CAP-1", received_at=now))
        w = s.get(HazardWarning, wid)
        w.colour, w.state, w.revision = "red", "updated", 2
        s.add(WarningMessage(warning_id=wid, msg_type="Update", identifier="CAP-2", references="CAP-1",
                             received_at=now + timedelta(minutes=40)))
    with store.read() as s:
        w = s.get(HazardWarning, wid)
        assert [m.msg_type for m in w.messages] == ["Alert", "Update"] and w.colour == "red" and w.version == 2
        assert s.scalar(select(func.count()).select_from(HazardWarning)) == 1


def test_forwards_are_kept_per_round_with_who_did_it(store, officer):
    """Each forward records its round, recipient, channel and the officer; listed in the order they were made."""
    wid = _warning(store, officer)
    now = store.clock.now()
    with store.transaction() as s:
        for round_, who in ((1, "开发区管委会"), (1, "连云区应急局"), (2, "开发区管委会")):
            s.add(WarningForward(warning_id=wid, round=round_, recipient=who, channel="phone", forwarded_at=now,
                                 recorded_at=now, actor_id=officer.operator_id, actor_name=officer.name))
    with store.read() as s:
        forwards = s.get(HazardWarning, wid).forwards
    assert [(f.round, f.recipient) for f in forwards] == [(1, "开发区管委会"), (1, "连云区应急局"), (2, "开发区管委会")]
    assert all(f.actor_name == "值班员甲" for f in forwards)


def test_two_seats_changing_one_warning_do_not_overwrite_each_other(store, officer):
    """The register is versioned: a change made on a stale copy is refused."""
    from sqlalchemy import update

    wid = _warning(store, officer)
    with pytest.raises(ConflictError):
        with store.transaction() as s:
            w = s.get(HazardWarning, wid)
            s.execute(update(HazardWarning).where(HazardWarning.id == wid).values(version=2),
                      execution_options={"synchronize_session": False})
            w.state = "lifted"
            s.flush()
