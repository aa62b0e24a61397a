"""The map's remembered choices, kept in the ``setting`` table (no Qt).

Keys: ``map.basemaps`` (JSON list of opened MBTiles files), ``map.basemap``
(the path shown, "" for the vector basemap), ``map.boundaries`` (JSON list of
boundary sources) and ``map.rings_km`` ("1,3,5").
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from sqlalchemy.orm import Session

from ..services import settings
from . import coords

BASEMAPS, CURRENT, BOUNDARIES, RINGS = "map.basemaps", "map.basemap", "map.boundaries", "map.rings_km"
DEFAULT_RINGS = (1.0, 3.0, 5.0)
BUILTIN_SOURCE = {"kind": "builtin"}


@dataclass(frozen=True)
class Basemap:
    """An MBTiles file the user opened."""

    path: str
    name: str
    frame: str = coords.WGS84


def _load_list(session: Session, key: str) -> list:
    try:
        value = json.loads(settings.get(session, key) or "[]")
    except json.JSONDecodeError:
        return []
    return value if isinstance(value, list) else []


def basemaps(session: Session) -> list[Basemap]:
    """The remembered MBTiles basemaps, in the order they were added."""
    out = []
    for item in _load_list(session, BASEMAPS):
        if isinstance(item, dict) and item.get("path"):
            frame = item.get("frame") if item.get("frame") in coords.FRAMES else coords.WGS84
            out.append(Basemap(str(item["path"]), str(item.get("name") or item["path"]), frame))
    return out


def remember_basemap(session: Session, basemap: Basemap) -> None:
    """Add (or update) a basemap in the list."""
    items = [b for b in basemaps(session) if b.path != basemap.path] + [basemap]
    settings.put(session, BASEMAPS, json.dumps([asdict(b) for b in items], ensure_ascii=False))


def forget_basemap(session: Session, path: str) -> None:
    """Drop a basemap from the list (and from display if it was shown)."""
    items = [b for b in basemaps(session) if b.path != path]
    settings.put(session, BASEMAPS, json.dumps([asdict(b) for b in items], ensure_ascii=False))
    if current_basemap(session) == path:
        settings.put(session, CURRENT, "")


def current_basemap(session: Session) -> str:
    """The path of the basemap shown, or "" for the vector basemap."""
    return settings.get(session, CURRENT)


def set_current_basemap(session: Session, path: str) -> None:
    """Remember which basemap is shown."""
    settings.put(session, CURRENT, path)


def boundary_sources(session: Session) -> list[dict]:
    """Where the boundary layer comes from: builtin, cnmaps codes or files."""
    items = [i for i in _load_list(session, BOUNDARIES) if isinstance(i, dict) and i.get("kind")]
    return items or [dict(BUILTIN_SOURCE)]


def set_boundary_sources(session: Session, sources: list[dict]) -> None:
    """Remember the boundary sources."""
    settings.put(session, BOUNDARIES, json.dumps(sources, ensure_ascii=False))


def rings_km(session: Session) -> tuple[float, ...]:
    """The radii of the rings drawn around an incident."""
    try:
        return parse_rings(settings.get(session, RINGS)) or DEFAULT_RINGS
    except ValueError:
        return DEFAULT_RINGS


def parse_rings(text: str) -> tuple[float, ...]:
    """Radii from text such as "1, 3, 5" or "0.5，2"; ValueError (Chinese) if bad."""
    parts = [p for p in text.replace("，", ",").replace("、", ",").replace(" ", ",").split(",") if p]
    try:
        radii = sorted({float(p) for p in parts})
    except ValueError as exc:
        raise ValueError("圈层半径应为以逗号分隔的公里数，例如 1,3,5。") from exc
    if any(r <= 0 or r > 200 for r in radii) or len(radii) > 8:
        raise ValueError("圈层半径应在 0 到 200 公里之间，最多 8 个。")
    return tuple(radii)


def set_rings_km(session: Session, radii: tuple[float, ...]) -> None:
    """Remember the ring radii."""
    settings.put(session, RINGS, ",".join(f"{r:g}" for r in radii))
