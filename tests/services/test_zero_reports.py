"""零报告 from below: the day's checklist, missing units at the deadline, chases, compulsory days on the strip."""

from datetime import timedelta

import pytest

from commanddesk.errors import PermissionDenied, UserError, ValidationError
from commanddesk.services import daily, deadlines, incidents, roster, zero_reports
from tests.conftest import sign_in

UNITS = "朝阳街道、中云街道、猴嘴街道\n区住建局"


def _units(store):
    sign_in(store, "管理员丁")
    with store.transaction() as s:
        zero_reports.set_units(s, UNITS)
    sign_in(store, "值班员甲")


def test_only_the_administrator_sets_the_list_and_it_is_checked(store, officer):
    with store.transaction() as s, pytest.raises(PermissionDenied):
        zero_reports.set_units(s, UNITS)
    sign_in(store, "管理员丁")
    with store.transaction() as s:
        with pytest.raises(ValidationError, match="重复"):
            zero_reports.set_units(s, "朝阳街道、朝阳街道")
        with pytest.raises(ValidationError, match="过长"):
            zero_reports.set_units(s, "街" * 61)
        assert zero_reports.set_units(s, UNITS) == ["朝阳街道", "中云街道", "猴嘴街道", "区住建局"]


def test_a_day_checked_off_before_and_after_the_deadline(store, officer, clock):
    _units(store)
    clock.advance(hours=10)  # 08:00 the next morning, Beijing
    with store.read() as s:
        lst = zero_reports.checklist(s)
        assert [line.status for line in lst.lines] == ["awaited"] * 4 and not lst.missing
        assert not lst.compulsory and zero_reports.clock_views(s) == []
    with store.transaction() as s:
        zero_reports.record(s, "朝阳街道", "nothing", reporter="朝阳街道值班员")
        zero_reports.record(s, "中云街道", "situation", note="云台山景区一游客扭伤，已送医")
    clock.advance(minutes=31)  # 08:31: past the deadline
    with store.transaction() as s:
        lst = zero_reports.checklist(s)
        assert lst.missing == ["猴嘴街道", "区住建局"]
        assert [line.label for line in lst.lines][:2] == ["无情况", "有情况"]
        zero_reports.chase(s, "猴嘴街道")
        zero_reports.chase(s, "猴嘴街道")
    with store.read() as s:
        line = next(x for x in zero_reports.checklist(s).lines if x.unit == "猴嘴街道")
        assert len(line.chases) == 2 and line.chases[0][1] == "值班员甲" and line.status == "missing"
        text = zero_reports.checklist(s).summary()
        assert "应报零报告单位 4 个" in text and "已报 2 个" in text and "逾期未报 2 个：猴嘴街道、区住建局" in text
        assert "有情况：中云街道" in text


def test_refusals_change_nothing(store, officer, clock):
    _units(store)
    with store.transaction() as s:
        with pytest.raises(ValidationError, match="名单"):
            zero_reports.record(s, "不存在的镇", "nothing")
        with pytest.raises(ValidationError, match="有情况"):
            zero_reports.record(s, "朝阳街道", "situation")
        with pytest.raises(ValidationError):
            zero_reports.record(s, "朝阳街道", "maybe")
        with pytest.raises(ValidationError, match="晚于现在"):
            zero_reports.record(s, "朝阳街道", "nothing", at=clock.now() + timedelta(minutes=5))
        with pytest.raises(ValidationError, match="以后日期"):
            zero_reports.record(s, "朝阳街道", "nothing", day=zero_reports.today(s) + timedelta(days=1))
        zero_reports.record(s, "朝阳街道", "nothing")
    with store.transaction() as s:
        with pytest.raises(UserError, match="不能重复登记"):
            zero_reports.record(s, "朝阳街道", "situation", note="补充")
        with pytest.raises(UserError, match="无需催报"):
            zero_reports.chase(s, "朝阳街道")
    with store.read() as s:
        line = zero_reports.checklist(s).lines[0]
        assert line.status == "nothing" and line.chases == ()


def test_a_sensitive_period_makes_it_a_deadline_on_the_strip(store, officer, clock):
    _units(store)
    with store.transaction() as s:
        day = zero_reports.today(s)
        roster.add_period(s, "sensitive", "全国两会", day, day + timedelta(days=1))
    with store.read() as s:
        (view,) = zero_reports.clock_views(s)
        assert view.incident_id is None and view.id < -zero_reports.CLOCK_ID_BASE
        assert view.due_at == zero_reports.deadline(s, day) and "4 个单位未报" in view.name
        assert view in deadlines.running(s) and zero_reports.clock_views(s, drills=True) == []
        assert zero_reports.checklist(s).reasons == ("敏感时段：全国两会",)
    with store.transaction() as s:
        for unit in zero_reports.units(s):
            zero_reports.record(s, unit, "nothing")
    with store.read() as s:
        assert zero_reports.clock_views(s) == []


def test_an_unstable_disaster_makes_it_compulsory(store, officer):
    _units(store)
    with store.transaction() as s:
        inc = incidents.record_call(s, incidents.CallInput(category="natural", type="natural.flood",
                                                           place_text="猴嘴街道", counts={})).incident_id
        incidents.set_flag(s, inc, "disaster_unstable", True)
    with store.read() as s:
        assert zero_reports.checklist(s).reasons == (f"自然灾害应对中：#{inc} " + s.get(incidents.Incident, inc).title,)


def test_without_a_list_every_township_reports(store, officer):
    from commanddesk.models import Jurisdiction

    with store.transaction() as s:
        s.add_all([Jurisdiction(code="320771", name="开发区", level="zone"),
                   Jurisdiction(code="320771002", name="中云街道", level="town", parent_code="320771"),
                   Jurisdiction(code="320771001", name="朝阳街道", level="town", parent_code="320771")])
    with store.read() as s:
        assert zero_reports.units(s) == ["朝阳街道", "中云街道"]


def test_the_daily_report_tells_the_zero_reports(store, officer, clock):
    _units(store)
    with store.transaction() as s:
        zero_reports.record(s, "区住建局", "nothing")
        day = zero_reports.today(s)
    with store.read() as s:
        r = daily.build(s, day)
    text = dict(r.sections)["零报告"]
    assert "已报 1 个" in text and "逾期未报 3 个" in text
    assert r.as_dict()["zero_report"] == {"units": 4, "reported": 1, "missing": ["朝阳街道", "中云街道", "猴嘴街道"],
                                          "compulsory": []}

