"""一张图快照: one HTML file that opens offline, with clusters, rings, routes, stamp and drill mark."""

import json
from datetime import datetime

from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWebEngineWidgets import QWebEngineView
from sqlalchemy import select

from commanddesk.map import export, payload, schemes
from commanddesk.models import Dispatch, RescueTeam

from .conftest import spin


def _dispatch(store, incident_id: int, code: str, status: str) -> RescueTeam:
    with store.transaction() as s:
        team = s.scalars(select(RescueTeam).where(RescueTeam.code == code)).one()
        s.add(Dispatch(incident_id=incident_id, team_id=team.id, order_number=f"测-{code}", status=status,
                       ordered_at=store.clock.now()))
        s.expunge(team)
        return team


def test_snapshot_is_self_contained_with_every_layer(map_store):
    """Every script and style is inlined; nothing in the file points at the network."""
    with map_store.read() as s:
        snap = export.build(s)
    assert snap.counts == {"warning": 0, "incident": 2, "team": 81, "warehouse": 15, "shelter": 37, "hazard": 127,
                           "zone": 0}
    assert export.remote_references(snap.html) == []
    assert "<script src=" not in snap.html and "<link rel=\"stylesheet\"" not in snap.html
    assert "L.markerClusterGroup" in snap.html and "L.Control.Measure" in snap.html
    assert "截至 2026-11-23 22:00（北京时间）" in snap.html and "演练</div>" not in snap.html
    assert len(snap.html.encode()) < 3_000_000


def test_snapshot_around_an_incident_shows_rings_and_dispatched_teams(map_store):
    """Centred on the incident, 1/3/5 km rings, each dispatched team with its straight-line distance."""
    inc = map_store.test_ids["major"]
    team = _dispatch(map_store, inc, "T003", "en_route")
    with map_store.read() as s:
        snap = export.build(s, inc)
    assert snap.incident_id == inc and not snap.drill
    assert '"radius": 5000' in snap.html and '"radius": 1000' in snap.html
    assert f"{team.name} · " in snap.html and "直线 " in snap.html
    assert "某化工企业储罐泄漏爆炸" in snap.html


def test_dispatched_teams_in_the_snapshot_are_where_the_map_page_draws_them(map_store):
    """On the way: along its line, labelled with status and straight-line distance; on scene: at the incident."""
    inc = map_store.test_ids["major"]
    on_way = _dispatch(map_store, inc, "T005", "en_route")
    there = _dispatch(map_store, inc, "T006", "on_scene")
    with map_store.read() as s:
        placed = {t["key"]: t for t in payload.dispatched_teams(s, inc)}
        snap = export.build(s, inc)
    way, scene = placed[f"team:{on_way.id}"], placed[f"team:{there.id}"]
    assert (way["lat"], way["lon"]) != (on_way.lat, on_way.lon) and way["base"]
    assert f"[{way['lat']}, {way['lon']}]" in snap.html and f"[{scene['lat']}, {scene['lon']}]" in snap.html
    assert f"{on_way.name} · 途中 · 直线 {payload.format_distance(way['distance_m'])}" in snap.html
    assert f"{there.name} · 到场" in snap.html and f"{there.name} · 到场 · 直线" not in snap.html
    assert '"permanent": true' in snap.html


def test_zones_are_in_the_snapshot(map_store):
    """Stored zones are drawn with their name, kind and area."""
    from commanddesk.services import zones

    with map_store.transaction() as s:
        zones.add(s, "疏散区", "下风向疏散区", centre=(34.63, 119.31), radius_m=800)
    with map_store.read() as s:
        snap = export.build(s)
    assert snap.counts["zone"] == 1 and "下风向疏散区（疏散区，约 2.01 平方公里）" in snap.html
    with map_store.transaction() as s:
        zones.remove(s, zones.listed(s)[0].id)


def test_warnings_in_force_are_a_layer_of_the_snapshot(map_store):
    """Live warnings as the map page draws them: a polygon, a county by its outline, a township as a dotted
    示意范围 circle; each in its colour with a popup (type, colour, issuer, times); legend and note; a lifted
    warning and a drill warning are not in the real snapshot."""
    from datetime import timedelta

    from commanddesk.services import warnings

    now = map_store.clock.now()
    with map_store.transaction() as s:
        red = warnings.create(s, type="rainstorm", colour="red", issuer="连云港市气象台", areas=["320706"],
                              issued_at=now - timedelta(minutes=5), expires_at=now + timedelta(hours=6),
                              polygon=[[34.55, 119.10], [34.80, 119.10], [34.80, 119.45], [34.55, 119.10]]).id
        county = warnings.create(s, type="rainstorm", colour="blue", issuer="灌南县气象台", areas=["320724"],
                                 issued_at=now - timedelta(minutes=9)).id
        town = warnings.create(s, type="geological", colour="yellow", issuer="连云港市自然资源和规划局",
                               areas=["320723101"], issued_at=now - timedelta(minutes=5),
                               expires_at=now + timedelta(hours=6)).id
        lifted = warnings.create(s, type="rainstorm", colour="orange", issuer="已解除台", areas=["320722"],
                                 issued_at=now - timedelta(minutes=5)).id
        warnings.lift(s, lifted)
    try:
        with map_store.read() as s:
            snap = export.build(s)
        page = snap.html
        assert snap.counts["warning"] == 3
        assert json.dumps("预警范围（3）") in page and "已解除台" not in page  # the layer switch (JSON-escaped)
        assert page.count('"dashArray": "10,6"') == 2  # the polygon and the county outline
        assert f'"color": "{payload.WARNING_COLOURS["red"]}"' in page
        assert '"color": "#1f5fbf"' in page  # blue: 灌南县 by its outline
        assert '"dashArray": "2,6"' in page and json.dumps("伊山镇（示意范围）")[1:-1] in page  # its tag
        assert "非实际边界" in page
        def said(text: str) -> bool:  # popups are bound from JSON strings
            return json.dumps(text)[1:-1] in page

        assert said("发布单位：连云港市自然资源和规划局") and said("类型：地质灾害") and said("颜色：黄色")
        assert said(f"发布时间：{(now - timedelta(minutes=5)).astimezone(export.BEIJING):%Y-%m-%d %H:%M}")
        assert said("失效时间：未给出")  # the county warning has no expiry
        assert page.count(".bindPopup(") >= 3 and "$(" not in page  # no jQuery in the snapshot
        assert "预警范围（单击查看预警）" in page and "点线圆：示意范围" in page
        assert export.remote_references(page) == [] and len(page.encode()) < 3_000_000
        with map_store.read() as s:
            assert export.build(s, drill=True).counts["warning"] == 0  # drill side: none of these
    finally:
        with map_store.transaction() as s:
            for wid in (red, county, town):
                warnings.lift(s, wid)


def test_a_drill_snapshot_is_marked(map_store, tmp_path):
    """A drill incident's snapshot carries the 演练 mark and only drill incidents."""
    out = tmp_path / "drill.html"
    with map_store.read() as s:
        snap = export.write(s, out, map_store.test_ids["drill"])
    assert snap.drill and snap.counts["incident"] == 1
    text = out.read_text(encoding="utf-8")
    assert "演练</div>" in text and "【演练】一张图快照" in text


def test_unknown_incident_is_refused(map_store):
    with map_store.read() as s:
        try:
            export.build(s, 99999)
        except export.ExportError as exc:
            assert "不存在" in str(exc)
        else:
            raise AssertionError("no error")


def test_snapshot_opens_in_a_browser_without_network(qapp, map_store):
    """Loaded in QtWebEngine behind the request gate: clusters drawn, nothing blocked, no errors
    (also from a warning's popup)."""
    from datetime import timedelta

    from commanddesk.services import warnings

    with map_store.transaction() as s:
        wid = warnings.create(s, type="rainstorm", colour="orange", issuer="连云港市气象台", areas=["320706"],
                              issued_at=map_store.clock.now() - timedelta(minutes=5))
        wid = wid.id
    try:
        with map_store.read() as s:
            snap = export.build(s)
    finally:
        with map_store.transaction() as s:
            warnings.lift(s, wid)
    assert snap.counts["warning"] == 1
    profile = schemes.configure_profile()
    gate = schemes.gate()
    gate.reset()

    class Page(QWebEnginePage):
        errors: list = []

        def javaScriptConsoleMessage(self, level, message, line, source):  # noqa: N802
            if level == QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel:
                self.errors.append(message)

    view = QWebEngineView()
    page = Page(profile, view)
    view.setPage(page)
    view.resize(900, 700)
    view.show()
    done: list = []
    page.loadFinished.connect(done.append)
    page.setHtml(snap.html, QUrl("app://export/"))
    spin(lambda: done, timeout=15)
    def clusters() -> int:
        got: list = []
        page.runJavaScript("document.querySelectorAll('.marker-cluster').length", 0, got.append)
        spin(lambda: got)
        return got[0]

    spin(lambda: clusters() > 0, timeout=10)
    assert done == [True]
    assert gate.blocked == [] and page.errors == []
    view.close()
    view.deleteLater()
