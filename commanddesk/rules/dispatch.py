"""The dispatch rule file: capability matrix, road factor, speeds and assembly times.

``load`` reads ``data/rules/dispatch/default.toml`` (or another file) into a
frozen :class:`DispatchRules`; ``role`` and ``estimate`` are the pure functions
the recommendation uses. Nothing here touches the database or Qt.
"""

from __future__ import annotations

import hashlib
import math
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..catalogues import catalogue
from . import RULES_DATA, FieldReader, RuleFileError

DEFAULT_FILE = RULES_DATA / "dispatch" / "default.toml"
ROLES = {"primary": "主责", "support": "协助"}
STATUSES = {"N": "法定", "L": "地方示例", "T": "规划目标", "U": "未核实"}
EARTH_RADIUS_KM = 6371.0088
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Travel:
    """How a team's arrival time is estimated."""

    road_factor: float
    default_speed_kmh: float
    turnout_minutes: int
    default_assembly_minutes: int
    arrival_grace_minutes: int


@dataclass(frozen=True)
class Capability:
    """Which incident types one team type serves, as lead force or in support."""

    team_type: str
    primary: tuple[str, ...]
    support: tuple[str, ...]


@dataclass(frozen=True)
class DispatchRules:
    """A versioned dispatch rule file."""

    id: str
    version: str
    title: str
    source: str
    status: str
    travel: Travel
    speed_kmh: dict[str, float]
    assembly_minutes: dict[str, int]
    capabilities: dict[str, Capability]
    content_hash: str
    path: Path

    @property
    def label(self) -> str:
        """Rule id and version, as stored on each dispatch."""
        return f"{self.id}@{self.version}"

    def speed(self, team_type: str, catalogue_speed: float | None = None) -> float:
        """Average speed of a team type: this file, else the type catalogue, else the default."""
        if team_type in self.speed_kmh:
            return self.speed_kmh[team_type]
        if catalogue_speed:
            return float(catalogue_speed)
        return self.travel.default_speed_kmh

    def assembly(self, team_type: str, assembles_on_order: bool) -> int:
        """Minutes from the order until the team rolls."""
        if not assembles_on_order:
            return self.travel.turnout_minutes
        return self.assembly_minutes.get(team_type, self.travel.default_assembly_minutes)


@dataclass(frozen=True)
class Estimate:
    """Distance and time for one team to reach one place."""

    straight_km: float
    road_km: float
    speed_kmh: float
    assembly_minutes: int
    travel_minutes: int

    @property
    def eta_minutes(self) -> int:
        """Minutes until arrival: assembly plus travel."""
        return self.assembly_minutes + self.travel_minutes


def _matches(pattern: str, incident_type: str) -> bool:
    if pattern == "*" or pattern == incident_type:
        return True
    return pattern.endswith(".*") and incident_type.startswith(pattern[:-1])


def role(rules: DispatchRules, team_type: str, incident_type: str) -> str | None:
    """"primary", "support" or None: what *team_type* is for *incident_type*."""
    cap = rules.capabilities.get(team_type)
    if cap is None:
        return None
    if any(_matches(p, incident_type) for p in cap.primary):
        return "primary"
    if any(_matches(p, incident_type) for p in cap.support):
        return "support"
    return None


def capable_types(rules: DispatchRules, incident_type: str) -> dict[str, str]:
    """{team type: role} of every team type that serves *incident_type*."""
    out = {}
    for code in rules.capabilities:
        r = role(rules, code, incident_type)
        if r is not None:
            out[code] = r
    return out


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two WGS-84 points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def estimate(rules: DispatchRules, straight_km: float, speed_kmh: float, assembly_minutes: int) -> Estimate:
    """Road distance and minutes to arrive (assembly or turnout included), rounded up."""
    road = straight_km * rules.travel.road_factor
    travel = math.ceil(road / speed_kmh * 60) if road > 0 else 0
    return Estimate(straight_km, road, speed_kmh, assembly_minutes, travel)


# --- loading -------------------------------------------------------------

def load(path: Path | str | None = None) -> DispatchRules:
    """Read and check a dispatch rule file (the default one unless *path* is given)."""
    return _load_cached(Path(path or DEFAULT_FILE).resolve())


@cache
def _load_cached(path: Path) -> DispatchRules:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RuleFileError(path, "（文件）", f"无法读取：{exc}", f"cannot read: {exc}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RuleFileError(path, "（文件）", f"不是有效的 TOML：{exc}", f"not valid TOML: {exc}") from None
    return _build(path, raw, data)


def _positive(r: FieldReader, key: str, kind: type, zero_ok: bool = False):
    if key not in r.data:
        raise r.fail(key, "缺少此字段", "missing field")
    value = r.data[key]
    if isinstance(value, bool) or not isinstance(value, int | float) or (kind is int and not isinstance(value, int)):
        zh = "整数" if kind is int else "数字"
        raise r.fail(key, f"应为{zh}，而不是“{value!r}”", f"expected a number, got {value!r}")
    if value < 0 or (value == 0 and not zero_ok):
        raise r.fail(key, "须为正数" if not zero_ok else "不能为负数", "must be positive")
    return kind(value)


def _numbers(path: Path, data: dict, key: str, kind: type, zero_ok: bool) -> dict:
    r = FieldReader(path, data.get(key, {}), f"{key}.")
    if not isinstance(r.data, dict):
        raise RuleFileError(path, key, "应为表", "expected a table")
    out = {}
    for code in r.data:
        if not _CODE.match(code):
            raise r.fail(code, "队伍类型代码只能用小写字母、数字和下划线", "bad team type code")
        out[code] = _positive(r, code, kind, zero_ok=zero_ok)
    return out


def _patterns(r: FieldReader, key: str, known: dict[str, str]) -> tuple[str, ...]:
    categories = {t.split(".")[0] for t in known}
    out = r.strings(key)
    for p in out:
        ok = p == "*" or p in known or (p.endswith(".*") and p[:-2] in categories)
        if not ok:
            raise r.fail(key, f"“{p}”不是已知的事件类型或类别（如 accident.hazmat、natural.*）",
                         f"{p!r} is not a known incident type or category")
    return out


def _build(path: Path, raw: bytes, data: dict) -> DispatchRules:
    top = FieldReader(path, data)
    travel_r = FieldReader(path, top.get("travel", dict), "travel.")
    factor = _positive(travel_r, "road_factor", float)
    if factor < 1:
        raise travel_r.fail("road_factor", "道路系数不能小于 1（道路不会比直线更短）", "must be at least 1")
    travel = Travel(
        road_factor=factor,
        default_speed_kmh=_positive(travel_r, "default_speed_kmh", float),
        turnout_minutes=_positive(travel_r, "turnout_minutes", int, zero_ok=True),
        default_assembly_minutes=_positive(travel_r, "default_assembly_minutes", int, zero_ok=True),
        arrival_grace_minutes=_positive(travel_r, "arrival_grace_minutes", int, zero_ok=True),
    )
    known = catalogue("incident_type")
    caps_r = FieldReader(path, top.get("capability", dict), "capability.")
    capabilities = {}
    for code, table in caps_r.data.items():
        if not _CODE.match(code):
            raise caps_r.fail(code, "队伍类型代码只能用小写字母、数字和下划线", "bad team type code")
        if not isinstance(table, dict):
            raise caps_r.fail(code, "应为表（primary / support）", "expected a table")
        r = FieldReader(path, table, f"capability.{code}.")
        for extra in set(table) - {"primary", "support"}:
            raise r.fail(extra, "未知字段（只能有 primary、support）", "unknown field")
        capabilities[code] = Capability(code, _patterns(r, "primary", known), _patterns(r, "support", known))
    if not capabilities:
        raise RuleFileError(path, "capability", "至少须有一个队伍类型", "no team types")
    return DispatchRules(
        id=top.text("id"), version=top.text("version"), title=top.get("title", str, ""),
        source=top.text("source"), status=top.choice("status", STATUSES, "L"), travel=travel,
        speed_kmh=_numbers(path, data, "speed_kmh", float, zero_ok=False),
        assembly_minutes=_numbers(path, data, "assembly_minutes", int, zero_ok=True),
        capabilities=capabilities, content_hash=hashlib.sha256(raw).hexdigest(), path=path)
