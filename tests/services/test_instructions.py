"""Leaders' instructions: recorded, tracked to done, overdue feedback read from the clock."""

from datetime import timedelta

import pytest

from commanddesk.errors import UserError, ValidationError
from commanddesk.services import incidents, instructions


def test_instruction_overdue_by_the_clock_then_done(store, officer, clock):
    with store.transaction() as s:
        inc = incidents.record_call(s, incidents.CallInput(category="accident", type="accident.hazmat",
                                                           place_text="某罐区", counts={"deaths": 1})).incident_id
        row = instructions.record(s, "周建华", "立即核实伤亡并续报", incident_id=inc, assignee="值班员甲",
                                  due_at=clock.now() + timedelta(minutes=30))
        assert row.recorded_by == "值班员甲"
    with store.read() as s:
        (v,) = instructions.open_(s)
        assert v.incident_title and not instructions.overdue(s)
    clock.advance(minutes=31)
    with store.read() as s:
        assert [v.id for v in instructions.overdue(s)] == [row.id]
    with store.transaction() as s:
        instructions.complete(s, row.id, "已核实：1人死亡，已续报市政府总值班室")
        with pytest.raises(UserError):
            instructions.complete(s, row.id, "再次")
    with store.read() as s:
        assert instructions.open_(s) == [] and instructions.overdue(s) == []


def test_refusals(store, officer, clock):
    with store.transaction() as s:
        with pytest.raises(ValidationError):
            instructions.record(s, "", "内容")
        with pytest.raises(ValidationError):
            instructions.record(s, "周建华", "内容", given_at=clock.now() + timedelta(hours=1))
        with pytest.raises(ValidationError):
            instructions.record(s, "周建华", "内容", incident_id=999)


def test_feedback_due_runs_with_the_clocks(store, officer, clock):
    from commanddesk.services import clocks, deadlines

    with store.transaction() as s:
        row = instructions.record(s, "周建华", "报告转移人数", due_at=clock.now() + timedelta(minutes=20))
        instructions.record(s, "周建华", "无时限的批示")
    with store.read() as s:
        views = [v for v in deadlines.running(s) if v.id < 0]
        assert [(v.id, v.name) for v in views] == [(-row.id, "批示反馈（周建华）")]
        clock.advance(minutes=21)
        (item,) = clocks.strip(views, clock.now())
        assert item.state == "overdue"
        assert deadlines.running(s, drills=True) == []
    with store.transaction() as s:
        instructions.complete(s, row.id, "已报告")
    with store.read() as s:
        assert [v for v in deadlines.running(s) if v.id < 0] == []
