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


MAX_FILE_BYTES = 1_000_000  # a scenario or action file; the shipped ones are under 20 KB
MAX_MINUTES = 7 * 24 * 60  # a drill, an inject time or an expectation's time limit: at most a week
MAX_COUNT = 1_000_000
MAX_TEXT = 10_000  # one text of a scenario (an inject's message, the call's course …)
CALL_TEXTS = ("channel", "caller_unit", "caller_name", "caller_phone", "cause", "course", "measures", "text")
PARAM_TEXTS = ("plan", "team_type", "rule", "item", "warehouse")


def read_toml(path: Path, refuse) -> dict:
    """A small TOML file as a dict; *refuse(reason)* builds the error raised for anything unreadable."""
    try:
        raw = Path(path).read_bytes()
        if len(raw) > MAX_FILE_BYTES:
            raise refuse(f"文件过大（{len(raw) // 1024} KB，上限 {MAX_FILE_BYTES // 1000} KB）")
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise refuse("不是 UTF-8 编码的文本文件") from None
    except tomllib.TOMLDecodeError as exc:
        raise refuse(f"不是有效的 TOML：{exc}") from None
    except RecursionError:
        raise refuse("嵌套层数过多") from None
    except OSError as exc:
        raise refuse(f"无法读取：{exc.strerror or exc}") from None


def _int(value, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _text(value, path: Path, where: str, name: str, required: bool = False) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise ScenarioError(path, where, f"{name} 应为{'非空' if required else ''}文字")
    if len(value) > MAX_TEXT:
        raise ScenarioError(path, where, f"{name} 过长（超过 {MAX_TEXT} 字）")
    if any(ord(c) < 32 and c not in "\n\t\r" or 0x7f <= ord(c) < 0xa0 for c in value):
        raise ScenarioError(path, where, f"{name} 含不可见的控制字符")
    return value


def _table(value, path: Path, where: str, name: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ScenarioError(path, where, f"{name} 应为表（{{ … }}）")
    return value


def _list(value, path: Path, where: str, name: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ScenarioError(path, where, f"{name} 应为列表（[ … ]）")
    return value


def _expectations(items, path: Path, where: str) -> tuple[Expectation, ...]:
    out = []
    for e in _list(items, path, where, "expect"):
        if not isinstance(e, dict):
            raise ScenarioError(path, where, "expect 的每一项应为表（[[expect]]）")
        action = e.get("action")
        if not isinstance(action, str) or action not in ACTIONS:
            raise ScenarioError(path, where, f"未知的预期动作“{action}”")
        within = e.get("within")
        if not _int(within, 1, MAX_MINUTES):
            raise ScenarioError(path, where, f"动作 {action} 的时限 within 应为 1 至 {MAX_MINUTES} 的整数（分钟）")
        params = {k: v for k, v in e.items() if k not in ("action", "within", "note")}
        if "level" in params and not _int(params["level"], 1, 4):
            raise ScenarioError(path, where, f"动作 {action} 的 level 应为 1 至 4")
        for key in PARAM_TEXTS:
            if key in params:
                _text(params[key], path, where, f"动作 {action} 的 {key}")
        out.append(Expectation(action, within, _text(e.get("note"), path, where, "note"), params))
    return tuple(out)


def _counts(value, path: Path, where: str) -> dict:
    from ..services.incidents import COUNT_LABELS  # the same count fields as the intake form

    value = _table(value, path, where, "伤亡数字")
    for key, number in value.items():
        if key not in COUNT_LABELS:
            raise ScenarioError(path, where, f"未知的数字字段“{key}”")
        if not _int(number, 0, MAX_COUNT):
            raise ScenarioError(path, where, f"伤亡数字应为 0 至 {MAX_COUNT} 的整数：{key}")
    return dict(value)


def load_scenario(path: Path) -> Scenario:
    """Read and check one scenario file; ScenarioError names the file, the inject and the reason."""
    data = read_toml(path, lambda reason: ScenarioError(path, "（文件）", f"无法读取：{reason}"))
    for key in ("id", "title", "start", "duration_minutes", "initial_call"):
        if key not in data:
            raise ScenarioError(path, "（总体）", f"缺少 {key}")
    start = data["start"]
    if not isinstance(start, datetime):
        raise ScenarioError(path, "（总体）", "start 应为带时区的日期时间，如 2026-07-14T02:10:00+08:00")
    if not 1900 <= start.year <= 2200:
        raise ScenarioError(path, "（总体）", "start 应在 1900 年至 2200 年之间")
    duration = data["duration_minutes"]
    if not _int(duration, 1, MAX_MINUTES):
        raise ScenarioError(path, "（总体）", f"duration_minutes 应为 1 至 {MAX_MINUTES} 的整数")
    call = data["initial_call"]
    if not isinstance(call, dict):
        raise ScenarioError(path, "initial_call", "应为表（[initial_call]）")
    category, kind = call.get("category"), call.get("type")
    if not isinstance(category, str) or category not in catalogue("incident_category"):
        raise ScenarioError(path, "initial_call", f"未知类别“{category}”")
    if not isinstance(kind, str) or kind not in catalogue("incident_type"):
        raise ScenarioError(path, "initial_call", f"未知类型“{kind}”")
    if not kind.startswith(category + "."):
        raise ScenarioError(path, "initial_call", f"类型“{kind}”与类别“{category}”不符")
    _text(call.get("place_text"), path, "initial_call", "事发地点 place_text", required=True)
    for key in CALL_TEXTS:
        _text(call.get(key), path, "initial_call", key)
    if "occurred_offset_minutes" in call and not _int(call["occurred_offset_minutes"], -MAX_MINUTES, 0):
        raise ScenarioError(path, "initial_call", f"occurred_offset_minutes 应为 -{MAX_MINUTES} 至 0 的整数（事发早于来电）")
    _counts(call.get("counts"), path, "initial_call")
    _counts(call.get("predicted"), path, "initial_call")
    injects, seen, last = [], set(), -1
    for n, raw in enumerate(_list(data.get("injects"), path, "（总体）", "injects"), start=1):
        if not isinstance(raw, dict):
            raise ScenarioError(path, f"插入事件第 {n} 条", "应为表（[[injects]]）")
        iid = raw.get("id", f"第 {n} 条")
        if not isinstance(iid, str | int) or isinstance(iid, bool):
            raise ScenarioError(path, f"插入事件第 {n} 条", "编号 id 应为文字")
        iid = _text(str(iid), path, f"插入事件第 {n} 条", "编号 id", required=True)[:40]
        where = f"插入事件 {iid}"
        if iid in seen or iid == "initial":
            raise ScenarioError(path, where, "编号重复")
        seen.add(iid)
        at = raw.get("at")
        if not _int(at, 0, duration):
            raise ScenarioError(path, where, f"时间 at 应为 0 至 {duration} 的整数分钟")
        if at < last:
            raise ScenarioError(path, where, "插入事件须按时间先后排列")
        last = at
        kind = raw.get("kind")
        if not isinstance(kind, str) or kind not in KINDS:
            raise ScenarioError(path, where, f"未知类型“{kind}”")
        text = _text(raw.get("text"), path, where, "提示内容 text", required=True)
        injects.append(Inject(iid, at, kind, _text(raw.get("channel", "phone"), path, where, "channel") or "phone",
                              _text(raw.get("source"), path, where, "source"), text,
                              _counts(raw.get("counts"), path, where), _counts(raw.get("predicted"), path, where),
                              _expectations(raw.get("expect"), path, where)))
    words = {}
    for key in ("objectives", "roles"):
        words[key] = tuple(_text(v, path, "（总体）", key, required=True)
                           for v in _list(data.get(key), path, "（总体）", key))
    return Scenario(
        id=_text(data["id"], path, "（总体）", "id", required=True),
        title=_text(data["title"], path, "（总体）", "title", required=True),
        setting=_text(data.get("setting"), path, "（总体）", "setting"), start=ensure_utc(start),
        duration_minutes=duration, area=dict(_table(data.get("area"), path, "（总体）", "area")),
        objectives=words["objectives"], roles=words["roles"], initial_call=dict(call),
        expect=_expectations(data.get("expect"), path, "初始来电"), injects=tuple(injects), path=str(path))


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
