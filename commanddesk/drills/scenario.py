"""Drill scenarios from TOML files (see docs/scenario-format.md)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from ..catalogues import catalogue
from ..clock import ensure_utc
from ..errors import UserError
from ..paths import PACKAGE_DATA

SCENARIOS_DIR = PACKAGE_DATA / "scenarios"
ACTIONS = ("log_call", "grade", "notify_leader", "phone_city", "initial_report", "followup_report", "activate_plan",
           "change_level", "dispatch", "issue_material", "zero_report", "terminate", "checklist", "confirm_relief")
ACTION_LABELS = {"log_call": "记录来电", "grade": "定级", "notify_leader": "报告带班领导", "phone_city": "电话报告市政府",
                 "initial_report": "报送初报", "followup_report": "报送续报", "activate_plan": "启动预案",
                 "change_level": "调整响应级别", "dispatch": "调派队伍", "issue_material": "调用物资",
                 "zero_report": "零报告", "terminate": "终止响应", "checklist": "逐项登记（报告本级政府、通知有关部门）",
                 "confirm_relief": "受灾群众基本生活保障落实"}
KINDS = ("call", "message", "warning", "request", "resource")
KIND_LABELS = {"call": "来电", "message": "信息", "warning": "预警", "request": "上级要求", "resource": "力量与资源"}


class ScenarioError(UserError):
    """A scenario file that cannot be used: file, inject, reason."""

    def __init__(self, path: Path | str, inject: str, reason: str) -> None:
        super().__init__(f"演练脚本有误：{Path(path).name}，{inject}：{reason}")
        self.path, self.inject, self.reason = str(path), inject, reason


@dataclass(frozen=True)
class Expectation:
    """An action trainees should take within a time after its trigger."""

    action: str
    within: int
    note: str = ""
    params: dict = field(default_factory=dict)  # e.g. {"level": 2}, {"plan": "special.hazmat"}

    @property
    def label(self) -> str:
        """The expected action in words (记录接报, 电话报告市政府 …)."""
        return ACTION_LABELS[self.action]


@dataclass(frozen=True)
class Inject:
    """Something that happens at T+at minutes."""

    id: str
    at: int
    kind: str
    channel: str
    source: str
    text: str
    counts: dict
    predicted: dict
    expect: tuple[Expectation, ...]


@dataclass(frozen=True)
class Scenario:
    """A whole drill."""

    id: str
    title: str
    setting: str
    start: datetime
    duration_minutes: int
    area: dict
    objectives: tuple[str, ...]
    roles: tuple[str, ...]
    initial_call: dict
    expect: tuple[Expectation, ...]
    injects: tuple[Inject, ...]
    path: str = ""

    def at(self, minutes: float) -> datetime:
        """The simulated time T+minutes."""
        return self.start + timedelta(minutes=minutes)

    @property
    def end(self) -> datetime:
        """The simulated time the drill runs out."""
        return self.at(self.duration_minutes)

    def inject(self, inject_id: str) -> Inject | None:
        """The inject with this id, or None."""
        return next((i for i in self.injects if i.id == inject_id), None)


def _expectations(items, path: Path, where: str) -> tuple[Expectation, ...]:
    out = []
    if not isinstance(items, list):
        raise ScenarioError(path, where, "expect 应为列表")
    for e in items:
        action = e.get("action")
        if action not in ACTIONS:
            raise ScenarioError(path, where, f"未知的预期动作“{action}”")
        within = e.get("within")
        if not isinstance(within, int) or within <= 0:
            raise ScenarioError(path, where, f"动作 {action} 的时限 within 应为正整数（分钟）")
        params = {k: v for k, v in e.items() if k not in ("action", "within", "note")}
        out.append(Expectation(action, within, str(e.get("note", "")), params))
    return tuple(out)


def _counts(value, path: Path, where: str) -> dict:
    if not isinstance(value, dict) or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0
                                              for v in value.values()):
        raise ScenarioError(path, where, "伤亡数字应为非负整数")
    return dict(value)


def load_scenario(path: Path) -> Scenario:
    """Read and check one scenario file; ScenarioError names the file, the inject and the reason."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ScenarioError(path, "（文件）", f"无法读取：{exc}") from None
    for key in ("id", "title", "start", "duration_minutes", "initial_call"):
        if key not in data:
            raise ScenarioError(path, "（总体）", f"缺少 {key}")
    start = data["start"]
    if not isinstance(start, datetime):
        raise ScenarioError(path, "（总体）", "start 应为带时区的日期时间，如 2026-07-14T02:10:00+08:00")
    duration = data["duration_minutes"]
    if not isinstance(duration, int) or duration <= 0:
        raise ScenarioError(path, "（总体）", "duration_minutes 应为正整数")
    call = data["initial_call"]
    if call.get("category") not in catalogue("incident_category"):
        raise ScenarioError(path, "initial_call", f"未知类别“{call.get('category')}”")
    if call.get("type") not in catalogue("incident_type"):
        raise ScenarioError(path, "initial_call", f"未知类型“{call.get('type')}”")
    if not str(call.get("place_text", "")).strip():
        raise ScenarioError(path, "initial_call", "缺少事发地点 place_text")
    _counts(call.get("counts", {}), path, "initial_call")
    injects, seen, last = [], set(), -1
    for n, raw in enumerate(data.get("injects", []), start=1):
        iid = str(raw.get("id", f"第 {n} 条"))
        where = f"插入事件 {iid}"
        if iid in seen or iid == "initial":
            raise ScenarioError(path, where, "编号重复")
        seen.add(iid)
        at = raw.get("at")
        if not isinstance(at, int) or not 0 <= at <= duration:
            raise ScenarioError(path, where, f"时间 at 应为 0 至 {duration} 的整数分钟")
        if at < last:
            raise ScenarioError(path, where, "插入事件须按时间先后排列")
        last = at
        kind = raw.get("kind")
        if kind not in KINDS:
            raise ScenarioError(path, where, f"未知类型“{kind}”")
        if not str(raw.get("text", "")).strip():
            raise ScenarioError(path, where, "缺少提示内容 text")
        injects.append(Inject(iid, at, kind, str(raw.get("channel", "phone")), str(raw.get("source", "")),
                              str(raw["text"]), _counts(raw.get("counts", {}), path, where),
                              _counts(raw.get("predicted", {}), path, where),
                              _expectations(raw.get("expect", []), path, where)))
    return Scenario(
        id=str(data["id"]), title=str(data["title"]), setting=str(data.get("setting", "")), start=ensure_utc(start),
        duration_minutes=duration, area=dict(data.get("area", {})), objectives=tuple(data.get("objectives", [])),
        roles=tuple(data.get("roles", [])), initial_call=dict(call),
        expect=_expectations(data.get("expect", []), path, "初始来电"), injects=tuple(injects), path=str(path))


def bundled() -> list[Scenario]:
    """The scenarios shipped with the app (bad files raise)."""
    return [load_scenario(p) for p in sorted(SCENARIOS_DIR.glob("*.toml"))]


def find(name: str) -> Scenario:
    """A bundled scenario by id, or a scenario file by path."""
    path = Path(name)
    if path.suffix == ".toml" and path.exists():
        return load_scenario(path)
    for p in sorted(SCENARIOS_DIR.glob("*.toml")):
        if p.stem == name:
            return load_scenario(p)
    raise UserError(f"找不到演练脚本“{name}”。可用：" + "、".join(p.stem for p in sorted(SCENARIOS_DIR.glob("*.toml"))))
