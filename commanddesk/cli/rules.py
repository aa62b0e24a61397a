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

from ..catalogues import catalogue, label
from ..clock import BEIJING, ensure_utc
from ..rules import RuleFileError, clocks, grading

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
    ("threatened", "地质灾害险情：受威胁需搬迁转移人数"),
    ("potential_loss", "地质灾害险情：潜在经济损失，单位元；也可写 5000万、1亿"),
    ("burned_area_ha", "森林火灾受害森林面积，单位公顷，可有小数"),
    ("magnitude", "地震震级，如 5.5（须同时给 --density）"),
    ("load_loss_pct", "大面积停电：减供负荷比例，单位 %（须同时给 --city-size）"),
    ("users_out_pct", "大面积停电：停电用户比例，单位 %（须同时给 --city-size）"),
    ("food_poisoning_cases", "一次食物中毒人数"),
    ("food_poisoning_deaths", "食物中毒死亡人数"),
    ("occupational_poisoning_cases", "一次急性职业中毒人数"),
    ("occupational_poisoning_deaths", "急性职业中毒死亡人数"),
)
# Facts a scale reads: option -> (fact key, help).
FACT_OPTIONS: tuple[tuple[str, str, str], ...] = (
    ("density", "population_density", "震中人口密集程度：dense（人口密集地区）或 fairly-dense（人口较密集地区）"),
    ("city-size", "city_size", "停电城市及其电网负荷：municipality、capital-2000、capital、prefecture-600、"
                               "prefecture、county-150、county（或中文名，如 直辖市）"),
    ("water-source-cut", "water_source_cut", "因污染取水中断的集中式饮用水水源地：prefecture（设区的市级以上城市）、"
                                             "county（县级城市）或 township（乡镇）"),
)
_MONEY_KEYS = ("direct_loss", "potential_loss")
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
    g.add_argument("--kind", help="分级类别，代码或中文名：" + "、".join(
        f"{code}（{grading.KINDS[kind]}）" for code, kind in grading.SCALE_CODES.items()))
    g.add_argument("--table", metavar="ID", help="分级表编号（默认为该类的国家标准表）")
    for key, text in COUNT_OPTIONS:
        option = key.replace("_", "-")
        g.add_argument(f"--{option}", dest=key, metavar="N", help=text.replace("%", "%%"))
        g.add_argument(f"--predicted-{option}", dest=f"predicted_{key}", metavar="N",
                       help=f"经会商研判可能出现的{text.split('，')[0]}")
    for option, key, text in FACT_OPTIONS:
        g.add_argument(f"--{option}", dest=key, metavar="CODE", help=text)
    g.add_argument("--gdp-loss-1pct", dest="gdp_loss_1pct", action="store_true",
                   help="地震直接经济损失占上年省内生产总值 1%% 以上")
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
    facts = {key: _fact(key, getattr(args, key), f"--{option}") for option, key, _ in FACT_OPTIONS
             if getattr(args, key) is not None}
    if args.gdp_loss_1pct:
        facts["gdp_loss_1pct"] = "yes"
    _needs_fact(table, actual | predicted, facts)
    unused = sorted((set(actual) | set(predicted)) - grading.input_keys(table))
    for key in unused:
        print(f"注意：分级表 {table.id} 不按“{grading.DIMENSIONS[key][0]}”分级，已忽略", file=sys.stderr)
    for key in sorted(set(facts) - set(table.facts)):
        print(f"注意：分级表 {table.id} 不看“{grading.FACTS[key][0]}”，已忽略", file=sys.stderr)
    result = grading.grade(table, actual, predicted, facts)
    if args.json:
        print(json.dumps({
            "level": _level_text(result), "level_number": result.level, "level_kind": table.level_kind,
            "scale": table.kind.replace("_", "-"), "scale_name": grading.KINDS[table.kind],
            "response_level": result.level if table.is_response else None,
            "table": table.id, "edition": table.edition, "reasons": [r.text for r in result.reasons],
            "source": table.source, "bounds": table.bounds,
            "level_actual": result.level_actual, "level_predicted": result.level_predicted,
            "predicted_decides": result.predicted_decides, "verified": result.verified,
            "content_hash": table.content_hash}, ensure_ascii=False, indent=2))
        return 0
    print(_headline(result))
    for i, reason in enumerate(result.reasons, 1):
        print(f"  {i}. {reason.text}")
    print(f"分级表：{table.id}（{table.title}，{table.jurisdiction_name}，{table.edition}）")
    print(f"依据：{table.source}")
    if table.bounds:
        print(f"本数归属：{table.bounds}")
    if table.is_response:
        print("说明：这是应急响应级别的建议，不是事件等级；事件等级按该类事件自己的分级标准确定。")
    if not table.verified:
        print("注意：该分级表未经核实，仅供演示或参考。")
    print("以上仅为建议，等级由值班人员确认；改动建议等级须写明理由。")
    return 0


def _level_text(result: grading.GradeResult) -> str | None:
    """特别重大 … 一般 for a grade, "Ⅳ级响应" for a response level, None below every threshold."""
    if result.level is None:
        return None
    return f"{grading.ROMAN[result.level]}级响应" if result.is_response else result.level_name


def _scale_named(kind: str) -> str:
    """The scale for a scale code or name, or for an incident type said in words (山体滑坡 → 地质灾害)."""
    from .. import vocabulary
    from ..catalogues import grading_scale, response_scale

    try:
        return grading.scale_of(kind)
    except ValueError as exc:
        refusal = str(exc)
    type_ = vocabulary.resolve_type(kind)
    if type_ is None:
        raise Refused(refusal)
    category = type_.split(".", 1)[0]
    scale = grading_scale(type_, category) or response_scale(category)  # 台风: the relief plan's response levels
    if not scale:
        raise Refused(f"“{kind}”（{label('incident_type', type_)}）没有法定分级表，等级由值班人员研判确定")
    return scale


def _table(kind: str | None, table_id: str | None) -> grading.GradingTable:
    wanted = None
    if kind is not None:
        wanted = _scale_named(kind)
    if table_id is None:
        if wanted is None:
            raise Refused("请用 --kind 指定分级类别（如 production-safety、forest-fire、地质灾害），或用 --table 指定分级表")
        return grading.default_table(wanted)
    tables = grading.load_tables()
    if table_id not in tables:
        raise Refused(f"没有编号为“{table_id}”的分级表（可用：{'、'.join(sorted(tables))}）")
    table = tables[table_id]
    if wanted is not None and table.kind != wanted:
        raise Refused(f"分级表 {table_id} 属于“{grading.KINDS[table.kind]}”，与 --kind {kind} 不符")
    return table


MAX_FIGURE = 10**15  # no count or amount in yuan is larger; 1e309 is a typo or an attack


def _figure(key: str, text: str, option: str) -> grading.Number:
    """Parse a count, a decimal figure, or an amount of money with 万/亿 given on the command line."""
    raw = text.strip().replace(",", "").replace("，", "")
    if key in grading.DECIMAL_DIMENSIONS:
        raw = raw.removesuffix("%").removesuffix("公顷").removesuffix("级")
        try:
            return grading.to_decimal(raw, option)
        except ValueError:
            raise Refused(f"{option} 须为非负数字，而不是“{text}”") from None
    factor = 1
    if key in _MONEY_KEYS:
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
    if value > MAX_FIGURE:
        raise Refused(f"{option} 数值过大（{text}），请核对")
    return int(value)


def _fact(key: str, text: str, option: str) -> str:
    """A fact given by code (fairly-dense or fairly_dense) or by its Chinese label."""
    word = text.strip()
    values = grading.FACTS[key][1]
    by_label = {label: code for code, label in values.items()}
    code = word.replace("-", "_")
    if code in values:
        return code
    if word in by_label:
        return by_label[word]
    short = [c for c, label in values.items() if label.split("（")[0] == word]
    if len(short) == 1:
        return short[0]
    choices = "、".join(f"{c.replace('_', '-')}（{label}）" for c, label in values.items())
    raise Refused(f"{option} 应为 {choices} 之一，而不是“{text}”")


def _needs_fact(table: grading.GradingTable, figures: dict, facts: dict) -> None:
    """Refuse a figure whose bands all depend on a fact that was not given (magnitude without density)."""
    for key in figures:
        bands = [b for b in table.bands if b.dimension == key]
        if bands and all(b.when for b in bands) and not any(b.applies(facts) for b in bands):
            needed = sorted({k for b in bands for k, _ in b.when})
            options = "、".join(f"--{o}" for o, k, _ in FACT_OPTIONS if k in needed)
            raise Refused(f"按“{grading.DIMENSIONS[key][0]}”分级须同时用 {options} 指定"
                          f"{'、'.join(grading.FACTS[k][0] for k in needed)}")


def _headline(result: grading.GradeResult) -> str:
    if result.level is None:
        return result.headline()
    return result.headline() + ("数字" if result.predicted_decides else "")


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
    if not 0 <= args.horizon <= 24 * 366:
        raise Refused("--horizon 应为 0 至 8784 小时（一年）")
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
        value = ensure_utc(datetime.fromisoformat(text.strip()))
    except (ValueError, OverflowError):
        raise Refused(f"{option} 应为 ISO 8601 时间，如 2026-11-24T10:00:00+08:00，而不是“{text}”") from None
    if not 1900 <= value.year <= 2200:  # deadlines are added to it: 0001 or 9999 would overflow
        raise Refused(f"{option} 的年份应在 1900 至 2200 之间，而不是“{text}”")
    return value


def _iso(value: datetime) -> str:
    return value.astimezone(BEIJING).isoformat(timespec="seconds")
