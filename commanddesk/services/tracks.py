"""Teams' reported positions with their time: typed, or read from a GPS/北斗 track file (GPX or CSV). No Qt.

Every point is kept (``team_track_point``, audited); the newest also becomes the
team's current position (``team_position``), which distances and the map use.
GPX: ``<trkpt lat= lon=><time>`` (UTC or with offset). CSV: a header with a time
column (时间/time), latitude (纬度/lat) and longitude (经度/lon); times without an
offset are Beijing time. Coordinates are WGS-84, as GPS and 北斗 receivers give them.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clock import BEIJING
from ..errors import UserError, ValidationError
from ..models import RescueTeam, TeamPosition, TeamTrackPoint
from . import auth

TIME_COLS = ("时间", "time", "timestamp", "定位时间", "datetime")
LAT_COLS = ("纬度", "lat", "latitude", "y")
LON_COLS = ("经度", "lon", "lng", "long", "longitude", "x")
MAX_POINTS = 20_000
MAX_BYTES = 20 * 1024 * 1024  # a track file: 20,000 GPX points are about 2 MB


def _check(lat: float, lon: float) -> None:
    if not (3 <= lat <= 54 and 73 <= lon <= 136):
        raise ValidationError(f"位置（{lat:.5f}, {lon:.5f}）不在中国境内（纬度 3–54，经度 73–136，WGS-84）。", "lat")


def _time(text: str) -> datetime:
    t = text.strip().replace("Z", "+00:00").replace("/", "-")
    try:
        at = datetime.fromisoformat(t)
    except ValueError:
        raise ValidationError(f"无法识别的时间：“{text}”（应如 2026-11-23 21:40 或 2026-11-23T13:40:00Z）。", "time") from None
    at = at if at.tzinfo is not None else at.replace(tzinfo=BEIJING)
    try:
        year = at.astimezone(timezone.utc).year
    except OverflowError:
        year = 0
    if not 1990 <= year <= 2200:
        raise ValidationError(f"时间“{text}”不在 1990 年至 2200 年之间。", "time")
    return at


def _float(text, what: str) -> float:
    try:
        return float(text)
    except (TypeError, ValueError):
        raise ValidationError(f"{what}“{text}”不是数字。", "file") from None


def parse_gpx(text: str) -> list[tuple[datetime, float, float]]:
    """(time, lat, lon) of every track or route point that has a time."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(text.encode("utf-8") if isinstance(text, str) else text, parser)
    except etree.XMLSyntaxError as exc:
        raise ValidationError(f"不是有效的 GPX 文件（{exc.msg}）。", "file") from None
    out = []
    for pt in root.iter("{*}trkpt", "{*}rtept", "{*}wpt"):
        when = next((c.text for c in pt if etree.QName(c).localname == "time" and c.text), None)
        if when is None:
            continue
        out.append((_time(when), _float(pt.get("lat"), "纬度"), _float(pt.get("lon"), "经度")))
    return out


def parse_csv(text: str) -> list[tuple[datetime, float, float]]:
    """(time, lat, lon) of every row of a CSV with time, latitude and longitude columns."""
    try:
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    except csv.Error as exc:
        raise ValidationError(f"CSV 文件无法读取（{exc}）。", "file") from None
    if not rows:
        raise ValidationError("CSV 文件是空的。", "file")
    head = [h.strip().lower() for h in rows[0]]

    def col(names: tuple[str, ...], what: str) -> int:
        for i, h in enumerate(head):
            if h in names:
                return i
        raise ValidationError(f"CSV 缺少“{what}”列（表头可写 {'、'.join(names[:3])}）。", "file")

    ti, la, lo = col(TIME_COLS, "时间"), col(LAT_COLS, "纬度"), col(LON_COLS, "经度")
    out = []
    for n, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        try:
            out.append((_time(row[ti]), float(row[la]), float(row[lo])))
        except (IndexError, ValueError):
            raise ValidationError(f"CSV 第 {n} 行无法读取：{','.join(row)}", "file") from None
    return out


def _team(session: Session, team_id: int) -> RescueTeam:
    team = session.get(RescueTeam, team_id)
    if team is None:
        raise UserError("该队伍已不存在。")
    return team


def _add(session: Session, team_id: int, points: list[tuple[datetime, float, float]], source: str,
         note: str = "") -> int:
    for _at, lat, lon in points:
        _check(lat, lon)
    for at, lat, lon in points:
        session.add(TeamTrackPoint(team_id=team_id, at=at, lat=lat, lon=lon, source=source, note=note[:200]))
    newest = max(points, key=lambda p: p[0])
    pos = session.get(TeamPosition, team_id)
    if pos is None:
        session.add(TeamPosition(team_id=team_id, lat=newest[1], lon=newest[2], at=newest[0], note=note[:200]))
    elif pos.at is None or pos.at <= newest[0]:
        pos.lat, pos.lon, pos.at = newest[1], newest[2], newest[0]
    session.flush()
    return len(points)


def report(session: Session, team_id: int, lat: float, lon: float, at: datetime | None = None,
           note: str = "") -> None:
    """A position typed by the officer (now, or at the time the team gave)."""
    auth.require(session.info.get("actor"), auth.Permission.EDIT_REGISTRY)
    _team(session, team_id)
    _add(session, team_id, [(at or session.info["clock"].now(), float(lat), float(lon))], "typed", note.strip())


def import_track(session: Session, team_id: int, path: str | Path) -> int:
    """Read a GPX or CSV track file for a team; all its points or none (Chinese refusal)."""
    auth.require(session.info.get("actor"), auth.Permission.EDIT_REGISTRY)
    _team(session, team_id)
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ValidationError(f"{path.name} 超过 {MAX_BYTES // 1024 // 1024} MB，请先抽稀。", "file")
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"无法读取轨迹文件 {path.name}（{getattr(exc, 'strerror', None) or exc}）。") from None
    kind = path.suffix.lower()
    if kind == ".gpx":
        points = parse_gpx(text)
    elif kind in (".csv", ".txt"):
        points = parse_csv(text)
    else:
        raise ValidationError(f"轨迹文件应为 .gpx 或 .csv：{path.name}", "file")
    if not points:
        raise ValidationError(f"{path.name} 中没有带时间的位置点。", "file")
    if len(points) > MAX_POINTS:
        raise ValidationError(f"{path.name} 有 {len(points)} 个点，超过 {MAX_POINTS} 个，请先抽稀。", "file")
    return _add(session, team_id, points, kind.lstrip(".").replace("txt", "csv"), path.name)


def points(session: Session, team_ids: list[int], since: datetime | None = None) -> dict[int, list[tuple[datetime, float, float]]]:
    """Each team's reported positions, oldest first (only those at or after *since*)."""
    q = select(TeamTrackPoint.team_id, TeamTrackPoint.at, TeamTrackPoint.lat, TeamTrackPoint.lon).where(
        TeamTrackPoint.team_id.in_(team_ids)).order_by(TeamTrackPoint.at, TeamTrackPoint.id)
    if since is not None:
        q = q.where(TeamTrackPoint.at >= since)
    out: dict[int, list] = {}
    for tid, at, lat, lon in session.execute(q):
        out.setdefault(tid, []).append((at, lat, lon))
    return out
