"""`commanddesk plans search|match`: the plan library from the command line (no Qt)."""

from __future__ import annotations

import argparse
import json
import re
import sys

KIND_ALIASES = {"production-safety": "accident", "natural-disaster": "natural"}
LEVELS = {"特别重大": 1, "重大": 2, "较大": 3, "一般": 4, "Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4}
COUNTS = ("deaths", "missing", "serious_injuries", "injuries", "trapped", "relocated", "collapsed_rooms",
          "direct_loss")


class BadInput(Exception):
    """One clear line for the user; exit status 2."""


def add_parsers(subparsers) -> None:
    """Add `plans search` and `plans match`."""
    p = subparsers.add_parser("plans", help="预案检索与匹配")
    sub = p.add_subparsers(dest="plans_command", required=True)
    s = sub.add_parser("search", help="全文检索预案（支持一两个字的中文词）")
    s.add_argument("text")
    s.add_argument("--tier")
    s.add_argument("--category")
    s.add_argument("--level", type=int)
    s.add_argument("--json", action="store_true")
    m = sub.add_parser("match", help="为一起事件匹配预案并建议响应级别")
    m.add_argument("--kind", required=True, help="natural/accident/health/social 或 production-safety/natural-disaster")
    m.add_argument("--type", required=True, help="事件类型代码，如 accident.explosion 或 explosion")
    m.add_argument("--level", help="事件等级 1–4 或 特别重大/重大/较大/一般")
    for key in COUNTS:
        m.add_argument(f"--{key.replace('_', '-')}", dest=key, metavar="N")
        m.add_argument(f"--predicted-{key.replace('_', '-')}", dest=f"predicted_{key}", metavar="N")
    m.add_argument("--measure", action="append", default=[], metavar="NAME=VALUE",
                   help="研判数据，如 wind_level=12、outage_share=0.8")
    m.add_argument("--warning", choices=("red", "orange", "yellow", "blue"))
    m.add_argument("--place", default="")
    m.add_argument("--json", action="store_true")


def _count(name: str, text: str | None) -> int | None:
    if text is None:
        return None
    try:
        value = int(text)
    except ValueError:
        raise BadInput(f"--{name.replace('_', '-')} 须为整数，而不是“{text}”") from None
    if value < 0:
        raise BadInput(f"--{name.replace('_', '-')} 不能为负数（{value}）")
    return value


def facts_from(args):
    """Build matching facts from command-line arguments (BadInput on nonsense)."""
    from .catalogues import catalogue
    from .plans.matching import IncidentFacts

    kind = KIND_ALIASES.get(args.kind, args.kind)
    if kind not in catalogue("incident_category"):
        raise BadInput(f"未知的事件类别“{args.kind}”（可用 natural、accident、health、social）")
    type_ = args.type if "." in args.type else f"{kind}.{args.type}"
    if type_ not in catalogue("incident_type") or not type_.startswith(kind + "."):
        raise BadInput(f"未知或与类别不符的事件类型“{args.type}”")
    grade = None
    if args.level:
        grade = LEVELS.get(args.level) or (int(args.level) if args.level in ("1", "2", "3", "4") else None)
        if grade is None:
            raise BadInput(f"未知的事件等级“{args.level}”（可用 1–4 或 特别重大/重大/较大/一般）")
    counts = {k: v for k in COUNTS if (v := _count(k, getattr(args, k))) is not None}
    predicted = {k: v for k in COUNTS if (v := _count(k, getattr(args, f"predicted_{k}"))) is not None}
    measures = {}
    for item in args.measure:
        m = re.fullmatch(r"([a-z_]+)=(-?[0-9.]+)", item)
        if not m:
            raise BadInput(f"--measure 格式应为 名称=数值，而不是“{item}”")
        measures[m.group(1)] = float(m.group(2))
    return IncidentFacts(category=kind, type=type_, grade=grade, counts=counts, predicted=predicted,
                         measures=measures, warning=args.warning or "", place_text=args.place)


def run(args) -> int:
    """Run a plans sub-command; 0 on success, 2 on bad input."""
    from .plans import library as plan_library
    from .plans.model import level_name

    try:
        lib = plan_library.library()
        for err in lib.errors:
            print(f"commanddesk: {err.message}", file=sys.stderr)
        if args.plans_command == "search":
            from .plans.search import index_for

            if not args.text.strip():
                raise BadInput("检索词不能为空")
            hits = index_for(lib).search(args.text, args.tier, args.category, args.level)
            if args.json:
                print(json.dumps([h.__dict__ for h in hits], ensure_ascii=False, indent=2))
            else:
                for h in hits:
                    print(f"{h.title}（{h.edition}）· {h.section}：{re.sub('<[^>]+>', '', h.snippet)}")
                print(f"共 {len(hits)} 处")
            return 0
        from .plans.matching import match

        found = match(lib, facts_from(args))
        if args.json:
            print(json.dumps([{"plan": m.plan.id, "edition": m.plan.edition, "title": m.plan.title,
                               "level": m.level, "level_name": level_name(m.level) if m.level else None,
                               "reason": m.reason, "predicted": any(f.predicted for f in m.fired),
                               "checklist": list(m.checklist)} for m in found], ensure_ascii=False, indent=2))
        else:
            for m in found:
                level = level_name(m.level) if m.level else "未达自动条件"
                print(f"{m.plan.title}（{m.plan.edition}）：{level} — {m.reason}")
                for item in m.checklist[:3]:
                    print(f"    人工研判：{item}")
            if not found:
                print("没有适用的预案")
        return 0
    except BadInput as exc:
        print(f"commanddesk plans: {exc}", file=sys.stderr)
        return 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="commanddesk")
    add_parsers(parser.add_subparsers(dest="command"))
    return run(parser.parse_args(argv))
