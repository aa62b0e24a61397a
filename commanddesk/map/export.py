"""一张图快照: the situation map as one self-contained HTML file (no Qt).

Built with folium and its plugins (FastMarkerCluster for the dense layers,
MeasureControl for distances and areas, LayerControl), then every script and
style folium would fetch from a CDN is replaced by the package's local copy,
inlined, with the images the styles name turned into data: URLs. The result
opens offline in any browser; ``remote_references`` finds anything left over.
"""

from __future__ import annotations

import base64
import html
import json
import mimetypes
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from ..clock import BEIJING, format_beijing
from ..models import Incident
from ..paths import PACKAGE_DATA
from . import boundaries, coords, payload

VENDOR = PACKAGE_DATA / "map" / "web" / "vendor"
OPEN_AT_START = ("incident", "team")
RING_KM = (1, 3, 5)


def _leaflet_dir() -> Path:
    import xstatic.pkg.leaflet as xleaflet

    return Path(xleaflet.BASE_DIR)


def _assets() -> dict[str, Path]:
    """Local file for every asset name used below."""
    leaflet = _leaflet_dir()
    return {
        "cd-asset:leaflet.js": leaflet / "leaflet.js",
        "cd-asset:leaflet.css": leaflet / "leaflet.css",
        "cd-asset:markercluster.js": VENDOR / "leaflet.markercluster" / "leaflet.markercluster.js",
        "cd-asset:MarkerCluster.css": VENDOR / "leaflet.markercluster" / "MarkerCluster.css",
        "cd-asset:MarkerCluster.Default.css": VENDOR / "leaflet.markercluster" / "MarkerCluster.Default.css",
        "cd-asset:measure.js": VENDOR / "leaflet-measure" / "leaflet-measure.cn.js",
        "cd-asset:measure.css": VENDOR / "leaflet-measure" / "leaflet-measure.css",
    }


class ExportError(Exception):
    """Something the user can fix (unknown incident, …); one Chinese line."""


@dataclass(frozen=True)
class Snapshot:
    """The written file's text and what it shows."""

    html: str
    counts: dict[str, int]
    drill: bool
    incident_id: int | None


_CLUSTER_CALLBACK = """function (row) {
  var m = L.circleMarker(new L.LatLng(row[0], row[1]), {radius: row[4], color: '#222', weight: 1,
      fillColor: row[2], fillOpacity: 0.9});
  m.bindTooltip(row[3].replace(/[&<>]/g, function (c) { return {'&': '&amp;', '<': '&lt;', '>': '&gt;'}[c]; })
      .replace(/\\n/g, '<br>'));
  return m;
}"""


def _inline_css(text: str, base: Path) -> str:
    def repl(m: re.Match) -> str:
        ref = m.group(1).strip("'\" ")
        if ref.startswith(("data:", "#")) or "//" in ref:
            return m.group(0)
        f = (base / ref).resolve()
        if not f.is_file():
            return "url()"
        mime = mimetypes.guess_type(f.name)[0] or "application/octet-stream"
        return f"url(data:{mime};base64,{base64.b64encode(f.read_bytes()).decode()})"

    return re.sub(r"url\(([^)]*)\)", repl, text)


def inline_assets(page: str) -> str:
    """Replace every cd-asset: script and stylesheet link by its file's contents."""
    assets = _assets()

    def script(m: re.Match) -> str:
        path = assets[m.group(1)]
        code = path.read_text(encoding="utf-8").replace("</script", "<\\/script")
        code = code.replace('<a href="https://leafletjs.com" ', "<a ")  # Leaflet's attribution link: no remote href
        return f"<script>/* {path.parent.name}/{path.name} */\n{code}\n</script>"

    def style(m: re.Match) -> str:
        path = assets[m.group(1)]
        return f"<style>/* {path.parent.name}/{path.name} */\n{_inline_css(path.read_text(encoding='utf-8'), path.parent)}\n</style>"

    page = re.sub(r'<script src="(cd-asset:[^"]+)"></script>', script, page)
    page = re.sub(r'<link rel="stylesheet" href="(cd-asset:[^"]+)"\s*/?>', style, page)
    return page


REMOTE = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import""", re.I)


def remote_references(page: str) -> list[str]:
    """Every place in *page* that would make a browser fetch something (should be empty)."""
    return [page[max(0, m.start() - 40):m.end() + 60] for m in REMOTE.finditer(page)]


def _rows(features: dict[str, dict]) -> list[list]:
    out = []
    for f in features.values():
        lon, lat = f["geometry"]["coordinates"]
        p = f["properties"]
        out.append([lat, lon, p["color"], p.get("tip") or p["name"], max(4, int(p["radius"] * 0.7))])
    return out


def _draw_dispatched(folium, group, t: dict, incident: tuple[float, float]) -> None:
    """One dispatched team (payload.dispatched_teams) where its status puts it: the way it came from its
    base, its reported track with times, the straight line to the incident with the distance, a standing label."""
    here, col = [t["lat"], t["lon"]], t["color"]
    if t["track"]:
        folium.PolyLine([[q[0], q[1]] for q in t["track"]], color=col, weight=3, opacity=0.9).add_to(group)
        for q in t["track"]:
            folium.CircleMarker([q[0], q[1]], radius=3, color=col, weight=1, fill=True, fill_color="#fff",
                                fill_opacity=1, tooltip=html.escape(q[2])).add_to(group)
    if t["base"]:
        folium.PolyLine([t["base"], here], color=col, weight=2, dash_array="2,4", opacity=0.8).add_to(group)
        folium.CircleMarker(t["base"], radius=4, color=col, weight=2, fill=True, fill_color="#fff", fill_opacity=1,
                            tooltip=html.escape(f"{t['name']} 出发地")).add_to(group)
    label = f"{t['name']} · {_status_label(t['status'])}"
    if t["status"] != "on_scene":
        label += f" · 直线 {payload.format_distance(t['distance_m'])}"
        folium.PolyLine([here, list(incident)], color=col, weight=3, dash_array="8,5",
                        tooltip=html.escape(label)).add_to(group)
    if t["reported_at"]:
        label += f" · {datetime.fromisoformat(t['reported_at']).astimezone(BEIJING).strftime('%H:%M')} 报告位置"
    folium.CircleMarker(here, radius=9, color="#fff", weight=2, fill=True, fill_color=col, fill_opacity=1,
                        tooltip=folium.Tooltip(html.escape(label), permanent=True)).add_to(group)


def _bound_popup(folium, html_text: str, max_width: int = 320):
    """A popup bound to its parent layer from plain HTML text. folium.Popup builds its content with
    jQuery's $(), which the snapshot does not carry (and must not fetch)."""
    from branca.element import MacroElement
    from jinja2 import Template

    class BoundPopup(MacroElement):
        _template = Template("{% macro script(this, kwargs) %}{{ this._parent.get_name() }}.bindPopup("
                             "{{ this.html|tojson }}, {maxWidth: {{ this.max_width }}});{% endmacro %}")

        def __init__(self) -> None:
            super().__init__()
            self._name = "BoundPopup"
            self.html, self.max_width = html_text, int(max_width)

    return BoundPopup()


def _warning_popup(row, area) -> str:
    """A warning's popup: headline, type, colour, issuer, issue and expiry times (Beijing)."""
    from ..services import warnings

    if row is None:
        return f"<b>{html.escape(area.label)}</b>"
    lines = [("类型", row.type_label), ("颜色", warnings.COLOUR_LABELS.get(row.colour, row.colour)),
             ("发布单位", row.issuer), ("发布时间", format_beijing(row.issued_at, False)),
             ("失效时间", format_beijing(row.expires_at, False) if row.expires_at else "未给出"),
             ("范围", row.area_desc)]
    body = "<br>".join(f"{k}：{html.escape(v)}" for k, v in lines if v)
    return f'<div style="min-width:220px"><b>{html.escape(row.headline)}</b><br>{body}</div>'


def _draw_warnings(folium, m, session: Session, drill: bool, outlines: dict) -> tuple[int, str]:
    """Warnings in force as the map page draws them (payload.warning_areas_fc): their polygon, the outline
    of each division they name, or a dotted sketch circle around its seat (示意范围); each with a popup.
    Returns how many warnings were drawn and the sketch note ("" if none)."""
    from ..services import warnings

    was = session.info.get("drill")
    session.info["drill"] = drill  # the snapshot's side (drill or real), as for its incidents
    try:
        areas = warnings.map_areas(session)
        rows = {r.id: r for r in warnings.listing(session, live_only=True)}
    finally:
        session.info["drill"] = was
    fc = payload.warning_areas_fc(areas, coords.WGS84, [outlines])
    if not fc["features"]:
        return 0, ""
    by_id = {a.id: a for a in areas}
    group = folium.FeatureGroup(name=f"预警范围（{len(by_id)}）", show=True)
    for f in fc["features"]:
        p = f["properties"]
        popup = _warning_popup(rows.get(p["id"]), by_id[p["id"]])
        tag = p.get("tag") or p.get("division") or p["label"]
        if p.get("approx"):
            lon, lat = f["geometry"]["coordinates"]
            folium.Circle([lat, lon], radius=p["radius_m"], color=p["color"], weight=2.5, dash_array="2,6",
                          fill=True, fill_color=p["color"], fill_opacity=0.08,
                          tooltip=html.escape(p["label"])).add_child(_bound_popup(folium, popup)).add_to(group)
            folium.Marker([lat + p["radius_m"] / 111_320, lon], icon=folium.DivIcon(  # on the circle's top edge
                html=f'<div class="cd-warn-tag" style="color:{p["color"]}">{html.escape(tag)}</div>',
                icon_size=(160, 16), icon_anchor=(80, 8))).add_to(group)
        else:
            colour = p["color"]
            folium.GeoJson(f, style_function=lambda _f, c=colour: {
                "color": c, "weight": 2.5, "dashArray": "10,6", "fillColor": c, "fillOpacity": 0.15},
                tooltip=html.escape(p["label"])).add_child(_bound_popup(folium, popup)).add_to(group)
    group.add_to(m)
    return len(by_id), fc.get("note", "")


def build(session: Session, incident_id: int | None = None, drill: bool | None = None) -> Snapshot:
    """The situation map of the store as one HTML text (every layer, rings and routes around *incident_id*)."""
    import folium
    from folium import plugins

    clock = session.info.get("clock")
    now = clock.now() if clock is not None else datetime.now().astimezone()
    focus = None
    if incident_id is not None:
        focus = session.get(Incident, incident_id)
        if focus is None:
            raise ExportError(f"事件 #{incident_id} 不存在")
        if focus.lat is None or focus.lon is None:
            raise ExportError(f"事件 #{incident_id} 没有坐标，无法生成态势图")
        if drill is None:
            drill = bool(focus.is_drill)
    drill = bool(drill)
    layers = payload.build_layers(session, coords.WGS84, drill)
    if focus is not None:
        centre, zoom = [focus.lat, focus.lon], 13
    else:
        pts = [f["geometry"]["coordinates"] for k in ("team", "warehouse", "hazard") for f in layers[k].values()]
        centre = [sorted(p[1] for p in pts)[len(pts) // 2], sorted(p[0] for p in pts)[len(pts) // 2]] if pts \
            else [34.65, 119.30]
        zoom = 11

    m = folium.Map(location=centre, zoom_start=zoom, tiles=None, control_scale=False, prefer_canvas=True,
                   attributionControl=False, maxZoom=18, minZoom=5)
    m.default_js = [("leaflet", "cd-asset:leaflet.js")]
    m.default_css = [("leaflet_css", "cd-asset:leaflet.css")]
    outlines = boundaries.load_builtin()
    folium.GeoJson(outlines, name="行政区划", control=False,
                   style_function=lambda f: {"color": "#6b5b95", "weight": 1.5, "fillColor": "#f7f3e8",
                                             "fillOpacity": 0.6, "dashArray": "5,4"}).add_to(m)
    drawn, note = _draw_warnings(folium, m, session, drill, outlines)  # under the markers and zones
    counts = {"warning": drawn}
    for kind in reversed(payload.LAYERS):  # incidents on top
        rows = _rows(layers[kind])
        counts[kind] = len(rows)
        group = folium.FeatureGroup(name=f"{payload.LAYER_TITLES[kind]}（{len(rows)}）", show=kind in OPEN_AT_START)
        if kind == "incident":
            for lat, lon, color, tip, _r in rows:
                folium.CircleMarker([lat, lon], radius=10, color="#111", weight=2, fill=True, fill_color=color,
                                    fill_opacity=0.95, tooltip=html.escape(tip).replace("\n", "<br>")).add_to(group)
        elif rows:
            fmc = plugins.FastMarkerCluster(rows, callback=_CLUSTER_CALLBACK,
                                            options={"spiderfyOnMaxZoom": True, "showCoverageOnHover": False})
            fmc.default_js = [("markerclusterjs", "cd-asset:markercluster.js")]
            fmc.default_css = [("markerclustercss", "cd-asset:MarkerCluster.css"),
                               ("markerclusterdefaultcss", "cd-asset:MarkerCluster.Default.css")]
            fmc.add_to(group)
        group.add_to(m)
    if focus is not None:
        rings = folium.FeatureGroup(name="圈层 1/3/5 公里", show=True)
        for km in RING_KM:
            folium.Circle([focus.lat, focus.lon], radius=km * 1000, color="#d97706", weight=2, dash_array="6,4",
                          fill=True, fill_opacity=0.04, tooltip=f"{km} km").add_to(rings)
        rings.add_to(m)
        routes = folium.FeatureGroup(name="调派队伍与直线距离", show=True)
        for t in payload.dispatched_teams(session, focus.id):  # where the map page draws them too
            _draw_dispatched(folium, routes, t, (focus.lat, focus.lon))
        routes.add_to(m)
    from ..services import zones as zones_service

    listed = zones_service.listed(session)
    if listed:
        zg = folium.FeatureGroup(name=f"区域（{len(listed)}）", show=True)
        for z in listed:
            color = zones_service.COLORS.get(z.kind, "#d62728")
            style = {"color": color, "weight": 2.5, "fill": True, "fill_color": color, "fill_opacity": 0.12,
                     "tooltip": folium.Tooltip(html.escape(z.label), permanent=True)}
            if z.shape == "circle":
                folium.Circle([z.lat, z.lon], radius=z.radius_m, **style).add_to(zg)
            else:
                folium.Polygon([list(p) for p in z.points], **style).add_to(zg)
        zg.add_to(m)
    counts["zone"] = len(listed)
    measure = plugins.MeasureControl(position="topleft", primary_length_unit="kilometers",
                                     secondary_length_unit="meters", primary_area_unit="sqmeters",
                                     secondary_area_unit="hectares")
    measure.default_js = [("leaflet_measure_js", "cd-asset:measure.js")]
    measure.default_css = [("leaflet_measure_css", "cd-asset:measure.css")]
    measure.add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    m.get_root().html.add_child(folium.Element(
        "<script>window.addEventListener('load', function () { "
        f"L.control.scale({{imperial: false, position: 'bottomright'}}).addTo({m.get_name()}); }});</script>"))
    m.get_root().header.add_child(folium.Element(_header_html()))
    m.get_root().html.add_child(folium.Element(_stamp_html(now, drill, focus)))
    m.get_root().html.add_child(folium.Element(_legend_html(note)))
    page = m.get_root().render()
    page = inline_assets(page)
    page = page.replace("<head>", '<head>\n<meta charset="utf-8"><title>一张图快照</title>', 1)
    return Snapshot(page, counts, drill, focus.id if focus is not None else None)


def _status_label(status: str) -> str:
    from .. import catalogues

    return catalogues.label("team_status", status)


def _header_html() -> str:
    return """<style>
.cd-stamp { position: fixed; top: 8px; left: 50%; transform: translateX(-50%); z-index: 1000;
  background: rgba(255,255,255,.94); padding: 4px 12px; border-radius: 4px; font: bold 14px sans-serif;
  box-shadow: 0 1px 4px rgba(0,0,0,.35); }
.cd-drill { position: fixed; top: 40%; left: 50%; transform: translate(-50%, -50%) rotate(-20deg); z-index: 999;
  font: bold 120px sans-serif; color: rgba(200,16,46,.18); pointer-events: none; }
.cd-legend { position: fixed; bottom: 60px; left: 10px; z-index: 1001; background: rgba(255,255,255,.94);
  padding: 4px 8px; border-radius: 4px; font: 12px sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.35); }
.cd-legend summary { font-weight: bold; cursor: pointer; }
.cd-warn-tag { font: bold 12px sans-serif; text-align: center; white-space: nowrap;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff; pointer-events: none; }
.cd-warn-note { max-width: 260px; font-size: 11px; color: #444; margin-top: 2px; }
.cd-legend i { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px; }
</style>"""


def _stamp_html(now: datetime, drill: bool, focus: Incident | None) -> str:
    stamp = now.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")
    title = ("【演练】" if drill else "") + "一张图快照" + (f" · {focus.title}" if focus is not None else "")
    mark = '<div class="cd-drill">演练</div>' if drill else ""
    return f'<div class="cd-stamp">{html.escape(title)} · 截至 {stamp}（北京时间）</div>{mark}'


def _legend_html(warning_note: str = "") -> str:
    from ..services import warnings

    parts = ['<details class="cd-legend"><summary>图例</summary>']
    for sec in payload.legend():
        if not sec["items"] or sec["layer"] is None:  # None: the map page's highlight key (not drawn here)
            continue
        parts.append(f"<div><b>{html.escape(sec['title'])}</b><br>")
        parts.extend(f'<span><i style="background:{it["color"]}"></i>{html.escape(it["label"])}</span> '
                     for it in sec["items"])
        parts.append("</div>")
    parts.append("<div><b>预警范围（单击查看预警）</b><br>")
    parts.extend(f'<span><i style="background:{c}"></i>{html.escape(warnings.COLOUR_LABELS[k])}</span> '
                 for k, c in payload.WARNING_COLOURS.items())
    parts.append('<br><span><i style="border:2px dotted #555;background:none;width:8px;height:8px"></i>'
                 "点线圆：示意范围</span>")
    if warning_note:
        parts.append(f'<div class="cd-warn-note">{html.escape(warning_note)}</div>')
    parts.append("</div></details>")
    return "".join(parts)


def write(session: Session, out: str | Path, incident_id: int | None = None, drill: bool | None = None) -> Snapshot:
    """Build the snapshot and write it to *out* (UTF-8)."""
    snap = build(session, incident_id, drill)
    Path(out).write_text(snap.html, encoding="utf-8")
    return snap
