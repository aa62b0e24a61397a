"""Coordinate frames and plane geometry for the map (no Qt).

commanddesk stores WGS-84 (GPS) coordinates. Maps published in mainland China
(高德, 腾讯 and most domestic tile sets) are drawn in GCJ-02, the WGS-84 frame
with the state's obfuscating offset of a few hundred metres added. To draw
WGS-84 data on such a basemap, the data are shifted into GCJ-02; a click on it
is shifted back. The forward transform is the widely published one; the
inverse is found by fixed-point iteration to well under a millimetre.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence

WGS84 = "wgs84"
GCJ02 = "gcj02"
FRAMES = (WGS84, GCJ02)

_A = 6378245.0  # Krasovsky 1940 semi-major axis used by GCJ-02
_EE = 0.00669342162296594323  # its first eccentricity squared
EARTH_RADIUS_M = 6371008.8  # mean radius, for great-circle distances


def out_of_china(lat: float, lon: float) -> bool:
    """True where GCJ-02 applies no offset (the published rough box)."""
    return not (72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _dlat(x: float, y: float) -> float:
    r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    r += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    r += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    r += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return r


def _dlon(x: float, y: float) -> float:
    r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    r += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    r += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    r += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return r


def wgs_to_gcj(lat: float, lon: float) -> tuple[float, float]:
    """Shift a WGS-84 point into GCJ-02 (unchanged outside China)."""
    if out_of_china(lat, lon):
        return lat, lon
    dlat = _dlat(lon - 105.0, lat - 35.0)
    dlon = _dlon(lon - 105.0, lat - 35.0)
    radlat = math.radians(lat)
    magic = 1.0 - _EE * math.sin(radlat) ** 2
    sqrt_magic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * math.pi)
    dlon = (dlon * 180.0) / (_A / sqrt_magic * math.cos(radlat) * math.pi)
    return lat + dlat, lon + dlon


def gcj_to_wgs(lat: float, lon: float) -> tuple[float, float]:
    """Shift a GCJ-02 point back to WGS-84 (iterated to < 1e-9 degrees)."""
    if out_of_china(lat, lon):
        return lat, lon
    wlat, wlon = lat, lon
    for _ in range(30):
        glat, glon = wgs_to_gcj(wlat, wlon)
        elat, elon = glat - lat, glon - lon
        wlat, wlon = wlat - elat, wlon - elon
        if abs(elat) < 1e-10 and abs(elon) < 1e-10:
            break
    return wlat, wlon


def to_display(lat: float, lon: float, frame: str) -> tuple[float, float]:
    """A stored WGS-84 point in the basemap's frame."""
    return wgs_to_gcj(lat, lon) if frame == GCJ02 else (lat, lon)


def from_display(lat: float, lon: float, frame: str) -> tuple[float, float]:
    """A point clicked on a basemap of *frame*, back in WGS-84."""
    return gcj_to_wgs(lat, lon) if frame == GCJ02 else (lat, lon)


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (straight-line) distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


# --- GeoJSON geometry helpers (positions are [lon, lat]) ---------------------

Ring = list[list[float]]


def map_positions(geometry: dict, fn: Callable[[float, float], tuple[float, float]]) -> dict:
    """A copy of a Polygon/MultiPolygon/LineString geometry with fn(lat, lon) applied."""
    def ring(r: Iterable[Sequence[float]]) -> Ring:
        """One ring of [lon, lat] points with *fn* applied to each."""
        out = []
        for p in r:
            lat, lon = fn(p[1], p[0])
            out.append([lon, lat])
        return out

    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "Point":
        lat, lon = fn(coords[1], coords[0])
        new: object = [lon, lat]
    elif kind in ("LineString", "MultiPoint"):
        new = ring(coords)
    elif kind in ("Polygon", "MultiLineString"):
        new = [ring(r) for r in coords]
    elif kind == "MultiPolygon":
        new = [[ring(r) for r in poly] for poly in coords]
    else:
        raise ValueError(f"不支持的几何类型：{kind}")
    return {"type": kind, "coordinates": new}


def polygons(geometry: dict) -> list[list[Ring]]:
    """The polygons of a Polygon or MultiPolygon as lists of rings."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def simplify_ring(ring: Ring, tolerance: float) -> Ring:
    """Douglas–Peucker simplification of a closed ring, keeping at least 4 points."""
    if len(ring) <= 4:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    # A closed ring's end points coincide; split at the farthest point so the
    # line tests have two distinct anchors.
    far = max(range(len(ring)), key=lambda i: (ring[i][0] - ring[0][0]) ** 2 + (ring[i][1] - ring[0][1]) ** 2)
    keep[far] = True
    stack = [(0, far), (far, len(ring) - 1)]
    while stack:
        a, b = stack.pop()
        if b - a < 2:
            continue
        ax, ay = ring[a]
        bx, by = ring[b]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy) or 1e-12
        best, idx = -1.0, -1
        for i in range(a + 1, b):
            px, py = ring[i]
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm
            if d > best:
                best, idx = d, i
        if best > tolerance:
            keep[idx] = True
            stack.append((a, idx))
            stack.append((idx, b))
    out = [p for p, k in zip(ring, keep) if k]
    return out if len(out) >= 4 else ring


def point_in_ring(lat: float, lon: float, ring: Ring) -> bool:
    """Even-odd test of a point against one ring."""
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def point_in_geometry(lat: float, lon: float, geometry: dict) -> bool:
    """True if the point lies inside a Polygon/MultiPolygon (holes respected)."""
    for poly in polygons(geometry):
        if poly and point_in_ring(lat, lon, poly[0]) and not any(point_in_ring(lat, lon, h) for h in poly[1:]):
            return True
    return False


def ring_area(ring: Ring) -> float:
    """Unsigned planar area of a ring in square degrees (for ranking only)."""
    s = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        s += x1 * y2 - x2 * y1
    return abs(s) / 2


def label_point(geometry: dict) -> tuple[float, float] | None:
    """A point inside the largest polygon, near its middle, for a name label."""
    polys = [p for p in polygons(geometry) if p and len(p[0]) >= 4]
    if not polys:
        return None
    outer = max(polys, key=lambda p: ring_area(p[0]))
    ring = outer[0]
    lats = [p[1] for p in ring]
    lat = (min(lats) + max(lats)) / 2
    # Widest inside stretch of the horizontal line through the middle latitude.
    xs = []
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > lat) != (y2 > lat):
            xs.append(x1 + (lat - y1) * (x2 - x1) / (y2 - y1))
    xs.sort()
    spans = [(xs[i], xs[i + 1]) for i in range(0, len(xs) - 1, 2)]
    if not spans:
        return lat, ring[0][0]
    a, b = max(spans, key=lambda s: s[1] - s[0])
    return lat, (a + b) / 2


def bounds(geometries: Iterable[dict]) -> tuple[float, float, float, float] | None:
    """(south, west, north, east) of polygon geometries, or None if empty."""
    s = w = math.inf
    n = e = -math.inf
    for g in geometries:
        for poly in polygons(g):
            for x, y in poly[0] if poly else ():
                s, n, w, e = min(s, y), max(n, y), min(w, x), max(e, x)
    return None if s == math.inf else (s, w, n, e)
