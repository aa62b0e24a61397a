"""Hostile team-track files (GPX, CSV): every one refused with one Chinese reason, nothing saved."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from commanddesk.errors import UserError
from commanddesk.models import RescueTeam, TeamTrackPoint
from commanddesk.services import tracks

pytestmark = pytest.mark.sqlite_only
GPX = '<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>{}</trkseg></trk></gpx>'


def _points(store) -> int:
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(TeamTrackPoint))


@pytest.mark.parametrize("name,text", [
    ("a.gpx", GPX.format('<trkpt lon="119"><time>2026-11-23T10:00:00Z</time></trkpt>')),  # no lat
    ("a.gpx", GPX.format('<trkpt lat="abc" lon="119"><time>2026-11-23T10:00:00Z</time></trkpt>')),
    ("a.gpx", GPX.format('<trkpt lat="34" lon="119"><time>9999-12-31T23:59:59-23:59</time></trkpt>')),
    ("a.gpx", GPX.format('<trkpt lat="nan" lon="nan"><time>2026-11-23T10:00:00Z</time></trkpt>')),
    ("a.gpx", '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
              '<gpx><trkpt lat="34" lon="119"><time>&x;</time></trkpt></gpx>'),
    ("a.gpx", "<gpx>" + "<a>" * 100_000 + "</a>" * 100_000 + "</gpx>"),
    ("a.csv", "时间,纬度,经度\n0001-01-01T00:00:00+14:00,34,119\n"),
    ("a.csv", "时间,纬度,经度\n" + '"' + "x" * 200_000 + '",34,119\n'),  # beyond the csv module's field limit
    ("a.csv", "时间,纬度,经度\n2026-11-23 10:00,inf,119\n"),
])
def test_a_hostile_track_file_is_refused_and_saves_nothing(demo_store, tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with demo_store.read() as s:
        team = s.scalar(select(RescueTeam.id).order_by(RescueTeam.id))
    before = _points(demo_store)
    with pytest.raises(UserError) as err:
        with demo_store.transaction() as s:
            tracks.import_track(s, team, path)
    assert "\n" not in err.value.message and _points(demo_store) == before


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(st.text(max_size=12), min_size=0, max_size=4), max_size=4))
def test_any_csv_is_points_or_one_refusal(rows):
    text = "时间,纬度,经度\n" + "\n".join(",".join(r) for r in rows)
    try:
        points = tracks.parse_csv(text)
    except UserError:
        return
    for _at, lat, lon in points:
        assert isinstance(lat, float) and isinstance(lon, float)
