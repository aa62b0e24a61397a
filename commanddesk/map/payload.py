"""What the map page draws, as JSON-ready dicts built from the store (no Qt).

Every layer is a dict ``{key: feature}`` of GeoJSON point features whose
properties carry the record (``kind``, ``id``, ``name``), a hover text
(``tip``) and the drawing style (``shape``, ``color``, ``glyph``,
``radius``), so the page only draws and the rules live here, testable.
Coordinates are stored WGS-84 and given in the basemap's ``frame``.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import catalogues
from ..models import (
    CLOSED_STATUSES,
    Dispatch, HazardSite, Incident, Jurisdiction, RescueTeam, Shelter, TeamPosition, TeamType, Warehouse,
)
from . import coords

LAYERS = ("hazard", "shelter", "warehouse", "team", "incident")  # drawing order, bottom first
RECORD_KINDS = LAYERS
PLACE = "place"
LAYER_TITLES = {"incident": "突发事件", "team": "救援队伍", "warehouse": "物资仓库",
                "shelter": "避难场所", "hazard": "风险隐患点", PLACE: "地名"}
OPEN_AT_START = ("place", "team", "incident")  # the rest one click away in the legend
IDLE_STATUSES = ("available", "unavailable")  # teams not on a task: drawn only when asked for

GRADE_COLORS = {1: "#c8102e", 2: "#f26a1b", 3: "#f2c200", 4: "#2b6cb0", None: "#6b7280"}
STATUS_COLORS = {
    "available": "#1e9e50", "alerted": "#d4a000", "assembling": "#ef7d10", "dispatched": "#1d64d8",
    "en_route": "#0f9bd7", "on_scene": "#b4237f", "returning": "#5f8f7a", "unavailable": "#8a8f98",
}
LEVEL_COLORS = {"city": "#4b2a86", "county": "#7b52c7", "town": "#a98ddf"}
LEVEL_RADIUS = {"city": 11, "county": 10, "town": 8}
RISK_COLORS = {"major": "#d7191c", "high": "#f17c0f", "medium": "#e8c100", "low": "#2c7fb8"}
SHELTER_CLASSES = (  # (minimum free share, colour, legend text)
    (0.5, "#1a9850", "空余过半"), (0.1, "#e39b12", "空余 10%–50%"), (1e-9, "#d73027", "空余不足 10%"),
    (-1.0, "#7f7f7f", "已满或无容量"),
)
TEAM_GLYPHS = {
    "fire": "消", "flood": "汛", "hazmat": "化", "geohazard": "地", "forest_fire": "林", "env_pollution": "环",
    "road_bridge": "路", "construction": "建", "public_health": "卫", "animal_epidemic": "疫",
    "counter_terror": "警", "special_equipment": "特", "power": "电", "water": "水", "transport": "运",
    "water_rescue": "搜", "meteorological": "气", "militia": "民", "social": "社", "expert": "专", "medical": "医",
}
HAZARD_GLYPHS = {
    "chemical_park": "化", "major_hazard_source": "危", "hazmat_terminal": "码", "tank_farm": "罐",
    "fuel_station": "油", "fireworks_store": "爆", "dust_explosion": "尘", "aluminium_casting": "铝",
    "non_coal_mine": "矿", "building_site": "工", "spoil_dump": "渣", "high_rise": "高", "mall": "商",
    "crowded_venue": "众", "old_estate": "旧", "logistics": "储", "heritage": "文", "gas_station_network": "燃",
    "pipeline": "管", "transport_hub": "交", "dike": "堤", "reservoir": "库", "flood_storage": "洪",
    "geohazard": "地", "forest_block": "林", "expressway_segment": "路", "nuclear": "核", "port": "港",
}


def _point(kind: str, rid: int | str, lat: float, lon: float, frame: str, **props) -> dict:
    dlat, dlon = coords.to_display(lat, lon, frame)
    return {"type": "Feature", "id": f"{kind}:{rid}",
            "geometry": {"type": "Point", "coordinates": [round(dlon, 6), round(dlat, 6)]},
            "properties": {"kind": kind, "id": rid, **props}}


def grade_label(grade: int | None) -> str:
    """特别重大 … 一般, or 未定级."""
    return catalogues.label("grade_level", str(grade)) if grade else "未定级"


def incident_feature(inc: Incident, frame: str = coords.WGS84) -> dict:
    """One incident: colour by grade; a drill is marked 演 and dashed."""
    kind_label = catalogues.label("incident_type", inc.type) if inc.type else ""
    tip = "\n".join(filter(None, [("【演练】" if inc.is_drill else "") + inc.title,
                                  f"{grade_label(inc.grade)}{'（预测）' if inc.grade_predicted else ''}"
                                  + (f" · {kind_label}" if kind_label else ""), inc.place_text]))
    return _point("incident", inc.id, inc.lat, inc.lon, frame, name=inc.title, tip=tip,
                  shape="circle", color=GRADE_COLORS.get(inc.grade, GRADE_COLORS[None]),
                  glyph="演" if inc.is_drill else "!", radius=12, dash=bool(inc.is_drill))


def team_feature(t: RescueTeam, type_names: dict[str, str], frame: str = coords.WGS84) -> dict:
    """One team: glyph by type, colour by status."""
    type_name = type_names.get(t.team_type, t.team_type)
    status = catalogues.label("team_status", t.status)
    tip = f"{t.name}\n{type_name} · {status}\n在岗 {t.on_duty} / {t.headcount} 人"
    return _point("team", t.id, t.lat, t.lon, frame, name=t.name, tip=tip, shape="square",
                  color=STATUS_COLORS.get(t.status, "#8a8f98"), status=t.status, idle=t.status in IDLE_STATUSES,
                  glyph=TEAM_GLYPHS.get(t.team_type) or (type_name[:1] or "队"), radius=9)


def warehouse_feature(w: Warehouse, frame: str = coords.WGS84) -> dict:
    """One depot: colour and size by level."""
    tip = f"{w.name}\n{catalogues.label('warehouse_level', w.level)}" + (f"\n{w.address}" if w.address else "")
    return _point("warehouse", w.id, w.lat, w.lon, frame, name=w.name, tip=tip, shape="house",
                  color=LEVEL_COLORS.get(w.level, "#7b52c7"), glyph="储", radius=LEVEL_RADIUS.get(w.level, 9))


def shelter_class(capacity: int, occupancy: int) -> tuple[str, str]:
    """(colour, legend text) of a shelter by its free share."""
    free = (capacity - occupancy) / capacity if capacity > 0 else -1.0
    if capacity > 0 and occupancy >= capacity:
        free = -1.0
    for minimum, color, text in SHELTER_CLASSES:
        if free >= minimum:
            return color, text
    return SHELTER_CLASSES[-1][1], SHELTER_CLASSES[-1][2]


def shelter_feature(s: Shelter, frame: str = coords.WGS84) -> dict:
    """One shelter: colour by free places, size by capacity."""
    color, _ = shelter_class(s.capacity, s.occupancy)
    free = max(0, s.capacity - s.occupancy)
    tip = (f"{s.name}\n{catalogues.label('shelter_level', s.level)} · {catalogues.label('shelter_status', s.status)}"
           f"\n容量 {s.capacity} 人，已安置 {s.occupancy} 人，空余 {free} 人")
    radius = 7 + min(6, int((max(s.capacity, 0) ** 0.5) / 40))
    return _point("shelter", s.id, s.lat, s.lon, frame, name=s.name, tip=tip, shape="circle",
                  color=color, glyph="避", radius=radius, free=free)


def hazard_feature(h: HazardSite, frame: str = coords.WGS84) -> dict:
    """One hazard site: colour by risk level, glyph by kind."""
    kind = catalogues.label("hazard_kind", h.kind)
    tip = f"{h.name}\n{kind} · {catalogues.label('risk_level', h.risk_level)}" + (f"\n{h.owner_unit}" if h.owner_unit else "")
    return _point("hazard", h.id, h.lat, h.lon, frame, name=h.name, tip=tip, shape="diamond",
                  color=RISK_COLORS.get(h.risk_level, "#2c7fb8"), glyph=HAZARD_GLYPHS.get(h.kind, kind[:1] or "险"),
                  radius=9)


def place_feature(j: Jurisdiction, frame: str = coords.WGS84) -> dict:
    """One named division as a small dot; towns and zones get a standing label."""
    return _point(PLACE, j.code, j.lat, j.lon, frame, name=j.name, tip=j.name, shape="dot", color="#4b5563",
                  glyph="", radius=3 if j.level == "village" else 4, label=j.level in ("town", "zone"))


ALL_KINDS = (*LAYERS, PLACE)
# Which layers a change notice (Notifier.sig_data_changed key) can affect; keys not
# listed here refresh every layer, keys mapped to () none.
KINDS_BY_KEY: dict[str, tuple[str, ...]] = {
    "teams": ("team",), "dispatch": ("team", "incident"), "warehouses": ("warehouse",),
    "shelters": ("shelter",), "hazards": ("hazard",), "incidents": ("incident",),
    "items": (), "stock": (), "organisations": (), "contacts": (), "operators": (), "settings": (),
    "zones": (),  # the zones are sent on their own (zones_fc)
}


@contextmanager
def paused_gc() -> Iterator[None]:
    """Hold the cyclic garbage collector while building many small acyclic dicts.

    Thousands of features trigger collections that scan the whole process
    (SQLAlchemy, Qt wrappers) and find nothing; pausing halves the build time.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class LayerBuilder:
    """Builds layers from the store, reusing the feature of every row that has not changed.

    Rows are read as plain Core tuples (several times faster than ORM objects
    for thousands of points) and compared with the previous read, so a
    refresh after a few status changes rebuilds only those few features.
    """

    def __init__(self, frame: str = coords.WGS84, drill: bool = False) -> None:
        self.frame, self.drill = frame, drill
        self._rows: dict[str, dict[str, tuple]] = {}
        self._type_names: dict[str, str] = {}

    def configure(self, frame: str, drill: bool) -> None:
        """Change frame or drill mode; features built for the old ones are dropped."""
        if frame != self.frame:
            self._rows.clear()
        elif drill != self.drill:
            self._rows.pop("incident", None)
        self.frame, self.drill = frame, drill

    def build(self, session: Session, kinds: Iterable[str] = ALL_KINDS) -> dict[str, dict[str, dict]]:
        """The features of the given layers keyed by "kind:id"."""
        with paused_gc():
            return self._build(session, kinds)

    def _build(self, session: Session, kinds: Iterable[str]) -> dict[str, dict[str, dict]]:
        conn = session.connection()
        layers: dict[str, dict[str, dict]] = {}
        if "team" in kinds:
            names = dict(conn.execute(select(TeamType.code, TeamType.name)).all())
            if names != self._type_names:
                self._type_names = names
                self._rows.pop("team", None)
        for kind in kinds:
            query, make = self._source(kind)
            old, new, layer = self._rows.get(kind, {}), {}, {}
            for row in conn.execute(query).all():
                values = tuple(row)  # plain tuples compare in C; Row objects do not
                key = f"{kind}:{values[0]}"
                hit = old.get(key)
                feature = hit[1] if hit is not None and hit[0] == values else make(row, self.frame)
                new[key] = (values, feature)
                layer[key] = feature
            self._rows[kind] = new
            layers[kind] = layer
        return layers

    def _source(self, kind: str):
        def q(model, *cols, where=()):
            return select(*(getattr(model, c) for c in ("id", "lat", "lon") + cols)).where(
                model.lat.is_not(None), model.lon.is_not(None), *where)

        if kind == "incident":
            return (q(Incident, "title", "type", "grade", "grade_predicted", "place_text", "is_drill",
                      where=(Incident.is_drill.is_(self.drill), Incident.status.not_in(CLOSED_STATUSES))),
                    incident_feature)
        if kind == "team":
            names = self._type_names
            return (q(RescueTeam, "name", "team_type", "status", "on_duty", "headcount"),
                    lambda row, frame: team_feature(row, names, frame))
        if kind == "warehouse":
            return q(Warehouse, "name", "level", "address"), warehouse_feature
        if kind == "shelter":
            return q(Shelter, "name", "level", "status", "capacity", "occupancy"), shelter_feature
        if kind == "hazard":
            return q(HazardSite, "name", "kind", "risk_level", "owner_unit"), hazard_feature
        if kind == PLACE:
            return (select(Jurisdiction.code, Jurisdiction.lat, Jurisdiction.lon, Jurisdiction.name,
                           Jurisdiction.level).where(Jurisdiction.lat.is_not(None), Jurisdiction.lon.is_not(None),
                                                     Jurisdiction.level.in_(("zone", "town", "village"))),
                    place_feature)
        raise ValueError(f"unknown map layer: {kind}")


def build_layers(session: Session, frame: str = coords.WGS84, drill: bool = False,
                 kinds: Iterable[str] = ALL_KINDS) -> dict[str, dict[str, dict]]:
    """The features of the given layers keyed by "kind:id"; only drill or only real incidents."""
    return LayerBuilder(frame, drill).build(session, tuple(kinds))


def wire(feature: dict) -> list:
    """The compact form a feature travels in to the page (hover texts are fetched on demand).

    [id, lat, lon, shape, color, glyph, radius, name, flags]; flags: 1 dashed, 2 standing label,
    4 a team not on a task (hidden unless idle teams are asked for).
    """
    p = feature["properties"]
    lon, lat = feature["geometry"]["coordinates"]
    return [p["id"], lat, lon, p["shape"], p["color"], p["glyph"], p["radius"], p["name"],
            (1 if p.get("dash") else 0) | (2 if p.get("label") else 0) | (4 if p.get("idle") else 0)]


def diff(old: dict[str, dict], new: dict[str, dict]) -> tuple[list[dict], list[str]]:
    """(features added or changed, keys removed) between two versions of a layer."""
    upserts = [f for k, f in new.items() if old.get(k) is not f and old.get(k) != f]
    removed = [k for k in old if k not in new]
    return upserts, removed


def legend() -> list[dict]:
    """The legend: per layer its title and the swatches that explain its styles."""
    def item(label: str, color: str, shape: str, glyph: str = "") -> dict:
        return {"label": label, "color": color, "shape": shape, "glyph": glyph}

    return [
        {"layer": "incident", "title": LAYER_TITLES["incident"],
         "items": [item(grade_label(g), GRADE_COLORS[g], "circle", "!") for g in (1, 2, 3, 4)]
         + [item("未定级", GRADE_COLORS[None], "circle", "!")]},
        {"layer": "team", "title": LAYER_TITLES["team"] + "（字为类型，色为状态）",
         "items": [item(catalogues.label("team_status", s), c, "square", "队") for s, c in STATUS_COLORS.items()]},
        {"layer": "warehouse", "title": LAYER_TITLES["warehouse"],
         "items": [item(catalogues.label("warehouse_level", lv), c, "house", "储") for lv, c in LEVEL_COLORS.items()]},
        {"layer": "shelter", "title": LAYER_TITLES["shelter"],
         "items": [item(text, c, "circle", "避") for _, c, text in SHELTER_CLASSES]},
        {"layer": "hazard", "title": LAYER_TITLES["hazard"] + "（字为类别）",
         "items": [item(catalogues.label("risk_level", r), c, "diamond", "险") for r, c in RISK_COLORS.items()]},
        {"layer": PLACE, "title": LAYER_TITLES[PLACE], "items": []},
        {"layer": None, "title": "事件周边（在地图上查看）",
         "items": [item("已调派（所在位置）", STATUS_COLORS["dispatched"], "circle"),
                   item("推荐（调派建议前 3 支）", RECOMMENDED_COLOR, "ring")]},
    ]


@dataclass(frozen=True)
class SearchEntry:
    """A thing the search box can find: its text, where it is, what it is."""

    text: str
    lat: float
    lon: float
    kind: str  # a layer key, "place" or "area"
    key: str  # "team:12", "place:320703001" or the area code


def search_entries(layers: dict[str, dict[str, dict]], areas: Iterable[dict] = (),
                   frame: str = coords.WGS84) -> list[SearchEntry]:
    """Search entries for every feature and every named area, in stored WGS-84."""
    out = []
    for kind, features in layers.items():
        title = LAYER_TITLES.get(kind, kind)
        for key, f in features.items():
            lon, lat = f["geometry"]["coordinates"]
            lat, lon = coords.from_display(lat, lon, frame)
            out.append(SearchEntry(f"{f['properties']['name']} · {title}", lat, lon, kind, key))
    for fc in areas:
        for f in fc["features"]:
            p = f["properties"]
            if p.get("label") and p.get("name"):
                out.append(SearchEntry(f"{p['name']} · 行政区", p["label"][0], p["label"][1], "area",
                                       str(p.get("code") or p["name"])))
    return out


RECOMMENDED_COLOR = "#7b2cbf"  # recommended teams: a dashed ring and line in this colour, label 推荐


def highlight(session: Session, items: list[tuple[str, int]], around_incident: int | None,
              frame: str = coords.WGS84, recommended: Iterable[int] = ()) -> dict:
    """Lines from an incident to the given teams/warehouses/… with straight-line distances.

    Teams whose ids are in *recommended* (the dispatch recommendation's first ones) are
    marked ``recommended`` and labelled 推荐. Around an incident its dispatched teams are
    added (or replace the same team among *items*), drawn where their status puts them
    (dispatched_teams).
    """
    recommended = {f"team:{t}" for t in recommended}
    models = {"team": RescueTeam, "warehouse": Warehouse, "shelter": Shelter, "hazard": HazardSite,
              "incident": Incident}
    centre = session.get(Incident, around_incident) if around_incident is not None else None
    origin = (centre.lat, centre.lon) if centre is not None and centre.lat is not None else None
    targets = []
    for kind, rid in items:
        model = models.get(kind)
        row = session.get(model, rid) if model is not None else None
        if row is None or row.lat is None or row.lon is None:
            continue
        dist = coords.distance_m(origin[0], origin[1], row.lat, row.lon) if origin else None
        lat, lon = coords.to_display(row.lat, row.lon, frame)
        text = f"{row.name}  {format_distance(dist)}" if dist is not None else row.name
        target = {"key": f"{kind}:{rid}", "lat": lat, "lon": lon, "name": row.name,
                  "distance_m": round(dist) if dist is not None else None, "text": text}
        if target["key"] in recommended:
            target |= {"recommended": True, "color": RECOMMENDED_COLOR, "text": f"推荐 · {text}"}
        targets.append(target)
    if around_incident is not None and origin:
        moving = {t["key"]: t for t in dispatched_teams(session, around_incident, frame)}
        targets = [moving.pop(t["key"], t) for t in targets] + list(moving.values())
    out: dict = {"targets": targets, "origin": None}
    if origin:
        lat, lon = coords.to_display(origin[0], origin[1], frame)
        out["origin"] = {"lat": lat, "lon": lon, "key": f"incident:{around_incident}"}
    return out


ACTIVE_DISPATCH = ("alerted", "assembling", "dispatched", "en_route", "on_scene", "returning")
AT_BASE = ("alerted", "assembling", "dispatched")


def _along(a: tuple[float, float], b: tuple[float, float], share: float) -> tuple[float, float]:
    return a[0] + (b[0] - a[0]) * share, a[1] + (b[1] - a[1]) * share


def dispatched_teams(session: Session, incident_id: int, frame: str = coords.WGS84) -> list[dict]:
    """The incident's active dispatches as highlight targets, each drawn where its status puts it.

    Waiting to leave (已通知/集结中/已调派): at its base. 途中: at its last reported
    position, else along the straight line by the time gone of the estimated
    travel time. 到场: at the incident. 返回中: last reported position, else half way.
    A reported position carries its time (HH:MM, Beijing).
    """
    from ..clock import BEIJING

    inc = session.get(Incident, incident_id)
    if inc is None or inc.lat is None or inc.lon is None:
        return []
    origin = (inc.lat, inc.lon)
    now = session.info["clock"].now() if "clock" in session.info else None
    rows = session.execute(
        select(Dispatch, RescueTeam, TeamPosition)
        .join(RescueTeam, RescueTeam.id == Dispatch.team_id)
        .outerjoin(TeamPosition, TeamPosition.team_id == RescueTeam.id)
        .where(Dispatch.incident_id == incident_id, Dispatch.status.in_(ACTIVE_DISPATCH))
        .order_by(Dispatch.id)).all()
    from ..services import tracks

    reported_points = tracks.points(session, [team.id for _d, team, _p in rows])
    out = []
    for d, team, pos in rows:
        if team.lat is None or team.lon is None:
            continue
        track = []
        for at, tlat, tlon in reported_points.get(team.id, []):
            if at >= d.ordered_at:
                dl, do = coords.to_display(tlat, tlon, frame)
                track.append([dl, do, at.astimezone(BEIJING).strftime("%H:%M")])
        base = (team.lat, team.lon)
        reported = None
        if d.status == "on_scene":
            here = origin
        elif pos is not None and d.status not in AT_BASE:
            here, reported = (pos.lat, pos.lon), pos.at
        elif d.status == "en_route":
            share = 0.5
            if now is not None and d.departed_at is not None and d.eta_at is not None and d.eta_at > d.departed_at:
                share = (now - d.departed_at) / (d.eta_at - d.departed_at)
            here = _along(base, origin, min(0.95, max(0.05, share)))
        elif d.status == "returning":
            here = _along(base, origin, 0.5)
        else:
            here = base
        dist = coords.distance_m(here[0], here[1], *origin)
        label = catalogues.label("team_status", d.status)
        text = f"{team.name} · {label}" + (f" · {format_distance(dist)}" if d.status != "on_scene" else "")
        if reported is not None:
            text += f" · {reported.astimezone(BEIJING).strftime('%H:%M')} 报告位置"
        lat, lon = coords.to_display(*here, frame)
        blat, blon = coords.to_display(*base, frame)
        out.append({"key": f"team:{team.id}", "lat": lat, "lon": lon, "name": team.name, "status": d.status,
                    "color": STATUS_COLORS.get(d.status, "#1d64d8"), "distance_m": round(dist), "text": text,
                    "base": [blat, blon] if here != base else None, "dispatched": True,
                    "reported_at": reported.isoformat() if reported is not None else None, "track": track})
    return out


def zones_fc(zones: Iterable, frame: str = coords.WGS84) -> dict:
    """Stored zones (services.zones.Zone) as GeoJSON for the page: Polygon, or Point with radius_m."""
    from ..services.zones import COLORS

    feats = []
    for z in zones:
        if z.shape == "circle":
            lat, lon = coords.to_display(z.lat, z.lon, frame)
            geom = {"type": "Point", "coordinates": [round(lon, 7), round(lat, 7)]}
        else:
            ring = [coords.to_display(a, b, frame) for a, b in z.points]
            ring.append(ring[0])
            geom = {"type": "Polygon", "coordinates": [[[round(b, 7), round(a, 7)] for a, b in ring]]}
        feats.append({"type": "Feature", "id": f"zone:{z.id}", "geometry": geom,
                      "properties": {"id": z.id, "kind": z.kind, "name": z.name, "label": z.label,
                                     "color": COLORS.get(z.kind, "#d62728"), "radius_m": z.radius_m}})
    return {"type": "FeatureCollection", "features": feats}


# warning colours on the map (GB/T-style 蓝黄橙红, the yellow darkened to read on a light basemap)
WARNING_COLOURS = {"blue": "#1f5fbf", "yellow": "#c9a400", "orange": "#f07c00", "red": "#d0021b"}


SKETCH_NOTE = ("点线圆为示意范围（{names}）：预警只给出区划代码，又无该区划边界，以乡镇（街道）驻地为中心、"
               "按所属县区面积与乡镇数估算大小，不是实际边界")
FALLBACK_RADIUS_M = {"village": 1_000, "town": 3_000}  # no county outline to size it by
OTHER_RADIUS_M = 8_000  # a county, zone or city without an outline


def warning_areas_fc(areas: Iterable, frame: str = coords.WGS84, outlines: Iterable[dict] = ()) -> dict:
    """Warnings in force (services.warnings.WarningArea) in their colour, for setWarningAreas.

    A warning's own polygon is drawn as it is. A warning known only by division codes is drawn by the
    outlines of those divisions among *outlines* (the boundary FeatureCollections the map shows, WGS-84);
    a division without an outline but with a seat becomes a circle around the seat (``approx``), sized
    to an average township of its county, and the collection's ``note`` says what such circles are.
    """
    by_code = {str(f["properties"].get("code")): f for fc in outlines for f in fc.get("features", ())
               if f.get("properties", {}).get("code")}
    feats, sketched = [], []
    for a in areas:
        colour = WARNING_COLOURS.get(a.colour, "#d0021b")
        props = {"id": a.id, "kind": "warning", "name": a.headline, "label": a.label, "color": colour}
        if a.points:
            ring = [coords.to_display(lat, lon, frame) for lat, lon in a.points]
            if ring[0] != ring[-1]:
                ring.append(ring[0])
            feats.append({"type": "Feature", "id": f"warning:{a.id}",
                          "geometry": {"type": "Polygon",
                                       "coordinates": [[[round(b, 7), round(x, 7)] for x, b in ring]]},
                          "properties": props})
            continue
        for d in a.divisions:
            outline = by_code.get(d.code)
            if outline is not None:
                geom = coords.map_positions(outline["geometry"], lambda lat, lon: coords.to_display(lat, lon, frame))
                feats.append({"type": "Feature", "id": f"warning:{a.id}:{d.code}", "geometry": geom,
                              "properties": props | {"division": d.name}})
            elif d.lat is not None and d.lon is not None:
                radius = sketch_radius_m(d, by_code)
                lat, lon = coords.to_display(d.lat, d.lon, frame)
                sketched.append(d.name)
                feats.append({"type": "Feature", "id": f"warning:{a.id}:{d.code}",
                              "geometry": {"type": "Point", "coordinates": [round(lon, 7), round(lat, 7)]},
                              "properties": props | {
                                  "division": d.name, "approx": True, "radius_m": round(radius),
                                  "tag": f"{d.name}（示意范围）",
                                  "label": f"{a.label}。{d.name}：示意范围（半径约 {radius / 1000:.1f} km，"
                                           "以驻地为中心估算，非实际边界）"}})
    out = {"type": "FeatureCollection", "features": feats}
    if sketched:
        out["note"] = SKETCH_NOTE.format(names="、".join(dict.fromkeys(sketched)))  # which ones: they may be off screen
    return out


def sketch_radius_m(d, by_code: dict[str, dict]) -> float:
    """The radius of a circle as large as an average township of *d*'s county: the county outline's area
    over the number of townships the national gazetteer lists under it (1–15 km); fixed sizes without one."""
    if d.level not in FALLBACK_RADIUS_M:
        return OTHER_RADIUS_M
    county = by_code.get(d.parent_code or "")
    towns = towns_per_county().get(d.parent_code or "", 0)
    if d.level != "town" or county is None or not towns:
        return FALLBACK_RADIUS_M[d.level]
    area = geometry_area_m2(county["geometry"])
    return min(15_000.0, max(1_000.0, math.sqrt(area / towns / math.pi)))


@cache
def towns_per_county() -> dict[str, int]:
    """County code → how many townships (乡镇、街道 and the like) the national gazetteer lists under it."""
    from ..reading.places import gazetteer_entries

    out: dict[str, int] = {}
    for e in gazetteer_entries():
        if e.level == "town" and e.parent:
            out[e.parent] = out.get(e.parent, 0) + 1
    return out


def geometry_area_m2(geometry: dict) -> float:
    """Area of a (Multi)Polygon in lon/lat, in m² (each ring projected at its own latitude; holes taken off)."""
    total = 0.0
    for poly in coords.polygons(geometry):
        for k, ring in enumerate(poly):
            if len(ring) < 3:
                continue
            lat0 = math.radians(sum(p[1] for p in ring) / len(ring))
            area = coords.ring_area(ring) * 111_320 * math.cos(lat0) * 110_574
            total += -area if k else area
    return max(total, 0.0)


def format_distance(metres: float | None) -> str:
    """1.2 km / 850 m."""
    if metres is None:
        return ""
    return f"{metres / 1000:.1f} km" if metres >= 1000 else f"{metres:.0f} m"


def nearest_place(layers: dict[str, dict[str, dict]], lat: float, lon: float, frame: str,
                  within_m: float = 1500.0) -> str:
    """The name of the nearest division point or hazard site within *within_m*, or ""."""
    best, best_d = "", within_m
    for kind in (PLACE, "hazard"):
        for f in layers.get(kind, {}).values():
            flon, flat = f["geometry"]["coordinates"]
            flat, flon = coords.from_display(flat, flon, frame)
            d = coords.distance_m(lat, lon, flat, flon)
            if d < best_d:
                best, best_d = f["properties"]["name"], d
    return best
