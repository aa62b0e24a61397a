"""CAP 1.2 export: schema-valid, Beijing time, GB/T 35965.1 identifiers never shared, Exercise for drills,
and our own import reads our export back as the same warning."""

from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from lxml import etree

from commanddesk import cap, cap_write
from commanddesk.cap import CapError
from commanddesk.clock import BEIJING
from commanddesk.models import HazardWarning, Incident, Jurisdiction, Setting
from commanddesk.services import cap_export, settings, warnings

UNIT = "32011500100000"
NS = {"c": cap.NS}
FIELDS = ("type", "colour", "issuer", "areas", "issued_at", "expires_at", "text", "instruction", "area_desc",
          "headline", "polygon")


@pytest.fixture
def post(store, officer):
    with store.transaction() as s:
        settings.put(s, "cap_unit_code", UNIT, check=False)
        s.add(Jurisdiction(code="320115", name="示例县", level="county"))
    return store


def _warning(store, clock, **kw):
    fields = dict(type="rainstorm", colour="red", issuer="示例县气象台", areas=["320115"],
                  issued_at=clock.now() - timedelta(minutes=10), expires_at=clock.now() + timedelta(hours=6),
                  text="预计未来 6 小时降雨量达 100 毫米以上。", instruction="做好防御准备。",
                  polygon=[[31.7, 119.9], [31.8, 119.9], [31.8, 120.0], [31.7, 119.9]]) | kw
    with store.transaction() as s:
        return warnings.create(s, **fields).id


def _export_warning(store, wid):
    with store.transaction() as s:
        return cap_export.export_warning(s, wid)


def _fields(store, wid):
    with store.read() as s:
        w = s.get(HazardWarning, wid)
        return {f: getattr(w, f) for f in FIELDS}


def test_a_warning_exports_valid_in_beijing_time_and_reads_back_the_same(post, clock):
    wid = _warning(post, clock)
    out = _export_warning(post, wid)
    cap_write.validate(out.data)
    doc = etree.fromstring(out.data)
    assert doc.findtext("c:sent", namespaces=NS) == "2026-11-23T22:00:00+08:00"
    assert doc.findtext("c:status", namespaces=NS) == "Actual" and out.msg_type == "Alert"
    assert out.identifier == f"{UNIT}_20261123220000_0" and len(out.identifier) == 31
    info = doc.find("c:info", NS)
    assert [info.findtext(f"c:{n}", namespaces=NS) for n in ("language", "category", "event", "severity")] == \
        ["zh-CN", "Met", "暴雨红色预警", "Extreme"]
    assert info.findtext("c:effective", namespaces=NS) == "2026-11-23T21:50:00+08:00"
    assert info.findtext("c:area/c:areaDesc", namespaces=NS) == "示例县"
    assert info.findtext("c:area/c:geocode/c:value", namespaces=NS) == "320115"
    assert info.findtext("c:area/c:polygon", namespaces=NS) == "31.7,119.9 31.8,119.9 31.8,120 31.7,119.9"
    # our own import reads it back as the same warning (a new row: the identifier is ours, not the issuer's)
    with post.transaction() as s:
        result = warnings.import_cap(s, out.data, "ours.xml")
    assert result.action == "created" and result.identifier == out.identifier
    assert _fields(post, result.warning_id) == _fields(post, wid)


def test_identifiers_are_never_shared_even_in_the_same_second(post, clock):
    wid = _warning(post, clock)
    seen = [_export_warning(post, wid).identifier for _ in range(12)]  # the clock does not move
    assert len(set(seen)) == 12
    assert seen[:2] == [f"{UNIT}_20261123220000_0", f"{UNIT}_20261123220000_1"]
    assert seen[10] == f"{UNIT}_20261123220001_0"  # after _9 the next second, never a two-digit sequence


def test_identifier_sequence_survives_a_clock_set_back():
    first = cap_write.next_after(None, UNIT, datetime(2026, 11, 23, 22, 0, tzinfo=BEIJING))
    back = cap_write.next_after(first, UNIT, datetime(2026, 11, 23, 21, 0, tzinfo=BEIJING))
    later = cap_write.next_after(back, UNIT, datetime(2026, 11, 24, 8, 0, tzinfo=BEIJING))
    assert (first, back, later) == (f"{UNIT}_20261123220000_0", f"{UNIT}_20261123220000_1",
                                    f"{UNIT}_20261124080000_0")


def test_a_second_export_updates_and_a_lifted_warning_cancels(post, clock):
    wid = _warning(post, clock)
    first = _export_warning(post, wid)
    second = _export_warning(post, wid)
    assert second.msg_type == "Update" and second.references == (first.identifier,)
    with post.transaction() as s:
        warnings.lift(s, wid, "雨情减弱")
    cancel = _export_warning(post, wid)
    assert cancel.msg_type == "Cancel" and cancel.references == (second.identifier,)
    # and our import follows the chain: alert, update, cancel lift the imported copy
    with post.transaction() as s:
        made = warnings.import_cap(s, first.data)
        warnings.import_cap(s, second.data)
        lifted = warnings.import_cap(s, cancel.data)
    assert lifted.action == "lifted" and lifted.warning_id == made.warning_id


def test_drills_export_as_exercise_never_actual(post, clock):
    post.drill = True
    wid = _warning(post, clock)
    with post.transaction() as s:
        inc = Incident(title="演练：某村山洪", category="natural", type="natural.flood", received_at=clock.now(),
                       jurisdiction_code="320115", is_drill=True, grade=4)
        s.add(inc)
        s.flush()
        iid = inc.id
    w = _export_warning(post, wid)
    with post.transaction() as s:
        i = cap_export.export_incident(s, iid)
    for out in (w, i):
        assert out.status == "Exercise" and b"<status>Exercise</status>" in out.data and b"Actual" not in out.data
    post.drill = False
    with post.transaction() as s:  # a drill incident seen from the real store still exports as Exercise
        assert cap_export.export_incident(s, iid).status == "Exercise"


def test_an_incident_notice_maps_grade_type_and_place(post, clock):
    with post.transaction() as s:
        inc = Incident(title="某化工厂爆炸", category="accident", type="accident.explosion", received_at=clock.now(),
                       jurisdiction_code="320115", place_text="工业园区", grade=3, summary="现场已控制。")
        s.add(inc)
        s.flush()
        out = cap_export.export_incident(s, inc.id)
    info = etree.fromstring(out.data).find("c:info", NS)
    got = [info.findtext(f"c:{n}", namespaces=NS) for n in ("category", "urgency", "severity", "certainty")]
    assert got == ["Fire", "Immediate", "Moderate", "Observed"]
    assert info.findtext("c:area/c:areaDesc", namespaces=NS) == "示例县、工业园区"


def test_refusals_write_nothing_and_consume_no_identifier(post, clock):
    wid = _warning(post, clock)
    with pytest.raises(CapError, match="没有编号为 999"):
        _export_warning(post, 999)
    with post.transaction() as s:  # the unit code is what makes the identifier
        settings.put(s, "cap_unit_code", "3201", check=False)
    with pytest.raises(CapError, match="14 位数字"):
        _export_warning(post, wid)
    with post.read() as s:
        assert s.get(Setting, cap_export.LAST_SETTING) is None
        assert s.get(Setting, f"cap_out:warning:{wid}") is None


def test_output_that_would_not_validate_is_refused(post, clock, monkeypatch):
    wid = _warning(post, clock)
    real = cap_write.build
    monkeypatch.setattr(cap_write, "build", lambda o: real(o).replace(b"<severity>Extreme", b"<severity>Huge"))
    with pytest.raises(CapError, match="未通过 CAP 1.2 模式校验"):
        _export_warning(post, wid)
    with post.read() as s:  # the failed export rolled back: no identifier used, no export remembered
        assert s.get(Setting, cap_export.LAST_SETTING) is None


def test_the_schema_refuses_the_four_kinds_of_bad_cap():
    from tests.test_cap import alert

    good = alert(expires="2099-01-01T00:00:00+08:00")
    cap_write.validate(good)
    for bad in (good.replace(b"<scope>Public", b"<scope>Everyone"),  # enumeration
                good.replace(b"21:30:00+08:00</sent>", b"21:30:00Z</sent>"),  # no explicit offset
                good.replace(b"<event>", b"<evt>").replace(b"</event>", b"</evt>"),  # required element missing
                good.replace(cap.NS.encode(), b"urn:oasis:names:tc:emergency:cap:1.1"),  # wrong namespace
                b"<alert"):  # not XML
        with pytest.raises(CapError):
            cap_write.validate(bad)


hostile = st.text(st.characters(codec="utf-8"), max_size=60)


@hsettings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(headline=hostile, text=hostile, issuer=hostile.filter(str.strip), desc=hostile)
def test_hostile_text_either_exports_valid_and_reads_back_or_is_refused(post, clock, headline, text, issuer, desc):
    try:
        wid = _warning(post, clock, headline=headline, text=text, issuer=issuer, area_desc=desc)
    except Exception:
        return  # hand entry refused it (or the database did): nothing to export
    try:
        out = _export_warning(post, wid)
    except CapError as exc:
        assert "未写出文件" in exc.message
        with post.read() as s:
            assert s.get(Setting, f"cap_out:warning:{wid}") is None
        return
    cap_write.validate(out.data)
    back = cap.parse(out.data)
    assert back.identifier == out.identifier and back.colour == "red"
    stored = _fields(post, wid)
    assert (back.headline, back.description, back.sender_name) == (stored["headline"], stored["text"],
                                                                   stored["issuer"])
