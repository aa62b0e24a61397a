"""Reporting-clock rules (a TOML rule set) and the pure function that derives deadlines.

Clocks are derived, never counted: ``derive`` turns an incident's facts into
absolute deadlines (aware UTC) that the services store and compare with the
clock's ``now``. Wall-clock rules (续报, 零报告) and day windows (补报) are
reckoned on the Beijing calendar.

A rule is triggered by an incident or by a received warning (``trigger``). A
wall-clock rule's first slot waits for the first written report's deadline
(``after_rules``) and a margin after receipt (``margin_minutes``). A day window
(补报期) is open, not a deadline: it asks for a report only through the
``casualty_change`` rules, one deadline per change of the casualty figures that
arrives while the window is open.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import Any

from ..clock import BEIJING
from . import RULES_DATA, FieldReader, RuleFileError

DEFAULT_RULESET = RULES_DATA / "clocks" / "default.toml"
KINDS = {"phone": "电话报告", "written": "书面报告", "notify": "内部报告", "unit": "单位报告",
         "recurring": "定时报告", "window": "报告期限", "forward": "转发", "service": "保障时限"}
ANCHORS = {"receipt": "接报", "event": "事发", "unit_receipt": "单位负责人接报", "level_receipt": "达到现等级信息的接报",
           "wall_clock": "接报后按北京时间定时", "stabilised": "灾情稳定", "casualty_change": "伤亡数字变化的接报"}
STATUSES = {"N": "法定", "L": "地方示例", "T": "规划目标", "U": "未核实"}
STATUS_LABELS = {"N": "N 国家规定", "L": "L 地方做法", "T": "T 规划目标", "U": "U 未核实"}
TRIGGERS = {"incident": "事件", "warning": "收到的预警信息"}
REGRADE_ANCHORS = ("receipt", "level_receipt")
REPORT_KINDS = {"phone_city": "电话报告上级", "written_city": "书面报告上级", "notify_leader": "报告带班领导",
                "unit_report": "事发单位报告", "followup": "续报", "zero_report": "零报告",
                "supplementary": "补报", "verified": "核报", "final": "终报", "forwarded": "预警信息已转发",
                "relief": "受灾群众基本生活已得到保障", "checklist": "逐项登记（见清单）"}
CATEGORIES = ("natural", "accident", "health", "social")
WALL_CLOCK_WARN = 30
OVERRIDABLE = ("enabled", "offset_minutes", "offset_days", "times", "warn_before_minutes", "margin_minutes")
EVENT_FALLBACK_NOTE = "事发时间不详，暂按接报时间起算；补录事发时间后自动改按事发时间"
_TIME = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")


@dataclass(frozen=True)
class IncidentFacts:
    """What the clock rules need to know about one incident (all times aware)."""

    category: str
    type: str
    level: int | None
    received_at: datetime
    occurred_at: datetime | None
    unit_received_at: datetime | None = None
    level_received_at: datetime | None = None
    flags: frozenset[str] = frozenset()
    stabilised_at: datetime | None = None
    trigger: str = "incident"  # or "warning": a warning received for forwarding
    initial_sent_at: datetime | None = None  # the first written report (初报) was sent
    casualty_changes: tuple[datetime, ...] = ()  # receipts of later calls that changed the casualty figures

    def __post_init__(self) -> None:
        if self.level is not None and self.level not in (1, 2, 3, 4):
            raise ValueError(f"事件等级应为 1 至 4 或未定级，而不是 {self.level!r}")
        if self.trigger not in TRIGGERS:
            raise ValueError(f"触发对象应为 {'、'.join(TRIGGERS)} 之一，而不是 {self.trigger!r}")
        for name in ("received_at", "occurred_at", "unit_received_at", "level_received_at", "stabilised_at",
                     "initial_sent_at"):
            value = getattr(self, name)
            if value is not None and value.utcoffset() is None:
                raise ValueError(f"{name} 须为带时区的时间")
        if any(t.utcoffset() is None for t in self.casualty_changes):
            raise ValueError("casualty_changes 须为带时区的时间")
        object.__setattr__(self, "type", self.type or "")
        object.__setattr__(self, "flags", frozenset(self.flags))
        object.__setattr__(self, "casualty_changes", tuple(sorted(self.casualty_changes)))


@dataclass(frozen=True)
class ChecklistItem:
    """One thing a checklist rule needs done (e.g. 同时报告本级人民政府), ticked with its time."""

    id: str
    label: str
    required: bool = True  # the clock is met when every required item is done
    satisfied_by: tuple[str, ...] = ()  # report kinds that tick it on their own; none: ticked by hand


@dataclass(frozen=True)
class ClockRule:
    """One reporting rule: when it applies, what starts it and when it falls due."""

    id: str
    name: str
    kind: str
    anchor: str
    offset_minutes: int | None
    offset_days: int | None
    times: tuple[str, ...]
    categories: tuple[str, ...]
    types: tuple[str, ...]
    exclude_types: tuple[str, ...]
    levels: tuple[int, ...]
    requires_flags: tuple[str, ...]
    recipient: str
    satisfied_by: tuple[str, ...]
    status: str
    source: str
    enabled: bool
    warn_before_minutes: int
    regrade_anchor: str
    trigger: str = "incident"
    after_rules: tuple[str, ...] = ()
    margin_minutes: int = 0
    windows: tuple[str, ...] = ()
    checklist: tuple[ChecklistItem, ...] = ()

    @property
    def status_label(self) -> str:
        """E.g. "N 国家规定" — what kind of source the rule rests on."""
        return STATUS_LABELS[self.status]

    def applies(self, facts: IncidentFacts) -> bool:
        """Whether the incident falls under this rule (``enabled`` is not checked here)."""
        if self.trigger != facts.trigger:
            return False
        if self.categories and facts.category not in self.categories:
            return False
        if (self.types and facts.type not in self.types) or facts.type in self.exclude_types:
            return False
        if self.levels and facts.level not in self.levels:
            return False
        return all(flag in facts.flags for flag in self.requires_flags)


@dataclass(frozen=True)
class RuleSet:
    """A versioned set of clock rules; ``content_hash`` covers the file and any overrides."""

    id: str
    version: str
    rules: tuple[ClockRule, ...]
    content_hash: str
    title: str = ""

    def rule(self, rule_id: str) -> ClockRule:
        """The rule with this id (KeyError if absent)."""
        for item in self.rules:
            if item.id == rule_id:
                return item
        raise KeyError(rule_id)


@dataclass(frozen=True)
class DerivedClock:
    """One deadline derived for an incident; ``slot`` tells the slots of a recurring rule apart."""

    rule_id: str
    name: str
    kind: str
    anchor: str
    anchor_at: datetime
    due_at: datetime
    warn_at: datetime
    recipient: str
    satisfied_by: tuple[str, ...]
    slot: str
    status: str = ""
    source: str = ""
    note: str = ""  # e.g. that the event time was unknown and receipt was used


# --- loading ---------------------------------------------------------------

def load_ruleset(path: Path | None = None, overrides: Mapping | Path | None = None) -> RuleSet:
    """Read a rule set (default: the shipped one), applying local overrides by rule id.

    *overrides* is a mapping or a TOML file of the form ``{"rules": {"C-XUBAO":
    {"enabled": false, "times": ["08:00"]}}}``; it may change ``enabled``,
    ``offset_minutes``, ``offset_days``, ``times`` and ``warn_before_minutes``,
    but not the timing of statutory (status N) rules.
    """
    path = Path(path or DEFAULT_RULESET).resolve()
    if overrides is None:
        return _load_cached(path)
    where = path
    if isinstance(overrides, (str, Path)):
        where = Path(overrides)
        try:
            raw = where.read_bytes()
        except OSError as exc:
            raise RuleFileError(where, "-", f"无法读取：{exc.strerror or exc}", f"cannot read: {exc}") from None
        overrides = _parse(where, raw)
    table = overrides.get("rules", overrides) if isinstance(overrides, Mapping) else overrides
    if not isinstance(table, Mapping):
        raise RuleFileError(where, "rules", "覆盖配置应为“规则编号 → 设置”的表", "overrides must map rule ids to settings")
    return _build(path, path.read_bytes(), dict(table), where)


@cache
def _load_cached(path: Path) -> RuleSet:
    """The rule set of an unmodified file, read once."""
    return _build(path, path.read_bytes(), {}, path)


def _parse(path: Path, raw: bytes) -> dict[str, Any]:
    """TOML text to a dict, or a RuleFileError naming the file."""
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RuleFileError(path, "-", f"无法解析：{exc}", f"cannot parse: {exc}") from None
    except RecursionError:
        raise RuleFileError(path, "-", "嵌套层数过多，无法解析", "nested too deeply") from None


def _build(path: Path, raw: bytes, overrides: dict[str, Any], override_path: Path) -> RuleSet:
    """Validate the file's rules, with *overrides* (from *override_path*) applied by rule id."""
    data = _parse(path, raw)
    top = FieldReader(path, data)
    items = top.get("rules", list)
    known = {item.get("id") for item in items if isinstance(item, dict)}
    for rule_id, change in overrides.items():
        _check_override(override_path, rule_id, change, known)
    rules: list[ClockRule] = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise RuleFileError(path, f"rules[{i}]", "应为表", "expected a table")
        rule = _read_rule(path, i, item, overrides.get(item.get("id"), {}), override_path)
        if any(r.id == rule.id for r in rules):
            raise RuleFileError(path, f"rules[{i}].id", f"规则编号“{rule.id}”重复", f"duplicate rule id {rule.id!r}")
        rules.append(rule)
    _check_references(path, rules)
    digest = hashlib.sha256(raw)
    if overrides:
        digest.update(json.dumps(overrides, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8"))
    return RuleSet(id=top.text("id"), version=top.text("version"), rules=tuple(rules),
                   content_hash=digest.hexdigest(), title=top.get("title", str, ""))


def _check_references(path: Path, rules: list[ClockRule]) -> None:
    """``after_rules`` name one-shot rules and ``windows`` name window rules of the same file."""
    by_id = {r.id: r for r in rules}
    for i, rule in enumerate(rules):
        for key, wanted, ok in (("after_rules", "一次性时限", lambda r: r.kind not in ("recurring", "window")),
                                ("windows", "报告期限（window）", lambda r: r.kind == "window")):
            for ref in getattr(rule, key):
                if ref not in by_id or not ok(by_id[ref]):
                    raise RuleFileError(path, f"rules[{i}].{key}", f"“{ref}”不是本文件中的{wanted}规则",
                                        f"{ref!r} is not a rule of the right kind in this file")


def _check_override(path: Path, rule_id: str, change: Any, known: set) -> None:
    """Refuse overrides of unknown rules or fields, and unusable values."""
    if rule_id not in known:
        raise RuleFileError(path, f"rules.{rule_id}", "没有这个规则编号", f"no rule with id {rule_id!r}")
    if not isinstance(change, Mapping):
        raise RuleFileError(path, f"rules.{rule_id}", "应为表", "expected a table")
    for key, value in change.items():
        where = f"rules.{rule_id}.{key}"
        if key not in OVERRIDABLE:
            raise RuleFileError(path, where, f"本地配置只能修改：{'、'.join(OVERRIDABLE)}",
                                f"only {', '.join(OVERRIDABLE)} may be overridden")
        if not _override_ok(key, value):
            raise RuleFileError(path, where, f"取值“{value!r}”不可用", f"unusable value {value!r}")


def _override_ok(key: str, value: Any) -> bool:
    """Whether an override value has the type and range its field needs."""
    if key == "enabled":
        return isinstance(value, bool)
    if key == "times":
        return isinstance(value, list) and bool(value) and all(isinstance(t, str) and _TIME.fullmatch(t) for t in value)
    low = 0 if key in ("warn_before_minutes", "margin_minutes") else 1
    return isinstance(value, int) and not isinstance(value, bool) and value >= low


def _read_rule(path: Path, index: int, item: dict, change: Mapping, override_path: Path) -> ClockRule:
    """One [[rules]] entry, with its local *change* merged in, as a ClockRule."""
    merged = {**item, **change}
    r = FieldReader(path, merged, f"rules[{index}].")
    status = r.choice("status", tuple(STATUSES))
    timing = {k for k in change if k in ("offset_minutes", "offset_days", "times")}
    if status == "N" and timing:
        raise RuleFileError(override_path, f"rules.{item.get('id')}.{sorted(timing)[0]}",
                            "法定时限不能通过本地配置修改", "statutory (status N) timings cannot be overridden")
    kind = r.choice("kind", tuple(KINDS))
    anchor = r.choice("anchor", tuple(ANCHORS))
    offset_minutes, offset_days, times = _read_timing(r, kind, anchor)
    levels = tuple(r.get("levels", list, []))
    if any(isinstance(x, bool) or x not in (1, 2, 3, 4) for x in levels):
        raise r.fail("levels", f"等级应为 1 至 4：{list(levels)}", f"levels must be 1..4: {list(levels)}")
    types, exclude = _type_codes(r, "types"), _type_codes(r, "exclude_types")
    satisfied = r.strings("satisfied_by", tuple(REPORT_KINDS))
    if not satisfied:
        raise r.fail("satisfied_by", "至少写明一种可满足此时限的报告", "list at least one report kind")
    warn = r.get("warn_before_minutes", int, None)
    if warn is None:
        warn = _default_warn(kind, offset_minutes, offset_days)
    elif warn < 0:
        raise r.fail("warn_before_minutes", "不能为负数", "must not be negative")
    regrade = r.choice("regrade_anchor", REGRADE_ANCHORS, "level_receipt" if levels else "receipt")
    after, margin = r.strings("after_rules"), r.get("margin_minutes", int, 0)
    if (after or "margin_minutes" in r.data) and kind != "recurring":
        raise r.fail("after_rules" if after else "margin_minutes", "只有定时报告（recurring）可设首个时段的顺延",
                     "only recurring rules take after_rules and margin_minutes")
    if margin < 0:
        raise r.fail("margin_minutes", "不能为负数", "must not be negative")
    windows = r.strings("windows")
    if bool(windows) != (anchor == "casualty_change"):
        raise r.fail("windows", "按伤亡变化起算（casualty_change）的规则须且只有它须写明所属的补报期规则",
                     "casualty_change rules, and only they, name the window rules they belong to")
    return ClockRule(
        id=r.text("id"), name=r.text("name"), kind=kind, anchor=anchor, offset_minutes=offset_minutes,
        offset_days=offset_days, times=times, categories=r.strings("categories", CATEGORIES), types=types,
        exclude_types=exclude, levels=levels, requires_flags=r.strings("requires_flags"),
        recipient=r.text("recipient"), satisfied_by=satisfied, status=status, source=r.text("source"),
        enabled=r.get("enabled", bool, True), warn_before_minutes=warn, regrade_anchor=regrade,
        trigger=r.choice("trigger", tuple(TRIGGERS), "incident"), after_rules=after, margin_minutes=margin,
        windows=windows, checklist=_read_checklist(r, satisfied))


def _read_checklist(r: FieldReader, satisfied: tuple[str, ...]) -> tuple[ChecklistItem, ...]:
    """``checklist = [{id, label, required, satisfied_by}]``: things to do and time one by one."""
    items = []
    for n, raw in enumerate(r.get("checklist", list, [])):
        if not isinstance(raw, dict):
            raise r.fail(f"checklist[{n}]", "应为表", "expected a table")
        item = FieldReader(r.path, raw, f"{r.prefix}checklist[{n}].")
        tokens = item.strings("satisfied_by", tuple(REPORT_KINDS))
        entry = ChecklistItem(item.text("id"), item.text("label"), item.get("required", bool, True), tokens)
        if any(e.id == entry.id for e in items):
            raise item.fail("id", f"清单项“{entry.id}”重复", f"duplicate checklist item {entry.id!r}")
        items.append(entry)
    if items and not any(i.required for i in items):
        raise r.fail("checklist", "清单至少要有一项必办（required）", "a checklist needs a required item")
    if items and "checklist" not in satisfied:
        raise r.fail("satisfied_by", "有清单的规则须写 satisfied_by = [\"checklist\"]",
                     'rules with a checklist take satisfied_by = ["checklist"]')
    return tuple(items)


def _type_codes(r: FieldReader, key: str) -> tuple[str, ...]:
    """A list of full incident type codes such as ``accident.fire``."""
    codes = r.strings(key)
    for code in codes:
        if "." not in code or code.split(".", 1)[0] not in CATEGORIES:
            raise r.fail(key, f"“{code}”不是完整的事件类型编码（如 accident.fire）",
                         f"{code!r} is not a full type code such as accident.fire")
    return codes


def _read_timing(r: FieldReader, kind: str, anchor: str) -> tuple[int | None, int | None, tuple[str, ...]]:
    """Recurring rules take Beijing ``times``; windows ``offset_days``; the rest ``offset_minutes``."""
    if kind == "recurring":
        if anchor != "wall_clock":
            raise r.fail("anchor", "定时报告的起算方式应为 wall_clock", "recurring rules use anchor wall_clock")
        times = r.strings("times")
        if not times or any(not _TIME.fullmatch(t) for t in times):
            raise r.fail("times", "应为北京时间“时:分”列表，如 [\"08:00\", \"17:00\"]",
                         'expected Beijing wall-clock times such as ["08:00", "17:00"]')
        return None, None, tuple(sorted(set(times)))
    if anchor == "wall_clock":
        raise r.fail("anchor", "只有定时报告（recurring）可按北京时间定时", "only recurring rules use wall_clock")
    key = "offset_days" if kind == "window" else "offset_minutes"
    other = "offset_minutes" if kind == "window" else "offset_days"
    if other in r.data:
        raise r.fail(other, f"此类规则请用 {key}", f"this kind of rule takes {key}")
    value = r.get(key, int)
    if value < 1:
        raise r.fail(key, "应为正整数", "must be a positive integer")
    return (None, value, ()) if kind == "window" else (value, None, ())


def _default_warn(kind: str, offset_minutes: int | None, offset_days: int | None) -> int:
    """The last quarter of the offset, at least 2 and at most 60 minutes; 30 for wall-clock rules."""
    if kind == "recurring":
        return WALL_CLOCK_WARN
    minutes = offset_minutes if offset_minutes is not None else (offset_days or 0) * 1440
    return max(2, min(60, math.ceil(minutes / 4)))


# --- deriving ----------------------------------------------------------------

def derive(ruleset: RuleSet, facts: IncidentFacts, now: datetime, horizon_hours: int = 24) -> list[DerivedClock]:
    """Every deadline the enabled rules set for *facts*, sorted by due time.

    One-shot rules give one clock. Recurring rules give each Beijing wall-clock
    slot no later than ``now + horizon_hours`` that lies strictly after both
    ``anchor + margin_minutes`` and the first written report's deadline (the
    earliest applicable ``after_rules`` clock, or the 初报's sending if sooner):
    a 续报 or 零报告 is never due before the 初报 nor minutes after receipt.

    Window rules (补报期) count whole Beijing days from the day after the
    anchor (民法典 art. 201): day 1 is the next day and the window closes at
    24:00 of day N, i.e. ``due = 00:00 of the anchor's day + N + 1 days``.
    ``casualty_change`` rules give one deadline per change of the casualty
    figures received after the 初报 was sent and while one of their windows is open.
    """
    if now.utcoffset() is None:
        raise ValueError("now 须为带时区的时间")
    until = now.astimezone(timezone.utc) + timedelta(hours=horizon_hours)
    live = [r for r in ruleset.rules if r.enabled and r.applies(facts)]
    out: list[DerivedClock] = []
    for rule in live:
        if rule.kind in ("recurring", "window") or rule.anchor == "casualty_change":
            continue
        anchor, at = _anchor(rule, facts)
        if at is not None:
            offset = timedelta(minutes=rule.offset_minutes or 0, days=rule.offset_days or 0)
            out.append(_clock(rule, anchor, at, at + offset, "", _note(rule, anchor)))
    first_due = {c.rule_id: c.due_at for c in out}
    windows: dict[str, DerivedClock] = {}
    for rule in live:
        if rule.kind != "window":
            continue
        anchor, at = _anchor(rule, facts)
        if at is not None:
            windows[rule.id] = _clock(rule, anchor, at, _day_start(at) + timedelta(days=rule.offset_days + 1), "",
                                      _note(rule, anchor))
    out.extend(windows.values())
    for rule in live:
        if rule.kind == "recurring":
            anchor, at = _anchor(rule, facts)
            if at is None:
                continue
            after = first_slot_after(rule, at, [first_due[r] for r in rule.after_rules if r in first_due],
                                     facts.initial_sent_at)
            out.extend(_clock(rule, anchor, at, due, _slot_label(due)) for due in _slots(rule.times, after, until))
        elif rule.anchor == "casualty_change":
            out.extend(_change_clocks(rule, facts, [windows[w] for w in rule.windows if w in windows]))
    out.sort(key=lambda c: (c.due_at, c.rule_id, c.slot))
    return out


def first_slot_after(rule: ClockRule, anchor_at: datetime, initial_dues: list[datetime],
                     initial_sent_at: datetime | None) -> datetime:
    """The moment a recurring rule's first slot must come strictly after.

    That is the later of ``anchor + margin_minutes`` and the 初报 boundary: the
    earliest deadline among *initial_dues*, or the 初报's sending when that came sooner.
    """
    floor = anchor_at + timedelta(minutes=rule.margin_minutes)
    if initial_dues:
        boundary = min(initial_dues)
        if initial_sent_at is not None:
            boundary = min(boundary, initial_sent_at)
        floor = max(floor, boundary)
    return floor


def _change_clocks(rule: ClockRule, facts: IncidentFacts, windows: list[DerivedClock]) -> list[DerivedClock]:
    """One 补报 deadline per casualty change after the 初报, inside an open window of the rule."""
    if not windows or facts.initial_sent_at is None:
        return []
    out: list[DerivedClock] = []
    labels: set[str] = set()
    for at in facts.casualty_changes:
        if at < facts.initial_sent_at or not any(w.anchor_at <= at < w.due_at for w in windows):
            continue
        label = _slot_label(at)
        if label in labels:  # two changes in one minute ask for one 补报
            continue
        labels.add(label)
        out.append(_clock(rule, "casualty_change", at, at + timedelta(minutes=rule.offset_minutes or 0), label))
    return out


def _note(rule: ClockRule, anchor: str) -> str:
    """Say so when an event-anchored rule had to fall back on the receipt."""
    return EVENT_FALLBACK_NOTE if rule.anchor in ("event", "unit_receipt") and anchor == "receipt" else ""


def _anchor(rule: ClockRule, facts: IncidentFacts) -> tuple[str, datetime | None]:
    """The anchor actually used (after fall-backs) and its time."""
    received = ("receipt", facts.received_at)
    if rule.anchor in ("receipt", "wall_clock", "level_receipt"):
        regraded = rule.anchor == "level_receipt" or (rule.levels and rule.regrade_anchor == "level_receipt")
        if regraded and facts.level_received_at not in (None, facts.received_at):
            received = ("level_receipt", facts.level_received_at)
        name, at = received
        return ("wall_clock" if rule.anchor == "wall_clock" else name), at
    if rule.anchor == "stabilised":
        return "stabilised", facts.stabilised_at
    if rule.anchor == "unit_receipt" and facts.unit_received_at is not None:
        return "unit_receipt", facts.unit_received_at
    if facts.occurred_at is not None:
        return "event", facts.occurred_at
    return received


def _clock(rule: ClockRule, anchor: str, at: datetime, due: datetime, slot: str, note: str = "") -> DerivedClock:
    at, due = at.astimezone(timezone.utc), due.astimezone(timezone.utc)
    warn = max(at, due - timedelta(minutes=rule.warn_before_minutes))
    return DerivedClock(rule_id=rule.id, name=rule.name, kind=rule.kind, anchor=anchor, anchor_at=at,
                        due_at=due, warn_at=warn, recipient=rule.recipient, satisfied_by=rule.satisfied_by,
                        slot=slot, status=rule.status, source=rule.source, note=note)


def _slots(times: tuple[str, ...], after: datetime, until: datetime) -> list[datetime]:
    """Beijing wall-clock times in (after, until], day by day (Beijing keeps no daylight saving)."""
    start, end = after.astimezone(BEIJING), until.astimezone(BEIJING)
    clock_times = [time(int(t[:2]), int(t[3:]), tzinfo=BEIJING) for t in times]
    found = []
    day = start.date()
    while day <= end.date():
        for at in clock_times:
            slot = datetime.combine(day, at)
            if start < slot <= end:
                found.append(slot)
        day += timedelta(days=1)
    return found


def _slot_label(due: datetime) -> str:
    """The Beijing wall-clock name of a recurring slot, e.g. "2026-11-24 08:00"."""
    return due.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


def _day_start(at: datetime) -> datetime:
    """00:00 Beijing time of the Beijing calendar day that contains *at*."""
    return datetime.combine(at.astimezone(BEIJING).date(), time(0, 0, tzinfo=BEIJING))


def with_level(facts: IncidentFacts, level: int | None, level_received_at: datetime | None = None) -> IncidentFacts:
    """A copy of *facts* re-graded to *level*, its information first received at *level_received_at*."""
    return replace(facts, level=level, level_received_at=level_received_at or facts.level_received_at)
