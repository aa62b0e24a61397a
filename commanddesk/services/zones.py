"""Zones on the map (警戒区、疏散区、管控区): drawn, named, stored and audited (no Qt).

A zone is a polygon (a WGS-84 ring) or a circle (centre and radius in metres),
optionally tied to an incident. Every seat reads the same rows, so a zone drawn
at one seat shows on the others at their next refresh (change notice "zones").
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import UserError, ValidationError
from ..models import Incident, MapZone
from . import auth

KINDS = {"cordon": "警戒区", "evacuation": "疏散区", "control": "管控区"}
COLORS = {"cordon": "#d62728", "evacuation": "#ff9f1c", "control": "#6a3d9a"}
EARTH_R = 6_371_008.8


@dataclass(frozen=True)
class Zone:
    """A stored zone as the map draws it."""

    id: int
    kind: str
    name: str
    shape: str
    points: list[tuple[float, float]]
    lat: float | None
    lon: float | None
    radius_m: float | None
    incident_id: int | None
    area_m2: float
    perimeter_m: float

    @property
    def label(self) -> str:
        """名称（警戒区，约 1.2 平方公里）."""
        return f"{self.name}（{KINDS.get(self.kind, self.kind)}，{format_area(self.area_m2)}）"


def kind_code(text: str) -> str:
    """cordon / evacuation / control from the code or its Chinese name."""
    t = text.strip()
    for code, name in KINDS.items():
        if t in (code, name, name[:2]):
            return code
    raise ValidationError(f"区域类别应为 警戒区、疏散区 或 管控区，而不是“{text}”。", "kind")


def ring_area_m2(points: list[tuple[float, float]]) -> float:
    """Area of a ring of (lat, lon) on the sphere (spherical excess formula, metres²)."""
    if len(points) < 3:
        return 0.0
    total = 0.0
    pts = list(points) + [points[0]]
    for (la1, lo1), (la2, lo2) in zip(pts, pts[1:]):
        total += math.radians(lo2 - lo1) * (2 + math.sin(math.radians(la1)) + math.sin(math.radians(la2)))
    return abs(total) * EARTH_R * EARTH_R / 2


def path_length_m(points: list[tuple[float, float]], closed: bool = False) -> float:
    """Length of a path of (lat, lon) along great circles (metres); closed adds the way back."""
    from ..map.coords import distance_m

    pts = list(points) + ([points[0]] if closed and points else [])
    return sum(distance_m(a[0], a[1], b[0], b[1]) for a, b in zip(pts, pts[1:]))


def format_area(m2: float) -> str:
    """约 1.2 平方公里 / 约 3,500 平方米."""
    return f"约 {m2 / 1e6:.2f} 平方公里" if m2 >= 100_000 else f"约 {m2:,.0f} 平方米"


def _check_point(lat: float, lon: float) -> None:
    if not (3 <= lat <= 54 and 73 <= lon <= 136):
        raise ValidationError("区域不在中国境内（纬度 3–54，经度 73–136，WGS-84）。", "points")


def add(session: Session, kind: str, name: str, *, points: list[tuple[float, float]] | None = None,
        centre: tuple[float, float] | None = None, radius_m: float | None = None,
        incident_id: int | None = None, note: str = "") -> MapZone:
    """Store a polygon (points) or a circle (centre, radius_m); refused with a Chinese message."""
    actor = session.info.get("actor")
    auth.require(actor, auth.Permission.HANDLE_INCIDENT)
    code = kind_code(kind)
    name = name.strip()
    if not name:
        raise ValidationError("请为区域命名（如 罐区500米警戒区）。", "name")
    if incident_id is not None and session.get(Incident, incident_id) is None:
        raise UserError(f"事件 #{incident_id} 不存在。")
    zone = MapZone(kind=code, name=name[:100], incident_id=incident_id, note=note.strip(),
                   created_at=session.info["clock"].now(), actor_name=getattr(actor, "name", "") or "")
    if points is not None:
        ring = [(float(a), float(b)) for a, b in points]
        if len(ring) > 1 and ring[0] == ring[-1]:
            ring = ring[:-1]
        if len(ring) < 3:
            raise ValidationError("多边形区域至少需要三个点。", "points")
        for la, lo in ring:
            _check_point(la, lo)
        zone.shape, zone.points = "polygon", json.dumps([[round(a, 7), round(b, 7)] for a, b in ring])
    elif centre is not None and radius_m is not None:
        _check_point(*centre)
        if not (1 <= radius_m <= 100_000):
            raise ValidationError("圆形区域的半径应在 1 米到 100 公里之间。", "radius")
        zone.shape, zone.lat, zone.lon, zone.radius_m = "circle", centre[0], centre[1], float(radius_m)
    else:
        raise ValidationError("请画出区域：多边形或圆形。", "points")
    session.add(zone)
    session.flush()
    return zone


def remove(session: Session, zone_id: int) -> None:
    """Delete a zone (the audit log keeps what it was)."""
    auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    zone = session.get(MapZone, zone_id)
    if zone is None:
        raise UserError("该区域已不存在。")
    session.delete(zone)
    session.flush()


def listed(session: Session, incident_id: int | None = None) -> list[Zone]:
    """Every zone (or those of one incident), oldest first, with area and perimeter."""
    q = select(MapZone).order_by(MapZone.id)
    if incident_id is not None:
        q = q.where(MapZone.incident_id == incident_id)
    out = []
    for z in session.scalars(q):
        pts = [tuple(p) for p in json.loads(z.points)] if z.shape == "polygon" and z.points else []
        if z.shape == "circle":
            area, perim = math.pi * z.radius_m ** 2, 2 * math.pi * z.radius_m
        else:
            area, perim = ring_area_m2(pts), path_length_m(pts, closed=True)
        out.append(Zone(z.id, z.kind, z.name, z.shape, pts, z.lat, z.lon, z.radius_m, z.incident_id, area, perim))
    return out
