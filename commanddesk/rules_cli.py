"""The ``grade`` and ``clocks`` sub-commands: the rule engines from the command line.

``add_parsers`` adds both sub-parsers to an argparse ``subparsers`` object and
``run`` executes a parsed command. Bad input ends with exit status 2 and one
Chinese line on stderr. No Qt is imported.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from decimal import Decimal, InvalidOperation

from .catalogues import catalogue, label
from .clock import BEIJING, ensure_utc
from .rules import RuleFileError, clocks, grading

# (input key, option help); each also gets a --predicted-… twin.
COUNT_OPTIONS: tuple[tuple[str, str], ...] = (
    ("deaths", "死亡人数"),
    ("missing", "失踪人数"),
    ("serious_injuries", "重伤（含急性工业中毒）人数"),
    ("direct_loss", "直接经济损失，单位元；也可写 6000万、1.2亿"),
    ("relocated", "紧急转移安置或需紧急生活救助人数"),
    ("collapsed_rooms", "倒塌和严重损坏房屋间数"),
    ("collapsed_households", "倒塌和严重损坏房屋户数"),
    ("drought_aid", "因旱需政府生活救助人数"),
)
GRADING_KINDS = {"production-safety": "production_safety", "natural-disaster": "natural_disaster"}
# Production-safety accidents: the accident category less the types other plans govern.
NOT_PRODUCTION_SAFETY = ("accident.pollution", "accident.power_outage")
INCIDENT_KINDS = {"production-safety": ("accident", "accident.industrial"),
                  "natural-disaster": ("natural", "natural.other")}
LEVEL_WORDS = {"1": 1, "2": 2, "3": 3, "4": 4, "特别重大": 1, "重大": 2, "较大": 3, "一般": 4,
               "Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "I": 1, "II": 2, "III": 3, "IV": 4,
               "未定级": None, "none": None}
_MONEY_UNITS = {"亿": 100_000_000, "万": 10_000}


class Refused(Exception):
    """Input the command cannot use; the message is shown as it is."""


def add_parsers(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``grade`` and ``clocks`` sub-commands to *subparsers*."""
    g = subparsers.add_parser("grade", help="按分级表给出建议等级及理由",
                              description="按法定或本地分级表给出建议等级（仅为建议，等级由值班人员确认）。")
    g.add_argument("--kind", help="production-safety（生产安全事故）或 natural-disaster（自然灾害）")
    g.add_argument("--table", metavar="ID", help="分级表编号（默认为该类的国家标准表）")
    for key, text in COUNT_OPTIONS:
        option = key.replace("_", "-")
        g.add_argument(f"--{option}", dest=key, metavar="N", help=text)
        g.add_argument(f"--predicted-{option}", dest=f"predicted_{key}", metavar="N",
                       help=f"经会商研判可能出现的{text.split('，')[0]}")
    g.add_argument("--json", action="store_true", help="以 JSON 输出")
    g.set_defaults(rules_command="grade")

    c = subparsers.add_parser("clocks", help="列出默认规则为一起事件启动的报告时限",
                              description="列出默认规则集为一起事件启动的报告时限（北京时间）。")
    c.add_argument("--kind", required=True,
                   help="production-safety、natural-disaster，或类别代码 natural/accident/health/social")
    c.add_argument("--level", required=True, help="1–4、特别重大/重大/较大/一般、Ⅰ–Ⅳ，或 未定级")
    c.add_argument("--received", required=True, metavar="ISO8601", help="接报时间；不带时区即北京时间")
    c.add_argument("--occurred", metavar="ISO8601", help="事发时间；不带时区即北京时间")
    c.add_argument("--unit-received", metavar="ISO8601", help="事发单位负责人接报时间")
    c.add_argument("--type", help="事件类型代码，如 accident.explosion 或 explosion")
    c.add_argument("--flag", action="append", default=[], metavar="FLAG",
                   help="事件标记，可重复，如 disaster_unstable")
    c.add_argument("--horizon", type=int, default=24, metavar="HOURS", help="定时报告列出的时长（小时，默认 24）")
    c.add_argument("--json", action="store_true", help="以 JSON 输出")
    c.set_defaults(rules_command="clocks")


def run(args: argparse.Namespace) -> int:
    """Execute a parsed ``grade`` or ``clocks`` command; 0 on success, 2 on bad input."""
    command = getattr(args, "rules_command", None)
    try:
        if command == "grade":
            return _grade(args)
        if command == "clocks":
            return _clocks(args)
        raise Refused(f"未知的子命令：{command}")
    except (Refused, ValueError) as exc:
        print(f"commanddesk {command}: {exc}", file=sys.stderr)
        return 2
    except RuleFileError as exc:
        print(f"commanddesk {command}: {exc.message}", file=sys.stderr)
        return 2


def main(argv: list[str] | None = None) -> int:
    """Run one sub-command on its own (the app's cli.py wires the same parsers)."""
    parser = argparse.ArgumentParser(prog="commanddesk")
    add_parsers(parser.add_subparsers(dest="command", required=True))
    return run(parser.parse_args(argv))


# --- grade -------------------------------------------------------------------

def _grade(args: argparse.Namespace) -> int:
    table = _table(args.kind, args.table)
    actual = {k: _figure(k, getattr(args, k), f"--{k.replace('_', '-')}") for k, _ in COUNT_OPTIONS
              if getattr(args, k) is not None}
    predicted = {k: _figure(k, getattr(args, f"predicted_{k}"), f"--predicted-{k.replace('_', '-')}")
                 for k, _ in COUNT_OPTIONS if getattr(args, f"predicted_{k}") is not None}
    unused = sorted((set(actual) | set(predicted)) - grading.input_keys(table))
    for key in unused:
        print(f"注意：分级表 {table.id} 不按“{grading.DIMENSIONS[key][0]}”分级，已忽略", file=sys.stderr)
    result = grading.grade(table, actual, predicted)
    if args.json:
        print(json.dumps({
            "level": result.level_name, "level_number": result.level, "table": table.id,
            "edition": table.edition, "reasons": [r.text for r in result.reasons], "source": table.source,
            "level_actual": result.level_actual, "level_predicted": result.level_predicted,
            "predicted_decides": result.predicted_decides, "verified": result.verified,
            "content_hash": table.content_hash}, ensure_ascii=False, indent=2))
        return 0
    print(_headline(result))
    for i, reason in enumerate(result.reasons, 1):
        print(f"  {i}. {reason.text}")
    print(f"分级表：{table.id}（{table.title}，{table.jurisdiction_name}，{table.edition}）")
    print(f"依据：{table.source}")
    if not table.verified:
        print("注意：该分级表未经核实，仅供演示或参考。")
    print("以上仅为建议，等级由值班人员确认；改动建议等级须写明理由。")
    return 0


def _table(kind: str | None, table_id: str | None) -> grading.GradingTable:
    wanted = None
    if kind is not None:
        wanted = GRADING_KINDS.get(kind) or (kind if kind in grading.KINDS else None)
        if wanted is None:
            raise Refused(f"未知的分级类别“{kind}”（可用：{'、'.join(GRADING_KINDS)}）")
    if table_id is None:
        if wanted is None:
            raise Refused("请用 --kind 指定 production-safety 或 natural-disaster，或用 --table 指定分级表")
        return grading.default_table(wanted)
    tables = grading.load_tables()
    if table_id not in tables:
        raise Refused(f"没有编号为“{table_id}”的分级表（可用：{'、'.join(sorted(tables))}）")
    table = tables[table_id]
    if wanted is not None and table.kind != wanted:
        raise Refused(f"分级表 {table_id} 属于“{grading.KINDS[table.kind]}”，与 --kind {kind} 不符")
    return table


def _figure(key: str, text: str, option: str) -> int:
    """Parse a count (or an amount of money with 万/亿) given on the command line."""
    raw = text.strip().replace(",", "").replace("，", "")
    factor = 1
    if key == "direct_loss":
        raw = raw.removesuffix("元")
        if raw[-1:] in _MONEY_UNITS:
            raw, factor = raw[:-1], _MONEY_UNITS[raw[-1]]
    try:
        value = Decimal(raw) * factor
    except InvalidOperation:
        raise Refused(f"{option} 须为非负整数，而不是“{text}”") from None
    if not value.is_finite() or value != value.to_integral_value():
        raise Refused(f"{option} 须为整数（金额以元计），而不是“{text}”")
    if value < 0:
        raise Refused(f"{option} 不能为负数（{text}）")
    return int(value)


def _headline(result: grading.GradeResult) -> str:
    if result.level is None:
        return "未达到任何一级的分级标准，不建议定级"
    level = result.level
    if result.kind == "production_safety":
        text = f"建议定级：{grading.LEVEL_NAMES[level]}（{grading.ROMAN[level]}级）"
    else:
        text = f"建议启动{grading.ROMAN[level]}级响应（{grading.LEVEL_NAMES[level]}）"
    return text + ("，按研判预测数字" if result.predicted_decides else "")


# --- clocks ------------------------------------------------------------------

def _clocks(args: argparse.Namespace) -> int:
    category, type_ = _incident_kind(args.kind, args.type)
    level = _level(args.level)
    received = _when(args.received, "--received")
    occurred = _when(args.occurred, "--occurred") if args.occurred else None
    unit = _when(args.unit_received, "--unit-received") if args.unit_received else None
    if occurred is not None and occurred > received:
        raise Refused("事发时间不能晚于接报时间")
    if unit is not None and occurred is not None and unit < occurred:
        raise Refused("单位负责人接报时间不能早于事发时间")
    if args.horizon < 0:
        raise Refused("--horizon 不能为负数")
    facts = clocks.IncidentFacts(category=category, type=type_, level=level, received_at=received,
                                 occurred_at=occurred, unit_received_at=unit, flags=frozenset(args.flag))
    ruleset = clocks.load_ruleset()
    derived = clocks.derive(ruleset, facts, received, args.horizon)
    if args.json:
        print(json.dumps({
            "ruleset": ruleset.id, "version": ruleset.version, "category": category, "type": type_,
            "level": level, "received": _iso(received),
            "clocks": [{"rule": d.rule_id, "name": d.name, "kind": d.kind, "status": d.status,
                        "recipient": d.recipient, "anchor": d.anchor, "anchor_at": _iso(d.anchor_at),
                        "due": _iso(d.due_at), "warn": _iso(d.warn_at), "slot": d.slot,
                        "satisfied_by": list(d.satisfied_by)} for d in derived]},
            ensure_ascii=False, indent=2))
        return 0
    level_text = f"{grading.LEVEL_NAMES[level]}（{grading.ROMAN[level]}级）" if level else "未定级"
    print(f"事件：{label('incident_category', category)} / {label('incident_type', type_)}，{level_text}，"
          f"接报 {_iso(received)}；规则集 {ruleset.id} {ruleset.version}")
    if not derived:
        print("没有启动任何报告时限。")
    for d in derived:
        print(f"{_iso(d.due_at)}  {d.name} → {d.recipient}"
              f"（起算：{clocks.ANCHORS[d.anchor]} {_iso(d.anchor_at)}；规则 {d.rule_id}，{clocks.STATUS_LABELS[d.status]}）"
              + (f"　{d.note}" if d.note else ""))
    return 0


def _incident_kind(kind: str, type_: str | None) -> tuple[str, str]:
    """(category, full type code) from --kind and --type."""
    categories = catalogue("incident_category")
    if kind in INCIDENT_KINDS:
        category, default_type = INCIDENT_KINDS[kind]
    elif kind in categories:
        category, default_type = kind, f"{kind}.other"
    else:
        choices = "、".join((*INCIDENT_KINDS, *categories))
        raise Refused(f"未知的事件类别“{kind}”（可用：{choices}）")
    if type_ is None:
        return category, default_type
    code = type_ if "." in type_ else f"{category}.{type_}"
    if code not in catalogue("incident_type"):
        raise Refused(f"未知的事件类型“{type_}”")
    if not code.startswith(category + "."):
        raise Refused(f"事件类型 {code} 不属于类别 {category}")
    if kind == "production-safety" and code in NOT_PRODUCTION_SAFETY:
        raise Refused(f"{label('incident_type', code)}不按生产安全事故报告，请用 --kind accident")
    return category, code


def _level(text: str) -> int | None:
    word = text.strip()
    if word not in LEVEL_WORDS:
        word = word.removesuffix("级")
    if word not in LEVEL_WORDS:
        raise Refused(f"未知的等级“{text}”（可用：1–4、特别重大、重大、较大、一般、Ⅰ–Ⅳ、未定级）")
    return LEVEL_WORDS[word]


def _when(text: str, option: str) -> datetime:
    """An ISO 8601 time; without an offset it is Beijing time. Returned as aware UTC."""
    try:
        return ensure_utc(datetime.fromisoformat(text.strip()))
    except ValueError:
        raise Refused(f"{option} 应为 ISO 8601 时间，如 2026-11-24T10:00:00+08:00，而不是“{text}”") from None


def _iso(value: datetime) -> str:
    return value.astimezone(BEIJING).isoformat(timespec="seconds")
