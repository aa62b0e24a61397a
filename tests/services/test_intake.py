"""Intake, grading and reporting clocks through the services (no Qt)."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from commanddesk.clock import BEIJING, format_beijing
from commanddesk.errors import ValidationError
from commanddesk.models import CallRecord, ClockInstance, Grading, Incident, TimelineEvent
from commanddesk.services import clocks, deadlines, reports
from commanddesk.services import incidents as svc

EXPLOSION = dict(category="accident", type="accident.explosion", place_text="连云港海晟化工有限公司",
                 caller_unit="连云港海晟化工有限公司", caller_name="王强", caller_phone="13912345678",
                 cause="反应釜超压", course="22:10 车间发生爆炸并起火", measures="企业已启动应急预案，疏散员工")


def _call(store, incident_id=None, **kw):
    data = {**EXPLOSION, **kw}
    with store.transaction() as s:
        return svc.record_call(s, svc.CallInput(**data), incident_id)


def _clocks(store, incident_id):
    with store.read() as s:
        return {(c.rule_id, c.slot): c for c in s.scalars(
            select(ClockInstance).where(ClockInstance.incident_id == incident_id))}


def test_call_creates_incident_grade_and_clocks(store, officer, clock):
    """3 dead, 12 seriously injured: 较大, with the reason, leader clock at +10 min."""
    result = _call(store, counts={"deaths": 3, "serious_injuries": 12},
                   occurred_at=clock.now() - timedelta(minutes=30))
    assert result.created and result.grade == 3
    assert "较大" in result.suggestion.reasons[0].text
    with store.read() as s:
        inc = s.get(Incident, result.incident_id)
        assert inc.title == "连云港海晟化工有限公司爆炸事故" and inc.received_at == clock.now()
        assert s.scalar(select(Grading.table_id).where(Grading.incident_id == inc.id))
        kinds = [e.kind for e in s.scalars(select(TimelineEvent).where(TimelineEvent.incident_id == inc.id))]
        assert kinds[:2] == ["call", "grade"]
    cl = _clocks(store, result.incident_id)
    assert cl[("C-LEADER-10", "")].due_at == clock.now() + timedelta(minutes=10)
    assert ("C-CITY-20", "") not in cl  # 较大: the 20-minute city rule does not apply
    unit = cl[("C-UNIT-1H", "")]
    assert unit.state == clocks.MET  # the unit's own call arrived 30 minutes after the event


def test_major_incident_city_clock_runs_out_and_report_is_late(store, officer, clock):
    """A 重大 incident: due 20 min after receipt, amber at 15, overdue after 20, phone logged late."""
    result = _call(store, counts={"deaths": 10})
    assert result.grade == 2
    city = _clocks(store, result.incident_id)[("C-CITY-20", "")]
    assert city.due_at == clock.now() + timedelta(minutes=20)
    assert clocks.state_of(city, clock.now()) == "pending"
    assert clocks.state_of(city, clock.now() + timedelta(minutes=15)) == "due_soon"
    clock.advance(minutes=21)
    assert clocks.state_of(city, clock.now()) == "overdue"
    with store.read() as s:
        assert city.id in [v.id for v in deadlines.running(s)]
    with store.transaction() as s:
        rep = reports.log_phone(s, result.incident_id, "连云港市人民政府总值班室", "city", "张明", "0518-85800000")
        assert rep.late_minutes == 1
    city = _clocks(store, result.incident_id)[("C-CITY-20", "")]
    assert city.state == clocks.MET_LATE and city.late_minutes == 1


def test_phone_in_time_meets_the_city_clock(store, officer, clock):
    """A phone report at +14 min meets C-CITY-20; the written clock still runs."""
    result = _call(store, counts={"deaths": 12})
    clock.advance(minutes=14)
    with store.transaction() as s:
        reports.log_phone(s, result.incident_id, "市政府总值班室", "city")
    cl = _clocks(store, result.incident_id)
    assert cl[("C-CITY-20", "")].state == clocks.MET
    assert cl[("C-WRITTEN-40", "")].state == clocks.OPEN


def test_upgrade_anchors_new_clock_on_the_call_that_met_the_level(store, officer, clock):
    """3 dead at 22:00 (较大); 12 dead reported at 22:30: the city clock runs from 22:30."""
    first = _call(store, counts={"deaths": 3})
    clock.advance(minutes=30)
    second = _call(store, first.incident_id, counts={"deaths": 12})
    assert second.grade == 2 and not second.created
    assert "死亡：3 → 12" in second.changes
    city = _clocks(store, first.incident_id)[("C-CITY-20", "")]
    assert city.anchor_at == clock.now() and city.due_at == clock.now() + timedelta(minutes=20)
    with store.read() as s:
        assert s.query(CallRecord).filter_by(incident_id=first.incident_id).count() == 2


def test_downgrade_supersedes_without_deleting(store, officer, clock):
    """Re-grading 重大 → 较大 supersedes the pending city clock; it stays on record."""
    result = _call(store, counts={"deaths": 10})
    with store.transaction() as s:
        svc.set_grade(s, result.incident_id, 3, "经核实 3 人死亡、7 人为失联后已找到")
    city = _clocks(store, result.incident_id)[("C-CITY-20", "")]
    assert city.state == clocks.SUPERSEDED and "不再适用" in city.note


def test_override_needs_a_reason(store, officer):
    """Choosing another level than the table suggests requires a reason."""
    with pytest.raises(ValidationError, match="调整理由"):
        _call(store, counts={"deaths": 1}, grade=2)
    result = _call(store, counts={"deaths": 1}, grade=2, grade_reason="涉及危化品泄漏，社会影响大")
    assert result.grade == 2
    with store.read() as s:
        g = s.scalars(select(Grading).where(Grading.incident_id == result.incident_id)).one()
        assert (g.suggested, g.chosen, g.override_reason) == (4, 2, "涉及危化品泄漏，社会影响大")


@pytest.mark.parametrize("change, field, words", [
    ({"counts": {"deaths": -1}}, "deaths", "不能为负数"),
    ({"counts": {"deaths": "三四"}}, "deaths", "须为整数"),
    ({"counts": {"injured_unknown": "若干"}}, "injured_unknown", "须为整数"),
    ({"place_text": "  "}, "place_text", "事发地点"),
    ({"type": "natural.flood"}, "type", "与类别不符"),
    ({"category": ""}, "category", "事件类别"),
])
def test_bad_calls_refused_and_nothing_saved(store, officer, change, field, words):
    """Malformed calls are refused in Chinese, naming the field; nothing is stored."""
    with pytest.raises(ValidationError) as err:
        _call(store, **change)
    assert err.value.field == field and words in err.value.message
    with store.read() as s:
        assert s.query(Incident).count() == 0


def test_event_after_receipt_refused(store, officer, clock):
    """The time of event cannot be later than the time of receipt."""
    with pytest.raises(ValidationError, match="不能晚于接报时间"):
        _call(store, occurred_at=clock.now() + timedelta(minutes=5))


def test_receipt_time_edit_needs_reason_and_is_recorded(store, officer, clock):
    """Back-dating the receipt needs a reason, which lands on the timeline."""
    earlier = clock.now() - timedelta(minutes=7)
    with pytest.raises(ValidationError, match="请填写修改原因") as err:
        _call(store, received_at=earlier)
    assert err.value.field == "receipt_edit_reason"
    result = _call(store, received_at=earlier, receipt_edit_reason="电话接听时系统未开机，按值班记录本补录")
    with store.read() as s:
        inc = s.get(Incident, result.incident_id)
        assert inc.received_at == earlier
        assert any("补录" in e.summary for e in inc.events)


def _receipt_events(store, incident_id):
    with store.read() as s:
        return [e.summary for e in s.scalars(select(TimelineEvent).where(
            TimelineEvent.incident_id == incident_id, TimelineEvent.kind == "receipt_edit"))]


@pytest.mark.parametrize("minutes", [3, 10, 30])
def test_a_long_call_keeps_its_stamp_and_needs_no_reason(store, officer, clock, minutes):
    """Opened at 22:00, saved minutes later: received 22:00, no reason asked, no edit recorded."""
    stamp = clock.now()
    clock.advance(minutes=minutes, seconds=17)
    result = _call(store, stamped_at=stamp, received_at=stamp)
    with store.read() as s:
        call = s.get(CallRecord, result.call_id)
        assert (call.received_at, call.stamped_at, call.receipt_edit_reason) == (stamp, stamp, "")
        assert s.get(Incident, result.incident_id).received_at == stamp
    assert _receipt_events(store, result.incident_id) == []


def test_hand_edit_is_measured_against_the_stamp_not_the_save_time(store, officer, clock):
    """Opened 22:00, the officer types 21:52 and saves at 22:05: reason needed, stored and audited."""
    from commanddesk.models import AuditEntry

    stamp = clock.now()
    typed = stamp - timedelta(minutes=8)
    clock.advance(minutes=5)
    with pytest.raises(ValidationError, match="手工改为") as err:
        _call(store, stamped_at=stamp, received_at=typed)
    assert err.value.field == "receipt_edit_reason"
    with store.read() as s:
        assert s.query(Incident).count() == 0
    reason = "来电时正在处置另一起警情，按通话记录补录"
    result = _call(store, stamped_at=stamp, received_at=typed, receipt_edit_reason=reason)
    with store.read() as s:
        call = s.get(CallRecord, result.call_id)
        assert (call.received_at, call.stamped_at, call.receipt_edit_reason) == (typed, stamp, reason)
        audited = s.scalars(select(AuditEntry).where(AuditEntry.entity == "call_record")).all()
        assert any(reason in a.after for a in audited)
    events = _receipt_events(store, result.incident_id)
    assert len(events) == 1 and "22:00:00（系统记录）手工改为 2026-11-23 21:52:00" in events[0] and reason in events[0]


def test_a_reason_without_an_edit_records_no_edit(store, officer, clock):
    """A reason typed while the receipt time was left alone is not stored as a hand edit."""
    stamp = clock.now()
    clock.advance(minutes=4)
    result = _call(store, stamped_at=stamp, received_at=stamp, receipt_edit_reason="误填")
    with store.read() as s:
        assert s.get(CallRecord, result.call_id).receipt_edit_reason == ""
    assert _receipt_events(store, result.incident_id) == []


def test_receipt_edited_into_the_future_is_refused(store, officer, clock):
    stamp = clock.now()
    with pytest.raises(ValidationError, match="不能晚于当前时间") as err:
        _call(store, stamped_at=stamp, received_at=stamp + timedelta(minutes=10), receipt_edit_reason="笔误")
    assert err.value.field == "received_at"


def test_drill_call_at_ten_times_saved_a_real_minute_later(tmp_path, clock):
    """A drill at 10×: one real minute is ten drill minutes; the call keeps its stamp, no reason."""
    from commanddesk.clock import FixedClock
    from commanddesk.drills.clock import DrillClock
    from commanddesk.services import accounts
    from commanddesk.store import open_store
    from tests.conftest import FAST_N

    real = FixedClock(clock.now())
    drill = DrillClock(datetime(2026, 7, 18, 3, 0, tzinfo=BEIJING), real=real, speed=10)
    drill.start()
    s_ = open_store(tmp_path / "drill.sqlite", drill)
    s_.drill = True
    with s_.transaction() as s:
        accounts.create_operator(s, "学员", "duty_officer", "123456", check=False, n=FAST_N)
    with s_.transaction() as s:
        s_.actor = accounts.sign_in(s, "学员", "123456")
    stamp = drill.now()
    real.advance(seconds=60)
    assert drill.now() - stamp == timedelta(minutes=10)
    result = _call(s_, stamped_at=stamp, received_at=stamp)
    with s_.read() as s:
        inc = s.get(Incident, result.incident_id)
        assert inc.received_at == stamp and inc.is_drill
    s_.close()


def test_counts_in_chinese_numerals_are_read(store, officer):
    """三 dead and 十二 seriously injured grade as 3 and 12 would."""
    result = _call(store, counts={"deaths": "三", "serious_injuries": "十二", "trapped": "两"})
    with store.read() as s:
        counts = s.get(Incident, result.incident_id).counts
    assert (counts["deaths"], counts["serious_injuries"], counts["trapped"]) == (3, 12, 2)
    assert result.grade == 3


def test_injured_of_unknown_severity_are_counted_not_graded_as_serious(store, officer):
    """40 hurt, severity unknown: recorded, reported and labelled, but not graded as 40 重伤."""
    from commanddesk.models import AuditEntry
    from commanddesk.services.audit_sentences import describe

    unknown = _call(store, counts={"injured_unknown": 40})
    serious = _call(store, counts={"serious_injuries": 40})
    assert serious.grade == 3 and unknown.grade == 4
    with store.read() as s:
        inc = s.get(Incident, unknown.incident_id)
        assert inc.counts["injured_unknown"] == 40
        assert "受伤（伤情不明） 40 人" in reports.consequences_text(inc.counts, inc.predicted)
        entry = s.scalars(select(AuditEntry).where(AuditEntry.entity == "incident")).first()
        sentences = [describe(a).sentence for a in s.scalars(select(AuditEntry).where(
            AuditEntry.entity == "incident", AuditEntry.entity_id == str(inc.id)))]
    assert entry is not None and any("受伤（伤情不明）40" in t for t in sentences)


def test_duplicates_suggested(store, officer, clock):
    """A second call about the same plant is offered as a likely duplicate."""
    result = _call(store, counts={"deaths": 1})
    clock.advance(minutes=5)
    with store.read() as s:
        dups = svc.likely_duplicates(s, svc.CallInput(category="accident", type="accident.explosion",
                                                      place_text="海晟化工厂区"), clock.now())
    assert dups and dups[0].incident_id == result.incident_id and "地点相近" in dups[0].why
    assert dups[0].number == f"#{result.incident_id}"


def test_duplicates_and_follow_ups_name_a_vehicles_incident_by_its_number(store, officer, clock):
    """A vehicle's own incident is offered (and prefilled) as 车1-0007, not by its local id."""
    result = _call(store, counts={"deaths": 1})
    with store.transaction() as s:
        s.get(Incident, result.incident_id).sync_site, s.get(Incident, result.incident_id).site_number = "车1", 7
    clock.advance(minutes=5)
    with store.read() as s:
        dups = svc.likely_duplicates(s, svc.CallInput(category="accident", type="accident.explosion",
                                                      place_text="海晟化工厂区"), clock.now())
        assert [d.number for d in dups] == ["车1-0007"]
        assert svc.known_facts(s, result.incident_id).number == "车1-0007"


def test_clocks_survive_restart(store, officer, clock):
    """Deadlines are stored: after a restart past the deadline the clock is overdue."""
    result = _call(store, counts={"deaths": 10})
    path = store.location
    store.close()
    from commanddesk.store import open_store

    clock.advance(hours=1)
    again = open_store(path, clock)
    with again.read() as s:
        views = deadlines.running(s)
        items = clocks.strip(views, clock.now())
    again.close()
    assert any(i.view.incident_id == result.incident_id and i.state == "overdue" for i in items)


def test_across_midnight(store, officer, clock):
    """Received 23:50 Beijing: the city clock is due 00:10 the next day."""
    clock.set(datetime(2026, 11, 23, 23, 50, tzinfo=BEIJING))
    result = _call(store, counts={"deaths": 10})
    city = _clocks(store, result.incident_id)[("C-CITY-20", "")]
    assert format_beijing(city.due_at) == "2026-11-24 00:10:00"


def test_report_chain(store, officer, clock):
    """初报 is drafted with elements; gaps block sending; 续报一 lists what changed."""
    result = _call(store, counts={"deaths": 3, "serious_injuries": 12}, commander="张国庆 13800000000")
    with store.transaction() as s:
        initial = reports.draft(s, result.incident_id, "initial")
        values = {e["key"]: e for e in initial.elements}
        assert "死亡 3 人" in values["consequences"]["text"] and "重伤 12 人" in values["consequences"]["text"]
        assert values["place"]["text"] == "连云港海晟化工有限公司"
        assert set(reports.missing(initial)) == {"事故发生单位概况", "影响范围", "拟采取措施", "请求事项", "发展趋势"}
        rid = initial.id
    with pytest.raises(ValidationError, match="影响范围"):
        with store.transaction() as s:
            reports.send(s, rid, "fax", "市政府总值班室")
    with store.transaction() as s:
        reports.update_draft(s, rid, [{"key": "extent", "text": "厂区及周边 500 米"},
                                      {"key": "planned", "text": "继续搜救"},
                                      {"key": "requests", "text": "", "status": "unknown"},
                                      {"key": "trend", "text": "火势已控制"},
                                      {"key": "unit_profile", "text": "连云港海晟化工有限公司，精细化工企业"}])
        reports.approve(s, rid, "领导乙", "123456")
        sent = reports.send(s, rid, "fax", "市人民政府总值班室")
        assert sent.doc_number and sent.content_hash and sent.late_minutes is None
    clock.advance(minutes=50)
    _call(store, result.incident_id, counts={"deaths": 5, "serious_injuries": 12})
    with store.transaction() as s:
        follow = reports.draft(s, result.incident_id, "followup")
        assert reports.kind_label(follow) == "续报一"
        assert "死亡：3 → 5" in follow.changes


def test_post_chooses_its_own_grading_table(store, officer):
    """A county post on its local relief table gets a response level where the national one gives none.

    A flood has no national event scale, so the grade stays 未定级 either way; the
    relief tables suggest response levels, kept apart from the grade.
    """
    from commanddesk.services import settings

    call = dict(category="natural", type="natural.flood", place_text="板桥街道", counts={"relocated": 1500})
    national = _call(store, **call)
    with store.transaction() as s:
        settings.put(s, "grading_table_natural_disaster", "demo_county_relief", check=False)
    local = _call(store, **call)
    assert national.grade is None and local.grade is None and local.suggestion is None
    assert national.response.level is None and local.response.level == 2
    assert local.response.table_id == "demo_county_relief"
    with store.read() as s:
        assert s.get(Incident, local.incident_id).response_level == 2
        assert s.get(Incident, national.incident_id).response_level is None
