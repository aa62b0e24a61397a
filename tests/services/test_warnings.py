"""The warnings register: CAP import and its update/cancel chain, expiry, forwarding and its clock."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from commanddesk.cap import CapError
from commanddesk.clock import BEIJING
from commanddesk.models import AuditEntry, HazardWarning, Operator
from commanddesk.services import clocks, deadlines, warnings
from tests.test_cap import alert

REF = "qx@example.cn,W-1,2026-11-23T21:30:00+08:00"


def _import(store, data, name="w.xml"):
    with store.transaction() as s:
        return warnings.import_cap(s, data, name)


def _count(store, model) -> int:
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_an_imported_alert_is_listed_active_with_its_forwarding_clock_on_the_strip(store, officer):
    result = _import(store, alert())
    assert result.action == "created" and result.colour == "red"
    with store.read() as s:
        row = warnings.listing(s)[0]
        assert (row.type_label, row.colour, row.state, row.area_desc) == ("暴雨", "red", "active", "示例县")
        assert row.required == len(warnings.required_recipients("rainstorm", "red")) and row.forwarded == 0
        views = deadlines.running(s)
    forward = [v for v in views if v.incident_id is None]
    assert len(forward) == 1 and forward[0].name.startswith("预警信息转发")
    assert forward[0].due_at - store.clock.now() == timedelta(minutes=30)
    assert "暴雨红色预警" in forward[0].incident_title


def test_red_goes_to_everyone_blue_yellow_and_orange_go_to():
    red = warnings.required_recipients("rainstorm", "red")
    for colour in ("blue", "yellow", "orange"):
        assert set(warnings.required_recipients("rainstorm", colour)) < set(red)
    assert "县政府总值班室" in red and "县政府总值班室" not in warnings.required_recipients("rainstorm", "orange")


def test_the_forwarding_clock_is_met_when_every_recipient_is_recorded(store, officer, clock):
    w_id = _import(store, alert()).warning_id
    with store.read() as s:
        names = [r.recipient for r in warnings.recipients(s, w_id)]
    clock.advance(minutes=20)
    with store.transaction() as s:
        for name in names[:-1]:
            warnings.record_forward(s, w_id, name, "fax")
        assert warnings.forwarding_clock(s, w_id).state == clocks.OPEN
    clock.advance(minutes=15)  # the last one is 35 minutes after receipt: 5 minutes late
    with store.transaction() as s:
        warnings.record_forward(s, w_id, names[-1], "phone")
        inst = warnings.forwarding_clock(s, w_id)
        assert (inst.state, inst.late_minutes) == (clocks.MET_LATE, 5)
    with store.read() as s:
        assert not [v for v in deadlines.running(s) if v.incident_id is None]
        row = warnings.listing(s)[0]
        assert row.forwarded == row.required and row.clock_state == "迟报 5 分钟"
        statuses = warnings.recipients(s, w_id)
        assert statuses[-1].channel == "电话" and statuses[-1].by == "值班员甲"


def test_forwarding_on_time(store, officer, clock):
    w_id = _import(store, alert(event="大风蓝色预警", headline="大风蓝色预警", severity="Minor")).warning_id
    clock.advance(minutes=10)
    with store.transaction() as s:
        for r in warnings.recipients(s, w_id):
            warnings.record_forward(s, w_id, r.recipient, "sms")
        assert warnings.forwarding_clock(s, w_id).state == clocks.MET


def test_update_changes_the_referenced_warning_and_starts_a_new_round(store, officer, clock):
    w_id = _import(store, alert(event="暴雨橙色预警", headline="暴雨橙色预警", severity="Severe")).warning_id
    clock.advance(minutes=40)
    result = _import(store, alert(ident="W-2", msg_type="Update", refs=REF))
    assert (result.warning_id, result.action, result.colour, result.state) == (w_id, "updated", "red", "updated")
    with store.read() as s:
        assert _count(store, HazardWarning) == 1
        d = warnings.detail(s, w_id)
        assert d.revision == 2 and [m.msg_type for m in d.messages] == ["Alert", "Update"]
        states = sorted((c.slot, c.state) for c in s.scalars(select(clocks.ClockInstance)
                                                             .where(clocks.ClockInstance.warning_id == w_id)))
        assert states == [("第1轮", clocks.SUPERSEDED), ("第2轮", clocks.OPEN)]
        assert d.clock.due_at == clock.now() + timedelta(minutes=30)
    # a later Cancel refers to the update; the chain finds the same warning
    result = _import(store, alert(ident="W-3", msg_type="Cancel",
                                  refs=REF + " qx@example.cn,W-2,2026-11-23T22:10:00+08:00"))
    assert (result.warning_id, result.action, result.state) == (w_id, "lifted", "lifted")
    with store.read() as s:
        assert not [v for v in deadlines.running(s) if v.incident_id is None]
        assert warnings.live_warnings(s) == []


def test_update_of_an_unknown_warning_is_refused_and_changes_nothing(store, officer):
    before = _count(store, AuditEntry)
    with pytest.raises(CapError, match="不在本库中"):
        _import(store, alert(ident="W-9", msg_type="Update", refs=REF))
    assert _count(store, HazardWarning) == 0 and _count(store, AuditEntry) == before


@pytest.mark.parametrize("data, words", [
    (b"<not-xml", "XML"),
    (alert(status="Test"), "Test"),
    (alert(status="Exercise"), "真实值班库"),
    (alert(geocode="示例县"), "行政区划代码"),
])
def test_refused_files_change_nothing(store, officer, data, words):
    before = _count(store, AuditEntry)
    with pytest.raises(CapError, match=words):
        _import(store, data.replace(b"<polygon>", b"<!-- -->").replace(b"</polygon>", b"") if b"geocode" in data
                and "行政" in words else data)
    assert _count(store, HazardWarning) == 0 and _count(store, AuditEntry) == before


def test_the_same_message_twice_is_refused(store, officer):
    _import(store, alert())
    with pytest.raises(CapError, match="已导入过"):
        _import(store, alert())


def test_a_warning_expires_by_the_clock(store, officer, clock):
    _import(store, alert())  # expires 2026-11-24 09:30 Beijing
    clock.set(datetime(2026, 11, 24, 9, 30, tzinfo=BEIJING))
    with store.read() as s:
        assert warnings.listing(s)[0].state_label == "已过期"
        assert warnings.live_warnings(s) == [] and warnings.listing(s, live_only=True) == []
        assert not [v for v in deadlines.running(s) if v.incident_id is None]


def test_hand_entry_lift_and_audit(store, officer, clock):
    with store.transaction() as s:
        w = warnings.create(s, type="geological", colour="orange", issuer="县自然资源局", areas=["320412"],
                            issued_at=clock.now() - timedelta(minutes=5),
                            expires_at=clock.now() + timedelta(hours=24), text="地质灾害气象风险较高")
        w_id = w.id
        assert w.headline == "县自然资源局发布地质灾害气象风险橙色预警"
    with store.transaction() as s:
        warnings.lift(s, w_id, "县自然资源局电话通知解除")
    with store.read() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.entity.in_(("warning", "warning_message")))).all()
        assert {(e.action, e.entity) for e in entries} >= {("insert", "warning"), ("update", "warning"),
                                                           ("insert", "warning_message")}
        assert warnings.listing(s)[0].state == "lifted"


@pytest.mark.parametrize("changes, field", [
    (dict(colour="purple"), "colour"), (dict(areas=["32"]), "areas"), (dict(issuer=" "), "issuer"),
])
def test_hand_entry_refusals(store, officer, clock, changes, field):
    args = dict(type="rainstorm", colour="blue", issuer="县气象台", areas=["320412"],
                issued_at=clock.now()) | changes
    with pytest.raises(warnings.ValidationError) as err, store.transaction() as s:
        warnings.create(s, **args)
    assert err.value.field == field


def test_colour_for_an_incident_area(store, officer):
    _import(store, alert(geocode="320412"))
    _import(store, alert(ident="W-5", event="大风黄色预警", headline="大风黄色预警", severity="Moderate",
                         geocode="320400"))
    with store.read() as s:
        assert warnings.colour_for(s, "320412101") == "red"  # a town of the county under the red warning
        assert warnings.colour_for(s, "320411") == "yellow"  # another county of the city
        assert warnings.colour_for(s, "110101") == ""


def test_a_signed_out_post_cannot_import(store):
    with pytest.raises(warnings.auth.PermissionDenied if hasattr(warnings.auth, "PermissionDenied")
                       else Exception):
        _import(store, alert())


def test_plan_matching_reads_the_colour_of_a_warning_over_the_incident(store, officer, clock):
    from commanddesk.models import Incident, Jurisdiction
    from commanddesk.services import plans

    with store.transaction() as s:
        s.add(Jurisdiction(code="320412", name="示例县", level="county"))
        s.flush()
        inc = Incident(title="某村山洪", category="natural", type="natural.flash_flood", received_at=clock.now(),
                       jurisdiction_code="320412")
        s.add(inc)
        s.flush()
        inc_id = inc.id
        assert plans.facts(inc).warning == ""
    _import(store, alert(geocode="320412"))
    with store.read() as s:
        assert plans.facts(s.get(Incident, inc_id)).warning == "red"
        s.get(Incident, inc_id).warning = "blue"  # a colour typed on the incident wins
        assert plans.facts(s.get(Incident, inc_id)).warning == "blue"


def test_a_drop_folder_is_emptied_into_done_and_refused(store, officer, tmp_path):
    import os
    import time

    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "1.xml").write_bytes(alert())
    (drop / "2.xml").write_bytes(alert(ident="W-2", msg_type="Update", refs=REF, event="暴雨橙色预警",
                                       headline="暴雨橙色预警", severity="Severe"))
    (drop / "3.xml").write_bytes(b"<not-cap/>")
    (drop / "notes.txt").write_text("not a warning")
    old = time.time() - 60
    for i, name in enumerate(("1.xml", "2.xml", "3.xml")):
        os.utime(drop / name, (old + i, old + i))
    items = warnings.import_folder(store, drop)
    assert [(i.name, i.result.action if i.result else None) for i in items] == [
        ("1.xml", "created"), ("2.xml", "updated"), ("3.xml", None)]
    assert "命名空间" in items[2].reason
    assert sorted(p.name for p in (drop / "已导入").iterdir()) == ["1.xml", "2.xml"]
    assert (drop / "未导入" / "3.xml.txt").read_text("utf-8").startswith("不是可导入的 CAP 1.2 预警文件")
    assert sorted(p.name for p in drop.iterdir() if p.is_file()) == ["notes.txt"]
    assert warnings.import_folder(store, drop) == []
    with store.read() as s:
        assert [r.colour for r in warnings.listing(s)] == ["orange"]


def test_map_areas_are_the_warnings_in_force_with_a_polygon(store, officer, clock):
    ring = [[31.7, 119.9], [31.8, 119.9], [31.8, 120.0], [31.7, 119.9]]
    with store.transaction() as s:
        kw = dict(type="rainstorm", issuer="示例县气象台", areas=["320115"], issued_at=clock.now())
        shown = warnings.create(s, colour="red", polygon=ring, expires_at=clock.now() + timedelta(hours=2), **kw).id
        warnings.create(s, colour="blue", **kw)  # no polygon: nothing to draw
        short = warnings.create(s, colour="yellow", polygon=ring, expires_at=clock.now() + timedelta(minutes=30), **kw).id
        lifted = warnings.create(s, colour="orange", polygon=ring, **kw).id
        warnings.lift(s, lifted)
    with store.read() as s:
        assert [(a.id, a.colour) for a in warnings.map_areas(s)] == [(shown, "red"), (short, "yellow")]
    clock.advance(minutes=31)  # the yellow one has expired
    with store.read() as s:
        assert [a.id for a in warnings.map_areas(s)] == [shown]


def test_a_warning_known_by_division_codes_is_mapped_by_those_divisions(demo_store):
    """No polygon: the map gets the divisions of the post's table it names (seat, level, county); unknown
    codes are left out, and a warning naming none of the post's divisions has nothing to draw."""
    from commanddesk.services import auth

    now = demo_store.clock.now()
    with demo_store.transaction() as s:
        op = s.scalar(select(Operator).where(Operator.name == "李晓明"))
        s.info["actor"] = auth.Actor(op.id, op.name, auth.Role(op.role))
        kw = dict(type="geological", colour="yellow", issuer="县自然资源局", issued_at=now,
                  expires_at=now + timedelta(hours=6))
        town = warnings.create(s, areas=["320723101", "999999999"], **kw).id
        county = warnings.create(s, areas=["320723"], **kw).id
        warnings.create(s, areas=["110101"], **kw)  # 东城区: not one of this post's divisions
    with demo_store.read() as s:
        areas = {a.id: a for a in warnings.map_areas(s)}
    assert set(areas) == {town, county}
    (d,) = areas[town].divisions
    assert (d.code, d.name, d.level, d.parent_code) == ("320723101", "伊山镇", "town", "320723")
    assert d.lat and d.lon and areas[town].points == ()
    assert [x.name for x in areas[county].divisions] == ["灌云县"]
