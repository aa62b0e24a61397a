"""Which teams to send: capable, available teams ranked by arrival, busy ones listed with why, positions used."""

import pytest

from commanddesk.models import Incident, RescueTeam
from commanddesk.rules import dispatch as rules
from commanddesk.services import dispatch as svc
from commanddesk.services import dispatch_recommend
from tests.services.test_dispatch import _incident, post  # noqa: F401 - post is a fixture


def test_recommendation_ranks_capable_available_teams_by_eta(post):
    """Capable teams only, fastest first, each with role, distance, speed and ETA in its reasons."""
    store, inc, ids = post
    with store.read() as s:
        rec = dispatch_recommend.recommend(s, inc)
    names = [c.name for c in rec.candidates]
    assert names[0] == "近处危化队" and "防汛队" not in names
    assert set(names) == {"近处危化队", "远处危化队", "消防救援站"}
    etas = [c.eta_minutes for c in rec.candidates]
    assert etas == sorted(etas)
    first = rec.candidates[0]
    assert "主责" in first.reason and "道路系数 1.3" in first.reason and "预计" in first.reason
    assert first.role_label == "主责"


def test_assembling_time_counts_for_teams_that_assemble_on_order(post):
    """A non-standing team nearby can rank behind a standing team further away."""
    store, inc, ids = post
    with store.transaction() as s:
        s.get(RescueTeam, ids["near"]).standing = False
    with store.read() as s:
        rec = dispatch_recommend.recommend(s, inc)
    near = next(c for c in rec.candidates if c.team_id == ids["near"])
    assert near.assembly_minutes == rules.load().assembly("hazmat", True) and "集结" in near.reason


def test_busy_teams_are_listed_with_why(post):
    """A capable team already on another incident is not recommended and says where it is."""
    store, inc, ids = post
    other = _incident(store, "开发区某化工厂", lat=34.63, lon=119.31)
    with store.transaction() as s:
        svc.dispatch(s, other, [ids["near"]], "堵漏")
    with store.read() as s:
        rec = dispatch_recommend.recommend(s, inc)
    assert ids["near"] not in [c.team_id for c in rec.candidates]
    busy = next(b for b in rec.busy if b.team_id == ids["near"])
    assert f"事件 #{other}" in busy.why


def test_incident_without_coordinates_uses_place_name(demo_store):
    """With no coordinates, the division named in the place text gives the origin, and says so."""
    inc = _incident(demo_store, "徐圩新区石化基地罐区")
    with demo_store.read() as s:
        rec = dispatch_recommend.recommend(s, inc)
    assert rec.origin is not None and "徐圩新区" in rec.origin.how
    assert rec.candidates and all(c.eta_minutes is not None for c in rec.candidates[:5])


def test_team_position_is_used_when_reported(post):
    """A reported position away from base is used for the distance, and the reason says so."""
    store, inc, ids = post
    with store.transaction() as s:
        svc.report_position(s, ids["far"], 34.569, 119.535, "前置备勤")
    with store.read() as s:
        rec = dispatch_recommend.recommend(s, inc)
    assert rec.candidates[0].team_id == ids["far"] and "当前位置" in rec.candidates[0].reason


def test_incident_lookup_refuses_missing(store, officer):
    """A recommendation for an incident that does not exist is refused."""
    from commanddesk.errors import UserError

    with pytest.raises(UserError, match="不存在"):
        with store.read() as s:
            dispatch_recommend.recommend(s, 999)
    with store.read() as s:
        assert s.get(Incident, 999) is None
