"""The handover after a scripted night shift: what it lists, both PIN signatures, fixed once signed."""

from datetime import date, datetime, timedelta

import pytest

from commanddesk.clock import BEIJING
from commanddesk.errors import PermissionDenied, UserError, ValidationError
from sqlalchemy import select

from commanddesk.models import AuditEntry, Setting
from commanddesk.services import handover, incidents, instructions, plans, reports, roster
from tests.conftest import sign_in


def _night(store, clock):
    """22:00: a hazmat accident, its initial report drafted not sent, a plan started, a leader's instruction."""
    with store.transaction() as s:
        roster.set_shift(s, date(2026, 11, 23), 1, leader="领导乙", officer="值班员甲")
        roster.set_shift(s, date(2026, 11, 24), 0, leader="领导乙", officer="管理员丁")
        s.add(Setting(key=plans.DEMO_SETTING, value="1"))
        inc = incidents.record_call(s, incidents.CallInput(category="accident", type="accident.hazmat",
                                                           place_text="徐圩新区某罐区", counts={"deaths": 11})).incident_id
        reports.draft(s, inc, "initial")
        match = next(m for m in plans.matches(s, inc) if m.plan.id == "special.hazmat")
        plans.activate(s, inc, match.plan.id, match.plan.edition, match.level or 3, "周建华", "依据预案")
        instructions.record(s, "周建华", "全力搜救，防止次生事故", incident_id=inc, assignee="值班员甲",
                            due_at=clock.now() + timedelta(hours=2))
    return inc


def test_handover_after_the_night_lists_what_is_open(store, officer, clock):
    inc = _night(store, clock)
    clock.set(datetime(2026, 11, 24, 8, 20, tzinfo=BEIJING))  # through midnight to the shift change
    with store.read() as s:
        c = handover.assemble(s)
    assert c["shift"]["day"] == "2026-11-23" and c["shift"]["label"] == "夜班"
    assert c["next_shift"]["officer"] == "管理员丁" and c["next_shift"]["times"] == "08:30–17:30"
    assert [(i["id"], i["number"]) for i in c["incidents"]] == [(inc, f"#{inc}")]  # the number people see
    leader_clock = next(k for k in c["clocks"] if k["name"] == "报告带班领导")
    assert leader_clock["overdue"] and leader_clock["state"] == "已超时"  # due 22:10, not met all night
    assert [d["report"] for d in c["drafts"]] == ["初报"]
    assert c["tasks"] and c["tasks"][0]["incident_id"] == inc
    assert c["instructions"][0]["overdue"] and "搜救" in c["instructions"][0]["text"]


def test_both_sign_with_their_pins_then_it_is_fixed(store, officer, clock):
    _night(store, clock)
    clock.set(datetime(2026, 11, 24, 8, 25, tzinfo=BEIJING))
    with store.transaction() as s:
        row = handover.draft(s, "罐区现场仍有明火，消防力量在场")
        hid = row.id
        with pytest.raises(ValidationError):  # checks not all done
            handover.sign_outgoing(s, hid, "123456")
        items = handover.checklist_items(s)
        assert "卫星电话（电量、话费、通话测试）" in items and "应急通信车（油量、设备、车况）" in items
        checks = [{"item": i, "ok": True, "note": ""} for i in items]
        checks[1] = {"item": items[1], "ok": False, "note": ""}
        with pytest.raises(ValidationError):  # a failed check needs its note
            handover.update(s, hid, checks)
        checks[1]["note"] = "2 台电量不足，已充电"
        handover.update(s, hid, checks)
        with pytest.raises(UserError):  # incoming cannot sign first
            handover.sign_incoming(s, hid, "管理员丁", "123456")
    with pytest.raises(PermissionDenied), store.transaction() as s:  # a wrong PIN: refused, and audited
        handover.sign_outgoing(s, hid, "999999")
    with store.transaction() as s:
        handover.sign_outgoing(s, hid, "123456")
    with pytest.raises(PermissionDenied), store.transaction() as s:
        handover.sign_incoming(s, hid, "管理员丁", "000000")
    with store.transaction() as s:
        handover.sign_incoming(s, hid, "管理员丁", "123456")
    with store.transaction() as s:
        with pytest.raises(UserError):
            handover.update(s, hid, notes="改写")
        fix = handover.correct(s, hid, "明火已于 08:10 扑灭")
        assert fix.corrects_id == hid
    with store.read() as s:
        done = handover.latest_signed(s)
        assert done.id == hid and done.incoming == "管理员丁" and done.notes.startswith("罐区")
        page = handover.html(done, "连云港市应急管理局")
        assert "交接班记录" in page and "2 台电量不足" in page and "初报" in page
        failed = s.scalars(select(AuditEntry).where(AuditEntry.action == "sign_in_failed")).all()
        assert [e.entity_id for e in failed] == ["值班员甲", "管理员丁"]


def test_handing_over_just_after_the_change_is_still_the_ending_shift(store, officer, clock):
    with store.transaction() as s:
        roster.set_shift(s, date(2026, 11, 23), 1, leader="领导乙", officer="值班员甲")
        roster.set_shift(s, date(2026, 11, 24), 0, leader="领导乙", officer="管理员丁")
    clock.set(datetime(2026, 11, 24, 8, 40, tzinfo=BEIJING))  # ten minutes after the change
    with store.read() as s:
        c = handover.assemble(s)
    assert (c["shift"]["label"], c["next_shift"]["officer"]) == ("夜班", "管理员丁")
    clock.set(datetime(2026, 11, 24, 10, 0, tzinfo=BEIJING))
    with store.read() as s:
        assert handover.assemble(s)["shift"]["label"] == "白班"
