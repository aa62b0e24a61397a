"""Reporting clocks through the services: receipt-aware slots, stability, 补报, the art. 10 checklist."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from commanddesk.clock import BEIJING
from commanddesk.errors import UserError, ValidationError
from commanddesk.models import ClockInstance, Incident, TimelineEvent
from commanddesk.services import clocks, reports
from commanddesk.services import incidents as svc

ACCIDENT = dict(category="accident", type="accident.explosion", place_text="海晟化工有限公司",
                caller_name="王强", course="车间爆炸")
FLOOD = dict(category="natural", type="natural.flood", place_text="东海县石榴街道", caller_name="李明",
             course="河堤漫溢")


def bj(*parts):
    return datetime(*parts, tzinfo=BEIJING)


def _call(store, incident_id=None, **kw):
    with store.transaction() as s:
        return svc.record_call(s, svc.CallInput(**kw), incident_id)


def _clocks(store, incident_id):
    with store.read() as s:
        return {(c.rule_id, c.slot): c for c in s.scalars(
            select(ClockInstance).where(ClockInstance.incident_id == incident_id))}


def _send(store, incident_id, kind="initial"):
    with store.transaction() as s:
        report = reports.draft(s, incident_id, kind)
        reports.update_draft(s, report.id, [{"key": e["key"], "text": e["text"], "status": "unknown"}
                                            for e in report.elements if e["status"] == "missing"])
        reports.approve(s, report.id, "领导乙", "123456")
        reports.send(s, report.id, "fax", "市人民政府总值班室")


def test_accident_at_0755_has_no_0800_followup(store, officer, clock):
    """A 较大 accident received 07:55: no 续报 at 08:00; the first slot is 17:00, after the 初报."""
    clock.set(bj(2026, 11, 24, 7, 55))
    result = _call(store, **ACCIDENT, counts={"deaths": 3})
    assert result.grade == 3
    cl = _clocks(store, result.incident_id)
    assert ("C-XUBAO", "2026-11-24 08:00") not in cl and ("C-XUBAO", "2026-11-24 17:00") in cl
    clock.set(bj(2026, 11, 24, 8, 5))
    with store.transaction() as s:
        clocks.sync_all(s, clock.now())
    assert ("C-XUBAO", "2026-11-24 08:00") not in _clocks(store, result.incident_id)


def test_sending_the_initial_report_early_brings_the_first_slot_forward(store, officer, clock):
    """Received 06:10 (初报 due 08:10): sending the 初报 at 06:40 adds the 08:00 续报 at once."""
    clock.set(bj(2026, 11, 24, 6, 10))
    result = _call(store, **ACCIDENT, counts={"deaths": 3})
    assert ("C-XUBAO", "2026-11-24 08:00") not in _clocks(store, result.incident_id)
    clock.set(bj(2026, 11, 24, 6, 40))
    _send(store, result.incident_id)
    slot = _clocks(store, result.incident_id)[("C-XUBAO", "2026-11-24 08:00")]
    assert slot.state == clocks.OPEN and slot.due_at == bj(2026, 11, 24, 8, 0)


def test_two_followups_before_0800_serve_only_the_0800_slot(store, officer, clock):
    """A 续报 serves the next slot only when sent after the previous one."""
    clock.set(bj(2026, 11, 24, 5, 0))
    result = _call(store, **ACCIDENT, counts={"deaths": 3})
    clock.set(bj(2026, 11, 24, 5, 30))
    _send(store, result.incident_id)
    clock.set(bj(2026, 11, 24, 7, 0))
    _send(store, result.incident_id, "followup")
    clock.set(bj(2026, 11, 24, 7, 30))
    _send(store, result.incident_id, "followup")
    cl = _clocks(store, result.incident_id)
    assert cl[("C-XUBAO", "2026-11-24 08:00")].state == clocks.MET
    assert cl[("C-XUBAO", "2026-11-24 17:00")].state == clocks.OPEN


def test_disaster_at_0850_has_no_0900_zero_report_and_starts_unstable(store, officer, clock):
    """A flood received 08:50 starts unstable; its first 零报告 is 09:00 the next day."""
    clock.set(bj(2026, 11, 24, 8, 50))
    result = _call(store, **FLOOD)
    with store.read() as s:
        assert clocks.UNSTABLE in s.get(Incident, result.incident_id).flags
    cl = _clocks(store, result.incident_id)
    assert cl[("C-DIS-2H", "")].due_at == bj(2026, 11, 24, 10, 50)
    assert "事发时间不详" in cl[("C-DIS-2H", "")].note
    assert ("C-ZERO", "2026-11-24 09:00") not in cl
    clock.set(bj(2026, 11, 24, 9, 30))
    with store.transaction() as s:
        clocks.sync_all(s, clock.now())
    assert ("C-ZERO", "2026-11-25 09:00") in _clocks(store, result.incident_id)


def test_event_time_learned_later_retimes_the_disaster_report(store, officer, clock):
    """The 2-hour 初报 runs from receipt until the event time is known, then from the event."""
    clock.set(bj(2026, 11, 24, 10, 0))
    result = _call(store, **FLOOD)
    clock.set(bj(2026, 11, 24, 10, 20))
    _call(store, result.incident_id, **FLOOD, occurred_at=bj(2026, 11, 24, 9, 15))
    dis = _clocks(store, result.incident_id)[("C-DIS-2H", "")]
    assert (dis.anchor, dis.due_at) == ("event", bj(2026, 11, 24, 11, 15))
    with store.read() as s:
        texts = [e.summary for e in s.scalars(select(TimelineEvent).where(TimelineEvent.kind == "clock"))]
    assert any("重新起算" in t for t in texts)


def test_marking_stable_stops_zero_reports_and_starts_the_verification_window(store, officer, clock):
    """set_stable: future 零报告 slots no longer apply; the 核报 window runs from the stabilisation."""
    clock.set(bj(2026, 11, 24, 6, 0))
    result = _call(store, **FLOOD, occurred_at=bj(2026, 11, 24, 5, 0))
    assert ("C-ZERO", "2026-11-24 09:00") in _clocks(store, result.incident_id)
    clock.set(bj(2026, 11, 24, 8, 0))
    with store.transaction() as s:
        clocks.set_stable(s, result.incident_id, True)
    cl = _clocks(store, result.incident_id)
    assert cl[("C-ZERO", "2026-11-24 09:00")].state == clocks.SUPERSEDED
    assert cl[("C-HEBAO", "")].anchor_at == bj(2026, 11, 24, 8, 0)
    with store.read() as s:
        inc = s.get(Incident, result.incident_id)
        assert clocks.UNSTABLE not in inc.flags and clocks.stabilised_at(inc) == bj(2026, 11, 24, 8, 0)
    clock.set(bj(2026, 11, 24, 8, 30))
    with store.transaction() as s:  # it rains again
        clocks.set_stable(s, result.incident_id, False)
    cl = _clocks(store, result.incident_id)
    assert cl[("C-ZERO", "2026-11-24 09:00")].state == clocks.OPEN
    assert cl[("C-HEBAO", "")].state == clocks.SUPERSEDED


def test_set_stable_refuses_other_categories_and_future_times(store, officer, clock):
    """Only natural disasters have a stability; a stabilisation time cannot lie ahead."""
    accident = _call(store, **ACCIDENT).incident_id
    flood = _call(store, **FLOOD).incident_id
    with pytest.raises(UserError, match="自然灾害"), store.transaction() as s:
        clocks.set_stable(s, accident, True)
    with pytest.raises(ValidationError, match="晚于"), store.transaction() as s:
        clocks.set_stable(s, flood, True, clock.now() + timedelta(minutes=5))
    with store.read() as s:
        assert clocks.UNSTABLE in s.get(Incident, flood).flags


def test_grade_change_rederives_the_followup_slots(store, officer, clock):
    """A landslide regraded 一般 → 较大 gains the 续报 slots; back to 一般 the future ones lapse."""
    clock.set(bj(2026, 11, 24, 10, 0))
    result = _call(store, category="natural", type="natural.geohazard", place_text="云台山", course="山体滑坡",
                   grade=4, grade_reason="初判")
    assert not [k for k in _clocks(store, result.incident_id) if k[0] == "C-XUBAO"]
    with store.transaction() as s:
        svc.set_grade(s, result.incident_id, 3, "地质灾害分级：死亡 12 人")
    assert ("C-XUBAO", "2026-11-24 17:00") in _clocks(store, result.incident_id)
    with store.transaction() as s:
        svc.set_grade(s, result.incident_id, 4, "核实后下调")
    assert _clocks(store, result.incident_id)[("C-XUBAO", "2026-11-24 17:00")].state == clocks.SUPERSEDED


def test_supplementary_window_is_never_overdue_and_a_change_asks_for_a_report(store, officer, clock):
    """The 补报期 is open then closed; a casualty change after the 初报 gets a 2-hour 补报 deadline."""
    clock.set(bj(2026, 11, 24, 10, 0))
    result = _call(store, **ACCIDENT, counts={"deaths": 1}, occurred_at=bj(2026, 11, 24, 9, 30))
    window = _clocks(store, result.incident_id)[("C-BUBAO", "")]
    assert window.due_at == bj(2026, 12, 25)
    assert clocks.state_of(window, bj(2026, 12, 24, 23, 59)) == clocks.WINDOW_OPEN
    assert clocks.state_of(window, bj(2026, 12, 26)) == clocks.WINDOW_CLOSED
    clock.set(bj(2026, 11, 24, 11, 0))
    _send(store, result.incident_id)
    clock.set(bj(2026, 11, 30, 14, 0))
    _call(store, result.incident_id, **ACCIDENT, counts={"deaths": 1})  # same figures: nothing to report
    assert not [k for k in _clocks(store, result.incident_id) if k[0] == "C-BUBAO-CHANGE"]
    clock.set(bj(2026, 12, 1, 9, 0))
    _call(store, result.incident_id, **ACCIDENT, counts={"deaths": 2})  # across the month end
    change = _clocks(store, result.incident_id)[("C-BUBAO-CHANGE", "2026-12-01 09:00")]
    assert change.due_at == bj(2026, 12, 1, 11, 0) and clocks.state_of(change, bj(2026, 12, 1, 11, 1)) == "overdue"
    with store.read() as s:
        assert any(v.name == "伤亡变化补报" for v in clocks.incident_views(s))
        assert not any(v.name.startswith("伤亡变化补报期") for v in clocks.incident_views(s))
    clock.set(bj(2026, 12, 1, 10, 30))
    _send(store, result.incident_id, "supplementary")
    cl = _clocks(store, result.incident_id)
    assert cl[("C-BUBAO-CHANGE", "2026-12-01 09:00")].state == clocks.MET
    assert cl[("C-BUBAO", "")].state == clocks.OPEN  # the window itself is not "met" by a report


def test_step_up_checklist_closes_the_clock_when_both_reports_are_made(store, officer, clock):
    """Art. 10: the city report ticks the upper regulator; the own government is ticked by hand."""
    clock.set(bj(2026, 11, 24, 10, 0))
    result = _call(store, **ACCIDENT, counts={"deaths": 1})
    with store.read() as s:
        step = s.scalar(select(ClockInstance).where(ClockInstance.rule_id == "C-LEVEL-2H"))
        step_id = step.id
    clock.set(bj(2026, 11, 24, 10, 30))
    with store.transaction() as s:
        reports.log_phone(s, result.incident_id, "市应急管理局", "city")
    with store.read() as s:
        items = {e.id: e for e in clocks.checklist(s, step_id)}
        assert items["upper_regulator"].done_at == bj(2026, 11, 24, 10, 30)
        assert items["own_government"].done_at is None and s.get(ClockInstance, step_id).state == clocks.OPEN
    clock.set(bj(2026, 11, 24, 10, 50))
    with store.transaction() as s:
        clocks.tick(s, step_id, "police", note="县公安局指挥中心")
    with store.transaction() as s:
        entry = clocks.tick(s, step_id, "own_government", bj(2026, 11, 24, 10, 45), "县政府总值班室")
    assert entry.done_at == bj(2026, 11, 24, 10, 45) and entry.note == "县政府总值班室"
    with store.read() as s:
        inst = s.get(ClockInstance, step_id)
        assert inst.state == clocks.MET and inst.met_at == bj(2026, 11, 24, 10, 45)
        items = {e.id: e for e in clocks.checklist(s, step_id)}
        assert items["police"].done_at == bj(2026, 11, 24, 10, 50) and items["union"].done_at is None
    with pytest.raises(UserError, match="已登记"), store.transaction() as s:
        clocks.tick(s, step_id, "police")
    with pytest.raises(ValidationError, match="没有"), store.transaction() as s:
        clocks.tick(s, step_id, "mayor")


def test_own_government_ticked_late_makes_the_step_up_late(store, officer, clock):
    """If the own government hears after the 2 hours, the step-up report counts as late."""
    clock.set(bj(2026, 11, 24, 10, 0))
    result = _call(store, **ACCIDENT, counts={"deaths": 1})
    with store.read() as s:
        step_id = s.scalar(select(ClockInstance.id).where(ClockInstance.rule_id == "C-LEVEL-2H"))
    clock.set(bj(2026, 11, 24, 10, 20))
    with store.transaction() as s:
        reports.log_phone(s, result.incident_id, "市应急管理局", "city")
    clock.set(bj(2026, 11, 24, 12, 15))
    with store.transaction() as s:
        clocks.tick(s, step_id, "own_government")
    with store.read() as s:
        inst = s.get(ClockInstance, step_id)
        assert inst.state == clocks.MET_LATE and inst.late_minutes == 15


def test_relief_clock_for_relocated_people_and_its_confirmation(store, officer, clock):
    """Relocated people start the 10-hour relief target; confirming it meets the clock."""
    clock.set(bj(2026, 8, 10, 20, 0))
    result = _call(store, **FLOOD, occurred_at=bj(2026, 8, 10, 19, 30), counts={"relocated": 800})
    relief = _clocks(store, result.incident_id)[("C-RELIEF-10H", "")]
    assert relief.due_at == bj(2026, 8, 11, 5, 30) and relief.kind == "service"
    clock.set(bj(2026, 8, 11, 2, 0))
    with store.transaction() as s:
        clocks.confirm_relief(s, result.incident_id, note="安置点食宿到位")
    assert _clocks(store, result.incident_id)[("C-RELIEF-10H", "")].state == clocks.MET
    no_people = _call(store, **FLOOD)
    assert ("C-RELIEF-10H", "") not in _clocks(store, no_people.incident_id)


def test_rule_label_names_the_kind_of_source():
    """Wherever a rule's source is shown it starts with N / L / T / U."""
    assert clocks.rule_label("C-LEVEL-2H").startswith("N 国家规定：《生产安全事故报告和调查处理条例》")
    assert clocks.rule_label("C-CITY-20").startswith("T 规划目标")
    assert clocks.rule_label("C-WRITTEN-40").startswith("L 地方做法")
    assert clocks.rule_label("C-NOPE") == ""


def test_injured_of_unknown_severity_changing_asks_for_a_supplementary_report(store, officer, clock):
    """Two more 受伤（伤情不明） in a follow-up call is a casualty change like any other."""
    clock.set(bj(2026, 11, 24, 10, 0))
    result = _call(store, **ACCIDENT, counts={"deaths": 1, "injured_unknown": 1})
    clock.set(bj(2026, 11, 24, 11, 0))
    _send(store, result.incident_id)
    clock.set(bj(2026, 11, 24, 15, 0))
    _call(store, result.incident_id, **ACCIDENT, counts={"deaths": 1, "injured_unknown": 3})
    assert ("C-BUBAO-CHANGE", "2026-11-24 15:00") in _clocks(store, result.incident_id)


def _leader_clock(store, incident_id):
    return next(c for (rule, _slot), c in _clocks(store, incident_id).items() if rule == "C-LEADER-10")


def test_the_leader_clock_names_the_rostered_leader(store, officer, clock):
    """A call at 22:00 with 王某 rostered as 带班领导 of the night shift: the 10-minute clock reports to 王某."""
    from datetime import date

    from commanddesk.services import roster

    with store.transaction() as s:
        roster.set_shift(s, date(2026, 11, 23), 1, leader="王某", officer="李某")
    with_leader = _call(store, **ACCIDENT, counts={"deaths": 3}).incident_id
    assert _leader_clock(store, with_leader).recipient == "带班领导（王某）"
    with store.transaction() as s:
        roster.set_shift(s, date(2026, 11, 23), 1, leader="", officer="李某")
    without = _call(store, **FLOOD, counts={"deaths": 25}).incident_id
    assert _leader_clock(store, without).recipient == "带班领导"


def test_the_leader_clock_gives_the_phone_the_contacts_have(store, officer, clock):
    """王某 is in the 通讯录 once: his mobile follows his name; a name held by two contacts gets no number."""
    from datetime import date

    from commanddesk.models import Contact
    from commanddesk.services import roster

    with store.transaction() as s:
        s.add_all([Contact(name="王某", post="副局长", office_phone="0518-80000001", mobile="13900000001"),
                   Contact(name="张某", mobile="13900000002"), Contact(name="张某", office_phone="0518-80000003")])
        roster.set_shift(s, date(2026, 11, 23), 1, leader="王某", officer="李某")
    first = _call(store, **ACCIDENT, counts={"deaths": 3}).incident_id
    assert _leader_clock(store, first).recipient == "带班领导（王某 13900000001）"
    with store.transaction() as s:
        roster.set_shift(s, date(2026, 11, 23), 1, leader="张某", officer="李某")
    second = _call(store, **FLOOD, counts={"deaths": 25}).incident_id
    assert _leader_clock(store, second).recipient == "带班领导（张某）"


def test_an_incidents_clocks_and_the_lists_states(store, officer, clock):
    """of_incident lists every clock by deadline; states_by_incident gives each incident's states in one go."""
    first = _call(store, **ACCIDENT, counts={"deaths": 3}).incident_id
    second = _call(store, **FLOOD, counts={"deaths": 25}).incident_id
    with store.read() as s:
        mine = clocks.of_incident(s, first)
        assert mine and [c.due_at for c in mine] == sorted(c.due_at for c in mine)
        assert {c.incident_id for c in mine} == {first}
        states = clocks.states_by_incident(s, [first, second], clock.now())
    assert set(states) == {first, second} and "pending" in states[first] and "overdue" not in states[first]
    clock.advance(hours=30)
    with store.read() as s:
        assert "overdue" in clocks.states_by_incident(s, [first], clock.now())[first]


def test_the_strip_names_an_incident_by_the_number_people_see(store, officer):
    """#7 for the post's incident, 车1-0007 for one a vehicle made (not the local id of either)."""
    post = _call(store, category="accident", type="accident.explosion", place_text="海州区某厂",
                 counts={"deaths": 1}).incident_id
    vehicle = _call(store, category="accident", type="accident.explosion", place_text="徐圩新区",
                    counts={"deaths": 1}).incident_id
    with store.transaction() as s:
        inc = s.get(Incident, vehicle)
        inc.sync_site, inc.site_number = "车1", 7
    with store.read() as s:
        shown = {v.incident_id: v.incident_number for v in clocks.incident_views(s)}
    assert shown[post] == f"#{post}" and shown[vehicle] == "车1-0007"
