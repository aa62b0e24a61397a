"""Team dispatch: the state machine (alert, assemble, go, arrive, return, transfer), seats racing, permissions."""

import subprocess
import sys
from datetime import timedelta

import pytest
from sqlalchemy import select

from commanddesk.errors import ConflictError, PermissionDenied, ValidationError
from commanddesk.models import Dispatch, RescueTeam, TeamStatusChange, TeamType, TimelineEvent
from commanddesk.services import dispatch as svc
from commanddesk.services import dispatch_board
from commanddesk.services import incidents
from commanddesk.store import open_store
from tests.conftest import sign_in


def _incident(store, place="徐圩新区石化基地罐区", kind="accident.hazmat", **kw) -> int:
    with store.transaction() as s:
        return incidents.record_call(s, incidents.CallInput(
            category=kind.split(".")[0], type=kind, place_text=place, **kw)).incident_id


def _team(store, code, name, team_type="hazmat", lat=34.63, lon=119.31, standing=True, on_duty=10) -> int:
    with store.transaction() as s:
        if s.get(TeamType, team_type) is None:
            s.add(TeamType(code=team_type, name={"hazmat": "危险化学品应急队", "fire": "消防应急救援队",
                                                 "flood": "防汛抗旱应急队"}.get(team_type, team_type)))
            s.flush()
        t = RescueTeam(code=code, name=name, team_type=team_type, headcount=30, on_duty=on_duty, standing=standing,
                       lat=lat, lon=lon)
        s.add(t)
        s.flush()
        return t.id


@pytest.fixture
def post(store, officer):
    """An empty store with three teams and a hazmat incident at known coordinates."""
    ids = {
        "near": _team(store, "T1", "近处危化队", lat=34.60, lon=119.50),
        "far": _team(store, "T2", "远处危化队", lat=34.80, lon=119.10),
        "fire": _team(store, "T3", "消防救援站", "fire", lat=34.65, lon=119.26),
        "flood": _team(store, "T4", "防汛队", "flood", lat=34.57, lon=119.54),
    }
    inc = _incident(store, lat=34.568, lon=119.536)
    return store, inc, ids


# --- the rule file -------------------------------------------------------------


# --- recommendation ----------------------------------------------------------------


# --- dispatch and the state machine ----------------------------------------------------

def _walk(store, dispatch_id, *states):
    for state in states:
        with store.transaction() as s:
            svc.advance(s, dispatch_id, state, reason="测试")


def test_full_cycle_is_timestamped_attributed_and_on_the_timeline(post, clock):
    """available → alerted → dispatched → en_route → on_scene → returning → available, every step logged."""
    store, inc, ids = post
    with store.transaction() as s:
        [d] = svc.dispatch(s, inc, [ids["near"]], "到场后向现场指挥部报到，负责堵漏")
        did = d.id
        assert d.order_number.endswith("调〔2026〕1号") and d.eta_at is not None
    for state in ("dispatched", "en_route", "on_scene", "returning", "available"):
        clock.advance(minutes=5)
        _walk(store, did, state)
    with store.read() as s:
        changes = list(s.scalars(select(TeamStatusChange).where(TeamStatusChange.team_id == ids["near"])
                                 .order_by(TeamStatusChange.id)))
        assert [c.to_status for c in changes] == ["alerted", "dispatched", "en_route", "on_scene", "returning",
                                                  "available"]
        assert all(c.actor_name == "值班员甲" and c.incident_id == inc for c in changes)
        assert changes[-1].at - changes[0].at == timedelta(minutes=25)
        d = s.get(Dispatch, did)
        assert d.status == "closed" and d.arrived_at is not None and d.closed_at is not None
        assert s.get(RescueTeam, ids["near"]).status == "available"
        texts = [e.summary for e in s.scalars(select(TimelineEvent).where(TimelineEvent.incident_id == inc))]
        assert any("调派 近处危化队" in t for t in texts)
        assert any("途中 → 到场" in t for t in texts) and any("已归队" in t for t in texts)


@pytest.mark.parametrize("path, bad", [
    ((), "on_scene"),                       # alerted → on_scene skips the journey
    ((), "returning"),                      # alerted → returning
    (("dispatched",), "available"),         # dispatched cannot just stand down
    (("dispatched", "en_route"), "alerted"),
    (("dispatched", "en_route", "on_scene"), "en_route"),
])
def test_illegal_transitions_are_refused_in_chinese(post, path, bad):
    """Each illegal transition is refused with the current state and what is allowed; nothing changes."""
    store, inc, ids = post
    with store.transaction() as s:
        did = svc.dispatch(s, inc, [ids["near"]], "堵漏")[0].id
    _walk(store, did, *path)
    with store.read() as s:
        before = s.scalar(select(TeamStatusChange.id).order_by(TeamStatusChange.id.desc()).limit(1))
    with pytest.raises(ValidationError) as err:
        with store.transaction() as s:
            svc.advance(s, did, bad, reason="测试")
    assert "不能直接改为" in err.value.message and "可改为" in err.value.message
    with store.read() as s:
        assert s.scalar(select(TeamStatusChange.id).order_by(TeamStatusChange.id.desc()).limit(1)) == before


def test_standing_team_does_not_assemble(post):
    """Only teams that assemble on order pass through 集结中."""
    store, inc, ids = post
    with store.transaction() as s:
        did = svc.dispatch(s, inc, [ids["near"]], "堵漏")[0].id
    with pytest.raises(ValidationError, match="无需集结"):
        with store.transaction() as s:
            svc.advance(s, did, "assembling")
    with store.transaction() as s:
        s.get(RescueTeam, ids["far"]).standing = False
        did2 = svc.dispatch(s, inc, [ids["far"]], "洗消")[0].id
    _walk(store, did2, "assembling", "dispatched")


def test_stand_down_from_alerted(post):
    """An alerted team can be stood down; the dispatch ends as cancelled and the team is available."""
    store, inc, ids = post
    with store.transaction() as s:
        did = svc.dispatch(s, inc, [ids["near"]], "堵漏")[0].id
    _walk(store, did, "available")
    with store.read() as s:
        assert s.get(Dispatch, did).status == "stood_down"
        assert s.get(RescueTeam, ids["near"]).status == "available"


def test_unavailable_needs_a_reason_and_returns_only_to_available(post):
    """Any → unavailable with a reason (withdrawing from its incident); then only back to available."""
    store, inc, ids = post
    with store.transaction() as s:
        did = svc.dispatch(s, inc, [ids["near"]], "堵漏")[0].id
    _walk(store, did, "dispatched")
    with pytest.raises(ValidationError, match="须填写原因"):
        with store.transaction() as s:
            svc.advance(s, did, "unavailable")
    with store.transaction() as s:
        svc.advance(s, did, "unavailable", reason="车辆故障")
    with store.read() as s:
        assert s.get(Dispatch, did).status == "withdrawn"
    with pytest.raises(ValidationError, match="可改为：“待命”"):
        with store.transaction() as s:
            svc.change_status(s, ids["near"], "en_route")
    with pytest.raises(ValidationError, match="通过调派"):
        with store.transaction() as s:
            svc.change_status(s, ids["fire"], "alerted")
    with store.transaction() as s:
        svc.change_status(s, ids["near"], "available")
        svc.change_status(s, ids["fire"], "unavailable", reason="训练")


def test_one_incident_at_a_time_and_direct_transfer(post):
    """A busy team cannot be dispatched again; a logged transfer moves it to the other incident."""
    store, inc, ids = post
    other = _incident(store, "开发区某化工厂", lat=34.63, lon=119.31)
    with store.transaction() as s:
        did = svc.dispatch(s, inc, [ids["near"]], "堵漏")[0].id
    with pytest.raises(ConflictError, match="当前为“已通知”"):
        with store.transaction() as s:
            svc.dispatch(s, other, [ids["near"]], "支援")
    with pytest.raises(ValidationError, match="直接转调"):
        with store.transaction() as s:
            svc.transfer(s, did, other, "支援", "险情更急")
    _walk(store, did, "dispatched", "en_route", "on_scene")
    with store.transaction() as s:
        new = svc.transfer(s, did, other, "支援堵漏", "化工厂险情升级")
        new_id = new.id
    with store.read() as s:
        assert s.get(Dispatch, did).status == "transferred"
        assert s.get(Dispatch, new_id).status == "dispatched" and s.get(Dispatch, new_id).incident_id == other
        texts = [e.summary for e in s.scalars(select(TimelineEvent).where(TimelineEvent.incident_id == other))]
        assert any("直接转调而来" in t for t in texts)


def test_busy_and_transfer_messages_name_the_shown_number(post):
    """A vehicle's own incident is named 车1-0007 (not its local id) when a team is busy there or moves on."""
    from commanddesk.models import Incident

    store, inc, ids = post
    other = _incident(store, "开发区某化工厂", lat=34.63, lon=119.31)
    with store.transaction() as s:
        s.get(Incident, other).sync_site, s.get(Incident, other).site_number = "车1", 7
        did = svc.dispatch(s, inc, [ids["near"]], "堵漏")[0].id
    with pytest.raises(ConflictError, match=f"正在处置事件 #{inc}"):
        with store.transaction() as s:
            svc.dispatch(s, other, [ids["near"]], "支援")
    _walk(store, did, "dispatched", "en_route", "on_scene")
    with store.transaction() as s:
        svc.transfer(s, did, other, "支援堵漏", "化工厂险情升级")
    with store.read() as s:
        assert s.get(Dispatch, did).close_reason == "转调至事件 车1-0007：化工厂险情升级"
        texts = [e.summary for e in s.scalars(select(TimelineEvent).where(TimelineEvent.incident_id == inc))]
        assert any("转调至事件 车1-0007（" in t for t in texts)
        assert f"#{other}" not in " ".join(texts)


def test_second_seat_is_told_what_changed(post, tmp_path, clock):
    """Two stores on one file: a stale board action is refused and names the new state and who set it."""
    store, inc, ids = post
    with store.transaction() as s:
        did = svc.dispatch(s, inc, [ids["near"]], "堵漏")[0].id
    seat_b = open_store(store.location, clock)
    sign_in(seat_b, "领导乙")
    try:
        with seat_b.read() as s:
            row_b = next(r for r in dispatch_board.board(s, inc, clock.now()) if r.dispatch_id == did)
        _walk(store, did, "dispatched")
        with pytest.raises(ConflictError) as err:
            with seat_b.transaction() as s:
                svc.advance(s, did, "available", expected_version=row_b.version)
        assert "已调派" in err.value.message and "值班员甲" in err.value.message
        with pytest.raises(ConflictError, match="不能调派"):
            with seat_b.transaction() as s:
                svc.dispatch(s, inc, [ids["near"]], "再派一次")
    finally:
        seat_b.close()


def test_dispatch_needs_task_and_permission(post):
    """No task, no team or a trainer's role: refused with a reason."""
    store, inc, ids = post
    with pytest.raises(ValidationError, match="调派任务"):
        with store.transaction() as s:
            svc.dispatch(s, inc, [ids["near"]], "  ")
    with pytest.raises(ValidationError, match="至少选择"):
        with store.transaction() as s:
            svc.dispatch(s, inc, [], "堵漏")
    sign_in(store, "导调丙")
    with pytest.raises(PermissionDenied):
        with store.transaction() as s:
            svc.dispatch(s, inc, [ids["near"]], "堵漏")


def test_dispatch_services_import_no_qt():
    """The dispatch, ledger, shelter and spreadsheet services and rules load without PySide6."""
    code = ("import sys, commanddesk.services.dispatch, commanddesk.services.ledger, "
            "commanddesk.services.shelters, commanddesk.services.spreadsheets, commanddesk.rules.dispatch;"
            "bad=[m for m in sys.modules if m.startswith('PySide6')]; print(bad); sys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
