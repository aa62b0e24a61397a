"""What the map keeps: zones drawn for an incident and teams' reported positions, both audited."""

import json
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from commanddesk.models import AuditEntry, MapZone, RescueTeam, TeamTrackPoint, TeamType
from commanddesk.services import incidents


@pytest.fixture
def incident(store, officer):
    with store.transaction() as s:
        return incidents.record_call(s, incidents.CallInput(category="accident", type="accident.hazmat",
                                                            place_text="徐圩新区石化基地罐区")).incident_id


def test_a_circle_and_a_polygon_zone_come_back_as_drawn(store, officer, incident):
    """A 警戒区 circle keeps centre and radius; an 疏散区 polygon its ring; both tied to the incident."""
    ring = [[34.60, 119.20], [34.61, 119.22], [34.59, 119.23], [34.60, 119.20]]
    now = store.clock.now()
    with store.transaction() as s:
        s.add(MapZone(kind="cordon", name="核心警戒区", incident_id=incident, shape="circle", lat=34.6, lon=119.2,
                      radius_m=500, created_at=now, actor_name=officer.name))
        s.add(MapZone(kind="evacuation", name="疏散区", incident_id=incident, shape="polygon", points=json.dumps(ring),
                      created_at=now, actor_name=officer.name))
    with store.read() as s:
        circle, polygon = s.scalars(select(MapZone).where(MapZone.incident_id == incident).order_by(MapZone.id))
    assert (circle.lat, circle.lon, circle.radius_m, circle.points) == (34.6, 119.2, 500, "")
    assert json.loads(polygon.points) == ring and polygon.radius_m is None
    assert circle.created_at == now


def test_zones_are_audited(store, officer, incident):
    """Drawing a zone is a change like any other: 地图区域 in the audit log, naming the officer."""
    with store.transaction() as s:
        s.add(MapZone(kind="control", name="管控区", incident_id=incident, shape="circle", lat=34.6, lon=119.2,
                      radius_m=2000, created_at=store.clock.now()))
    with store.read() as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.entity == "map_zone")).all()
    assert len(rows) == 1 and rows[0].actor_name == "值班员甲" and MapZone.__label__ == "地图区域"


def test_a_track_is_read_in_time_order_and_needs_a_real_team(store, officer):
    """Positions of a team read back in time order with their source; a point for no team is refused."""
    now = store.clock.now()
    with store.transaction() as s:
        s.add(TeamType(code="t_fire", name="消防救援"))
        s.flush()
        team = RescueTeam(code="T001", name="开发区消防站", team_type="t_fire", headcount=20, on_duty=18)
        s.add(team)
        s.flush()
        for minutes, source in ((10, "gpx"), (0, "typed"), (5, "gpx")):
            s.add(TeamTrackPoint(team_id=team.id, at=now + timedelta(minutes=minutes), lat=34.6, lon=119.2 + minutes / 100,
                                 source=source))
        team_id = team.id
    with store.read() as s:
        track = s.scalars(select(TeamTrackPoint).where(TeamTrackPoint.team_id == team_id).order_by(TeamTrackPoint.at))
        assert [(p.at - now, p.source) for p in track] == [(timedelta(0), "typed"), (timedelta(minutes=5), "gpx"),
                                                             (timedelta(minutes=10), "gpx")]
    with pytest.raises(IntegrityError):
        with store.transaction() as s:
            s.add(TeamTrackPoint(team_id=99999, at=now, lat=34.6, lon=119.2))
