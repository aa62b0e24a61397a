"""MBTiles raster basemaps: open, check, read tiles, write (no Qt).

An MBTiles file is SQLite with a ``metadata`` (name, value) table and a
``tiles`` (zoom_level, tile_column, tile_row, tile_data) table or view, rows
numbered TMS-style (y from the south), as the MBTiles 1.3 specification says.
"""

from __future__ import annotations

import math
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from . import coords

MIME = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp"}
MAGIC = ((b"\x89PNG", "png"), (b"\xff\xd8\xff", "jpg"), (b"RIFF", "webp"))
GCJ_HINTS = ("gcj", "gcj02", "gcj-02", "火星", "国测局")
MAX_ZOOM = 24  # web maps stop at about 22; a zoom beyond this in a file is not a basemap's
MAX_META = 2000  # characters kept of a metadata value (name, attribution) for the legend


class MBTilesError(ValueError):
    """A file that is not a usable MBTiles basemap (message in Chinese)."""


@dataclass(frozen=True)
class Info:
    """What the map needs to know about one basemap file."""

    path: str
    name: str
    format: str  # png/jpg/webp
    minzoom: int
    maxzoom: int
    bounds: tuple[float, float, float, float] | None  # west, south, east, north
    center: tuple[float, float, int] | None  # lat, lon, zoom
    frame: str  # wgs84 or gcj02 as far as the metadata tells
    attribution: str = ""


class MBTiles:
    """A read-only MBTiles file, safe to read from any thread."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self.info = inspect(self.path, self._conn())

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = _connect(self.path)
            self._local.conn = conn
        return conn

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        """The tile at XYZ (web, y from the north) coordinates, or None (also for a cell that is no image data)."""
        if not 0 <= z <= MAX_ZOOM or not (0 <= x < (1 << z)) or not (0 <= y < (1 << z)):
            return None
        try:
            row = self._conn().execute(
                "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
                (z, x, (1 << z) - 1 - y)).fetchone()
        except sqlite3.Error:
            return None
        return bytes(row[0]) if row and isinstance(row[0], bytes | memoryview) else None

    def close(self) -> None:
        """Close this thread's connection."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


def _connect(path: Path) -> sqlite3.Connection:
    try:
        return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
    except sqlite3.Error as exc:
        raise MBTilesError(f"无法打开底图：{path.name}（{exc}），已保留当前底图。") from None


def sniff(data: bytes) -> str | None:
    """The image format of tile bytes by their magic number."""
    for magic, fmt in MAGIC:
        if data.startswith(magic):
            if fmt == "webp" and data[8:12] != b"WEBP":
                continue
            return fmt
    return None


def inspect(path: str | Path, conn: sqlite3.Connection | None = None) -> Info:
    """Check that *path* is an MBTiles raster basemap and describe it."""
    path = Path(path)
    bad = MBTilesError(f"无法打开底图：{path.name} 不是有效的 MBTiles 栅格瓦片文件（或已损坏），已保留当前底图。")
    if not path.is_file():
        raise MBTilesError(f"找不到底图文件：{path}")
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise MBTilesError(f"无法读取底图文件：{path.name}（{exc.strerror or exc}），已保留当前底图。") from None
    if head != b"SQLite format 3\x00":
        raise bad
    own = conn is None
    conn = conn or _connect(path)
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table','view')")}
        if not {"tiles", "metadata"} <= names:
            raise bad
        meta = {str(k): str(v)[:MAX_META] for k, v in conn.execute(
            "SELECT CAST(name AS TEXT), CAST(value AS TEXT) FROM metadata WHERE name IS NOT NULL AND value IS NOT NULL")}
        # zoom levels the tiles really have (integers in the web's range: anything else is not a tile of ours)
        zooms = conn.execute("SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles WHERE typeof(zoom_level) = 'integer'"
                             " AND zoom_level BETWEEN 0 AND ?", (MAX_ZOOM,)).fetchone()
        if zooms is None or zooms[0] is None:
            raise MBTilesError(f"底图文件中没有可用的瓦片：{path.name}，已保留当前底图。")
        sample = conn.execute("SELECT tile_data FROM tiles WHERE typeof(tile_data) = 'blob' LIMIT 1").fetchone()
    except (sqlite3.Error, UnicodeDecodeError, MemoryError) as exc:
        raise bad from exc
    finally:
        if own:
            conn.close()
    fmt = meta.get("format", "").lower().strip()
    sniffed = sniff(bytes(sample[0])) if sample else None
    if fmt in ("pbf", "mvt"):
        raise MBTilesError(f"{path.name} 是矢量瓦片（pbf），目前只支持 png / jpg / webp 栅格瓦片。")
    fmt = "jpg" if fmt == "jpeg" else fmt
    if fmt not in MIME:
        fmt = sniffed or ""
    if fmt not in MIME or sniffed is None:
        raise MBTilesError(f"{path.name} 中的瓦片不是 png / jpg / webp 图片，已保留当前底图。")
    return Info(
        path=str(path), name=meta.get("name") or path.stem, format=fmt,
        **_zooms(meta, int(zooms[0]), int(zooms[1])), bounds=_bounds(meta.get("bounds")), center=_center(meta.get("center")),
        frame=_frame(meta), attribution=meta.get("attribution", ""),
    )


def _int(text: str | None, default: int) -> int:
    try:
        value = float(text) if text not in (None, "") else default
    except ValueError:
        return default
    return int(value) if math.isfinite(value) and 0 <= value <= MAX_ZOOM else default


def _zooms(meta: dict[str, str], low: int, high: int) -> dict[str, int]:
    """minzoom and maxzoom from the metadata when usable, else from the tiles themselves."""
    minzoom, maxzoom = _int(meta.get("minzoom"), low), _int(meta.get("maxzoom"), high)
    return {"minzoom": minzoom, "maxzoom": maxzoom} if minzoom <= maxzoom else {"minzoom": low, "maxzoom": high}


def _floats(text: str | None, n: int) -> tuple | None:
    try:
        vals = tuple(float(v) for v in (text or "").split(","))
    except ValueError:
        return None
    return vals if len(vals) == n and all(math.isfinite(v) for v in vals) else None


def _bounds(text: str | None) -> tuple[float, float, float, float] | None:
    """west, south, east, north when they are a box on the earth."""
    vals = _floats(text, 4)
    if vals is None:
        return None
    west, south, east, north = vals
    ok = -180 <= west < east <= 180 and -90 <= south < north <= 90
    return vals if ok else None


def _center(text: str | None) -> tuple[float, float, int] | None:
    vals = _floats(text, 3)
    if vals is None or not (-180 <= vals[0] <= 180 and -90 <= vals[1] <= 90 and 0 <= vals[2] <= MAX_ZOOM):
        return None
    return vals[1], vals[0], int(vals[2])


def _frame(meta: dict[str, str]) -> str:
    """GCJ-02 when the metadata says so (no standard key exists; common ones are read)."""
    text = " ".join(meta.get(k, "") for k in ("crs", "srs", "coordinate_system", "frame", "description")).lower()
    return coords.GCJ02 if any(h in text for h in GCJ_HINTS) else coords.WGS84


def write(path: str | Path, tiles: dict[tuple[int, int, int], bytes], metadata: dict[str, str]) -> None:
    """Write an MBTiles file from {(z, x, y_xyz): bytes} (used for demos and tests)."""
    path = Path(path)
    if path.exists():
        path.unlink()
    conn = sqlite3.connect(path)
    try:
        conn.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
        conn.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)")
        conn.execute("CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)")
        conn.executemany("INSERT INTO metadata VALUES (?, ?)", list(metadata.items()))
        conn.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?)",
                         [(z, x, (1 << z) - 1 - y, data) for (z, x, y), data in tiles.items()])
        conn.commit()
    finally:
        conn.close()


def tiles_covering(bounds: tuple[float, float, float, float], z: int) -> list[tuple[int, int]]:
    """XYZ (x, y) of the tiles at zoom *z* covering (west, south, east, north)."""
    def xy(lat: float, lon: float) -> tuple[int, int]:
        """Tile column and row of a point at *zoom* (slippy-map numbering)."""
        n = 1 << z
        x = int((lon + 180.0) / 360.0 * n)
        r = math.radians(lat)
        y = int((1.0 - math.asinh(math.tan(r)) / math.pi) / 2.0 * n)
        return min(max(x, 0), n - 1), min(max(y, 0), n - 1)

    west, south, east, north = bounds
    x0, y0 = xy(north, west)
    x1, y1 = xy(south, east)
    return [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]
