"""What the map draws: features, styles, drills apart from real incidents, diffs, distances."""

import pytest
from sqlalchemy import select, update

from commanddesk.map import coords, payload, prefs
from commanddesk.models import RescueTeam, Shelter

from .conftest import add_incident


def test_layers_of_the_demo_county(demo_store):
    """Every demo team, depot, shelter and hazard site becomes a styled point."""
    with demo_store.read() as s:
        layers = payload.build_layers(s)
    assert {k: len(v) for k, v in layers.items() if k != "place"} == {
        "incident": 0, "team": 81, "warehouse": 15, "shelter": 37, "hazard": 127}
    assert len(layers["place"]) > 40
    team = next(iter(layers["team"].values()))
    p = team["properties"]
    assert p["shape"] == "square" and p["color"] == payload.STATUS_COLORS["available"]
    assert p["glyph"] and "待命" in p["tip"]
    major = [f for f in layers["hazard"].values() if f["properties"]["color"] == payload.RISK_COLORS["major"]]
    assert major and all(f["properties"]["shape"] == "diamond" for f in major)


def test_drills_never_appear_with_real_incidents(demo_store):
    """The real layer has only real incidents; the drill layer only drills; closed ones are gone."""
    real = add_incident(demo_store, "化工厂爆炸", 34.63, 119.31, grade=2)
    drill = add_incident(demo_store, "演练：水库溃坝", 34.60, 119.20, grade=1, drill=True)
    add_incident(demo_store, "无坐标事件", None, None)
    with demo_store.read() as s:
        shown = payload.build_layers(s, drill=False)["incident"]
        drills = payload.build_layers(s, drill=True)["incident"]
    assert list(shown) == [f"incident:{real}"]
    assert list(drills) == [f"incident:{drill}"]
    assert shown[f"incident:{real}"]["properties"]["color"] == payload.GRADE_COLORS[2]
    assert drills[f"incident:{drill}"]["properties"]["dash"] and drills[f"incident:{drill}"]["properties"]["glyph"] == "演"


def test_status_change_is_a_small_diff(demo_store):
    """Changing one team's status changes exactly that feature's colour."""
    with demo_store.read() as s:
        before = payload.build_layers(s)
        team_id = s.scalars(select(RescueTeam.id).order_by(RescueTeam.id)).first()
    with demo_store.transaction() as s:
        s.execute(update(RescueTeam).where(RescueTeam.id == team_id).values(status="en_route"))
    with demo_store.read() as s:
        after = payload.build_layers(s)
    upserts, removed = payload.diff(before["team"], after["team"])
    assert removed == [] and [f["id"] for f in upserts] == [f"team:{team_id}"]
    assert upserts[0]["properties"]["color"] == payload.STATUS_COLORS["en_route"]
    assert payload.diff(after["team"], {}) == ([], list(after["team"]))


def test_shelter_colour_follows_free_places(demo_store):
    """A nearly full shelter is red, a full one grey, an empty one green."""
    assert payload.shelter_class(100, 0)[0] == payload.SHELTER_CLASSES[0][1]
    assert payload.shelter_class(100, 95)[0] == payload.SHELTER_CLASSES[2][1]
    assert payload.shelter_class(100, 100)[0] == payload.SHELTER_CLASSES[3][1]
    assert payload.shelter_class(0, 0)[0] == payload.SHELTER_CLASSES[3][1]
    with demo_store.read() as s:
        shelter = s.scalars(select(Shelter).order_by(Shelter.id)).first()
        f = payload.shelter_feature(shelter)
    assert f"空余 {shelter.capacity - shelter.occupancy} 人" in f["properties"]["tip"]


def test_gcj02_frame_moves_points_by_the_offset(demo_store):
    """On a GCJ-02 basemap every point is shifted; search entries stay in WGS-84."""
    with demo_store.read() as s:
        wgs = payload.build_layers(s)
        gcj = payload.build_layers(s, frame=coords.GCJ02)
    key = next(iter(wgs["team"]))
    (lon1, lat1), (lon2, lat2) = wgs["team"][key]["geometry"]["coordinates"], gcj["team"][key]["geometry"]["coordinates"]
    assert (lat2, lon2) == tuple(round(v, 6) for v in coords.wgs_to_gcj(lat1, lon1))
    entry = next(e for e in payload.search_entries(gcj, frame=coords.GCJ02) if e.key == key)
    assert coords.distance_m(entry.lat, entry.lon, lat1, lon1) < 0.5


def test_highlight_gives_straight_line_distances(demo_store):
    """Highlighted teams carry their great-circle distance from the incident."""
    inc = add_incident(demo_store, "泄漏", 34.65, 119.30)
    with demo_store.read() as s:
        teams = s.scalars(select(RescueTeam).order_by(RescueTeam.id).limit(2)).all()
        spec = payload.highlight(s, [("team", t.id) for t in teams] + [("team", 99999)], inc)
    assert [t["key"] for t in spec["targets"]] == [f"team:{t.id}" for t in teams]
    expect = round(coords.distance_m(34.65, 119.30, teams[0].lat, teams[0].lon))
    assert spec["targets"][0]["distance_m"] == expect
    assert payload.format_distance(expect) in spec["targets"][0]["text"]
    assert spec["origin"]["key"] == f"incident:{inc}"
    assert payload.format_distance(850) == "850 m" and payload.format_distance(12345) == "12.3 km"


def test_recommended_teams_are_marked_in_the_highlight(demo_store):
    """Recommended team ids come back marked 推荐 in their own colour, with their distance; others not."""
    inc = add_incident(demo_store, "泄漏", 34.65, 119.30)
    with demo_store.read() as s:
        a, b = s.scalars(select(RescueTeam).order_by(RescueTeam.id).limit(2)).all()
        spec = payload.highlight(s, [("team", a.id), ("team", b.id)], inc, recommended=[a.id])
    first, second = spec["targets"]
    assert first["recommended"] is True and first["color"] == payload.RECOMMENDED_COLOR
    assert first["text"] == f"推荐 · {a.name}  {payload.format_distance(first['distance_m'])}"
    assert "recommended" not in second and not second["text"].startswith("推荐")


def test_legend_covers_every_layer():
    """The legend has a section per layer, with every team status and risk level."""
    sections = {s["layer"]: s for s in payload.legend()}
    assert set(sections) == {*payload.LAYERS, payload.PLACE, None}  # None: the incident's highlight key
    assert [it["label"][:3] for it in sections[None]["items"]] == ["已调派", "推荐（"]
    assert len(sections["team"]["items"]) == len(payload.STATUS_COLORS)
    assert len(sections["hazard"]["items"]) == 4


def test_prefs_round_trip(demo_store):
    """Basemaps, rings and boundary sources are remembered in the setting table."""
    with demo_store.transaction() as s:
        prefs.remember_basemap(s, prefs.Basemap("/x/a.mbtiles", "甲"))
        prefs.remember_basemap(s, prefs.Basemap("/x/b.mbtiles", "乙", coords.GCJ02))
        prefs.set_current_basemap(s, "/x/b.mbtiles")
        prefs.set_rings_km(s, prefs.parse_rings("5，1 3"))
    with demo_store.read() as s:
        assert [b.name for b in prefs.basemaps(s)] == ["甲", "乙"]
        assert prefs.basemaps(s)[1].frame == coords.GCJ02
        assert prefs.current_basemap(s) == "/x/b.mbtiles"
        assert prefs.rings_km(s) == (1.0, 3.0, 5.0)
        assert prefs.boundary_sources(s) == [{"kind": "builtin"}]
    with demo_store.transaction() as s:
        prefs.forget_basemap(s, "/x/b.mbtiles")
    with demo_store.read() as s:
        assert prefs.current_basemap(s) == "" and len(prefs.basemaps(s)) == 1


def test_bad_ring_text_is_refused():
    """Ring radii must be positive numbers of kilometres."""
    for text in ("a,b", "-1", "0", "1,2,3,4,5,6,7,8,9"):
        with pytest.raises(ValueError):
            prefs.parse_rings(text)


def test_warnings_by_division_code_are_drawn_by_outline_or_a_labelled_circle():
    """A county with a shipped outline is drawn by that outline; a township with only a seat becomes a circle
    sized to an average township of its county (灌云县's area over its 18 townships), tagged 示意范围, and the
    collection carries the note the map shows for such circles; a polygon of the warning's own wins."""
    import math

    from commanddesk.map import boundaries
    from commanddesk.services.warnings import WarningArea, WarningDivision

    county = WarningDivision("320723", "灌云县", "county", "320700", 34.3, 119.26)
    town = WarningDivision("320723101", "伊山镇", "town", "320723", 34.295, 119.255)
    outlines = [boundaries.load_builtin()]
    fc = payload.warning_areas_fc([WarningArea(1, "yellow", "地灾黄色预警", (), (county,)),
                                   WarningArea(2, "orange", "暴雨橙色预警", (), (town,))], outlines=outlines)
    by_id = {f["id"]: f for f in fc["features"]}
    outline = by_id["warning:1:320723"]
    assert outline["geometry"]["type"] in ("Polygon", "MultiPolygon") and "approx" not in outline["properties"]
    circle = by_id["warning:2:320723101"]
    assert circle["geometry"] == {"type": "Point", "coordinates": [119.255, 34.295]}
    area = payload.geometry_area_m2(outline["geometry"])
    assert 1.2e9 < area < 1.9e9  # 灌云县 is about 1,540 km²
    assert circle["properties"]["radius_m"] == round(math.sqrt(area / 18 / math.pi))
    assert circle["properties"]["approx"] and circle["properties"]["tag"] == "伊山镇（示意范围）"
    assert "示意范围" in circle["properties"]["label"] and fc["note"] == payload.SKETCH_NOTE.format(names="伊山镇")
    alone = payload.warning_areas_fc([WarningArea(2, "orange", "暴雨橙色预警", (), (town,))])  # no outlines shown
    assert alone["features"][0]["properties"]["radius_m"] == payload.FALLBACK_RADIUS_M["town"]
    own = payload.warning_areas_fc([WarningArea(3, "red", "红色预警", ((34.1, 119.1), (34.2, 119.1), (34.2, 119.2)))],
                                   outlines=outlines)
    assert [f["geometry"]["type"] for f in own["features"]] == ["Polygon"] and "note" not in own
    gcj = payload.warning_areas_fc([WarningArea(2, "orange", "暴雨橙色预警", (), (town,))], coords.GCJ02)
    assert gcj["features"][0]["geometry"]["coordinates"] != [119.255, 34.295]  # moved into the basemap's frame


# --- the wire form, diffs, zones, nearest names, areas ------------------------------------------------------------


def _feature(rid, lat=34.6, lon=119.2, **props):
    base = dict(shape="circle", color="#123456", glyph="队", radius=7, name=f"点{rid}")
    return payload._point("team", rid, lat, lon, coords.WGS84, **(base | props))


@pytest.mark.parametrize("props, flags", [({}, 0), ({"dash": True}, 1), ({"label": True}, 2), ({"idle": True}, 4),
                                          ({"dash": True, "label": True, "idle": True}, 7)])
def test_a_feature_travels_as_one_compact_row(props, flags):
    """[id, lat, lon, shape, colour, glyph, radius, name, flags]; the flags add up dashed 1, label 2, idle 4."""
    assert payload.wire(_feature(5, **props)) == [5, 34.6, 119.2, "circle", "#123456", "队", 7, "点5", flags]


def test_a_layer_update_sends_only_what_changed():
    """A changed or new feature goes again, an unchanged one does not, a vanished one is named for removal."""
    a, b, c = _feature(1), _feature(2), _feature(3)
    old = {"team:1": a, "team:2": b}
    moved = _feature(2, lat=34.7)
    upserts, removed = payload.diff(old, {"team:1": dict(a), "team:2": moved, "team:3": c})
    assert upserts == [moved, c] and removed == []
    upserts, removed = payload.diff(old, {"team:2": b})
    assert upserts == [] and removed == ["team:1"]


def test_zones_become_geojson_the_page_can_draw():
    """A circle is a Point with its radius, a polygon a closed ring in lon/lat; each in its kind's colour."""
    from commanddesk.services.zones import COLORS, Zone

    circle = Zone(1, "cordon", "核心警戒区", "circle", [], 34.6, 119.2, 500.0, 3, 785_398.0, 3_141.6)
    poly = Zone(2, "evacuation", "疏散区", "polygon", [(34.60, 119.20), (34.61, 119.22), (34.59, 119.23)], None, None,
                None, 3, 2e6, 6e3)
    fc = payload.zones_fc([circle, poly])
    first, second = fc["features"]
    assert first["geometry"] == {"type": "Point", "coordinates": [119.2, 34.6]}
    assert first["properties"]["radius_m"] == 500.0 and first["properties"]["color"] == COLORS["cordon"]
    ring = second["geometry"]["coordinates"][0]
    assert second["geometry"]["type"] == "Polygon" and ring[0] == ring[-1] and ring[1] == [119.22, 34.61]
    assert second["properties"]["color"] == COLORS["evacuation"] and second["properties"]["name"] == "疏散区"
    shifted = payload.zones_fc([circle], coords.GCJ02)["features"][0]["geometry"]["coordinates"]
    assert shifted != [119.2, 34.6]  # drawn where the GCJ-02 basemap has the place


def test_a_click_is_named_after_the_nearest_place_within_reach():
    """The nearest division point or hazard site within 1.5 km gives its name; farther, nothing."""
    layers = {"place": {"p1": payload._point("place", "p1", 34.600, 119.200, coords.WGS84, name="朝阳街道")},
              "hazard": {"h1": payload._point("hazard", "h1", 34.605, 119.205, coords.WGS84, name="某化工罐区")},
              "team": {"t1": payload._point("team", "t1", 34.6001, 119.2001, coords.WGS84, name="队伍不算")}}
    assert payload.nearest_place(layers, 34.6049, 119.2049, coords.WGS84) == "某化工罐区"
    assert payload.nearest_place(layers, 34.6001, 119.2001, coords.WGS84) == "朝阳街道"
    assert payload.nearest_place(layers, 34.70, 119.30, coords.WGS84) == ""


def test_an_area_counts_its_holes_out():
    """A 0.01° square near 34.6° N is about 1.02 km²; a hole of a quarter of it takes a quarter off."""
    outer = [[119.20, 34.60], [119.21, 34.60], [119.21, 34.61], [119.20, 34.61], [119.20, 34.60]]
    hole = [[119.2025, 34.6025], [119.2075, 34.6025], [119.2075, 34.6075], [119.2025, 34.6075], [119.2025, 34.6025]]
    whole = payload.geometry_area_m2({"type": "Polygon", "coordinates": [outer]})
    holed = payload.geometry_area_m2({"type": "Polygon", "coordinates": [outer, hole]})
    assert 0.95e6 < whole < 1.1e6
    assert holed == pytest.approx(whole * 0.75, rel=0.02)
    assert payload.geometry_area_m2({"type": "MultiPolygon", "coordinates": [[outer], [outer]]}) == \
        pytest.approx(2 * whole)
