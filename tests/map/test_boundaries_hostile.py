"""Hostile GeoJSON for the map's areas: every malformed file is one BoundaryError in Chinese, never a traceback,
and whatever is accepted is plain [lon, lat] polygons the map can shift, label and export."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commanddesk.map import boundaries, coords

SQUARE = [[119.0, 34.0], [119.1, 34.0], [119.1, 34.1], [119.0, 34.1], [119.0, 34.0]]


def fc(geometry, properties=None):
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "geometry": geometry, "properties": properties or {"name": "区"}}]}


def _use(collection):
    """What the map page does with loaded areas."""
    boundaries.in_display_frame(collection, coords.GCJ02)
    boundaries.name_at([collection], 34.05, 119.05)
    coords.bounds(f["geometry"] for f in collection["features"])
    json.dumps(collection, allow_nan=False)


@pytest.mark.parametrize("data", [
    b"[" * 200_000 + b"]" * 200_000,  # deeper than the JSON parser recurses
    json.dumps({"type": "FeatureCollection", "features": "abc"}).encode(),
    json.dumps(fc("POLYGON")).encode(),
    json.dumps(fc({"type": "Polygon"})).encode(),  # no coordinates
    json.dumps(fc({"type": "Polygon", "coordinates": 5})).encode(),
    json.dumps(fc({"type": "Polygon", "coordinates": [[["a", "b"], ["c", "d"], ["a", "b"]]]})).encode(),
    json.dumps(fc({"type": "MultiPolygon", "coordinates": [[119, 34]]})).encode(),
    b'{"type":"Polygon","coordinates":[[[NaN,NaN],[1,1],[2,2],[NaN,NaN]]]}',
    b'{"type":"Polygon","coordinates":[[[1e309,1],[1,1],[2,2],[1e309,1]]]}',
])
def test_malformed_geojson_is_refused_in_chinese(tmp_path, data):
    path = tmp_path / "areas.geojson"
    path.write_bytes(data)
    with pytest.raises(boundaries.BoundaryError) as err:
        boundaries.load_geojson_file(path)
    assert "areas.geojson" in str(err.value)


def test_heights_are_dropped_and_properties_of_any_kind_are_survived(tmp_path):
    """[lon, lat, height] positions (valid GeoJSON) load as [lon, lat]; a list as properties gives a default name."""
    path = tmp_path / "areas.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[p + [12.5] for p in SQUARE]]},
         "properties": [1, 2]},
        {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [SQUARE]},
         "properties": {"name": "东\x07区\x1b[2J" + "长" * 500}}]}), encoding="utf-8")
    collection = boundaries.load_geojson_file(path)
    first, second = collection["features"]
    assert all(len(p) == 2 for p in first["geometry"]["coordinates"][0])
    assert first["properties"]["name"] == "区域 1"
    assert second["properties"]["name"].startswith("东区[2J") and len(second["properties"]["name"]) <= 100
    _use(collection)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(
        st.sampled_from(["type", "coordinates", "geometry", "properties", "features", "name", "code"]) | st.text(max_size=5),
        inner, max_size=5),
    max_leaves=25)
geometry_types = st.sampled_from(["Polygon", "MultiPolygon", "Point", "LineString", "GeometryCollection"])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(coordinates=json_values, kind=geometry_types, properties=json_values)
def test_any_json_is_areas_or_one_boundary_error(coordinates, kind, properties):
    data = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": kind, "coordinates": coordinates}, "properties": properties}]}
    try:
        collection = boundaries.parse_geojson(data, "fuzz.geojson")
    except boundaries.BoundaryError:
        return
    _use(collection)
