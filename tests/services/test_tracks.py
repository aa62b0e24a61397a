"""Team positions reported later: typed, or a GPX/CSV track; all points or none."""

from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from commanddesk.clock import BEIJING
from commanddesk.errors import ValidationError
from commanddesk.models import AuditEntry, RescueTeam, TeamPosition, TeamType
from commanddesk.services import tracks

GPX = """<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>
<trkpt lat="34.60" lon="119.20"><time>2026-11-23T13:40:00Z</time></trkpt>
<trkpt lat="34.61" lon="119.21"><time>2026-11-23T13:50:00Z</time></trkpt>
</trkseg></trk></gpx>"""


@pytest.fixture
def team_id(store, officer):
    with store.transaction() as s:
        s.add(TeamType(code="fire", name="消防"))
        s.flush()
        t = RescueTeam(code="T1", name="测试救援队", team_type="fire", status="en_route", lat=34.5, lon=119.1)
        s.add(t)
        s.flush()
        return t.id


def test_gpx_track_is_kept_and_the_newest_point_is_the_position(store, team_id, tmp_path):
    path = tmp_path / "轨迹.gpx"
    path.write_text(GPX, encoding="utf-8")
    with store.transaction() as s:
        assert tracks.import_track(s, team_id, path) == 2
    with store.read() as s:
        got = tracks.points(s, [team_id])[team_id]
        pos = s.get(TeamPosition, team_id)
        audited = s.scalars(select(AuditEntry.id).where(AuditEntry.entity == "team_track_point")).all()
    assert [p[0].astimezone(BEIJING).strftime("%H:%M") for p in got] == ["21:40", "21:50"]
    assert (pos.lat, pos.lon) == (34.61, 119.21) and len(audited) == 2


def test_csv_with_chinese_header_in_beijing_time_and_a_typed_position(store, team_id, tmp_path):
    path = tmp_path / "北斗.csv"
    path.write_text("时间,纬度,经度\n2026-11-23 21:40,34.60,119.20\n2026/11/23 21:45,34.605,119.205\n", encoding="utf-8")
    with store.transaction() as s:
        assert tracks.import_track(s, team_id, path) == 2
        tracks.report(s, team_id, 34.62, 119.22, note="电话报告")
    with store.read() as s:
        got = tracks.points(s, [team_id])[team_id]
    assert got[0][0] == datetime(2026, 11, 23, 13, 40, tzinfo=timezone.utc)
    assert (got[-1][1], got[-1][2]) == (34.62, 119.22)


def test_bad_files_change_nothing(store, team_id, tmp_path):
    cases = {"a.csv": "时间,纬度\n2026-11-23 21:40,34.6\n", "b.csv": "时间,纬度,经度\n昨天,34.6,119.2\n",
             "c.gpx": "<gpx><trk>", "d.csv": "时间,纬度,经度\n2026-11-23 21:40,51.5,-0.1\n", "e.kml": "<kml/>"}
    for name, text in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        with pytest.raises(ValidationError), store.transaction() as s:
            tracks.import_track(s, team_id, tmp_path / name)
    with store.read() as s:
        assert tracks.points(s, [team_id]) == {} and s.get(TeamPosition, team_id) is None
