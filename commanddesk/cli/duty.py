"""`commanddesk roster show`, `commanddesk handover draft`, `commanddesk daily-report` (no Qt).

Each takes ``--db PATH`` (or ``--demo`` for a fresh demo copy) and ``--json``; bad dates, a missing store or an
unknown person end with exit status 2 and one Chinese line.
"""

from __future__ import annotations

import json
import sys
from datetime import date

from .common import BadInput

COMMANDS = ("roster", "handover", "daily-report")


def _common(p) -> None:
    p.add_argument("--db", metavar="PATH", help="数据库文件（默认：本机值班库）")
    p.add_argument("--demo", action="store_true", help="使用一份新的演示数据副本")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")


def add_parsers(subparsers) -> None:
    """Add ``roster``, ``handover`` and ``daily-report`` to *subparsers*."""
    r = subparsers.add_parser("roster", help="值班表：某日的班次与当前在岗人员")
    r.add_argument("action", choices=("show",), help="show：列出班次")
    r.add_argument("--date", metavar="YYYY-MM-DD", help="日期（北京时间；默认今天）")
    _common(r)
    h = subparsers.add_parser("handover", help="交接班：此刻交接班记录将列出的内容")
    h.add_argument("action", choices=("draft",), help="draft：汇总（不保存）")
    h.add_argument("--operator", metavar="NAME", help="交班人（须为有效账户；仅用于显示）")
    _common(h)
    d = subparsers.add_parser("daily-report", help="值班日报：某值班日的汇总数据")
    d.add_argument("--date", metavar="YYYY-MM-DD", help="值班日（默认当前值班日）")
    _common(d)


def _date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise BadInput(f"日期“{text}”应为 YYYY-MM-DD 格式") from None
    if not 1900 <= day.year <= 2200:  # shift times are computed around it: 0001 or 9999 would overflow
        raise BadInput(f"日期“{text}”的年份应在 1900 至 2200 之间")
    return day


def _open(args):
    """(store, demo path or None)."""
    if args.demo:
        from ..services import demo
        from ..store import open_store

        path = demo.fresh_copy()
        store = open_store(path)
        demo.stage_incidents(store)
        return store, path
    from pathlib import Path

    from .. import paths
    from ..errors import UserError
    from ..store import is_url, open_store

    db = args.db if is_url(args.db) else Path(args.db) if args.db else paths.default_db()
    if not is_url(db) and not db.exists():
        raise BadInput(f"数据库不存在：{db}")
    try:
        return open_store(db), None
    except UserError as exc:
        raise BadInput(exc.message) from None


def _roster(s, day: date | None) -> dict:
    from ..services import roster

    now = roster.now(s)
    day = day or now.day
    plan = roster.days(s, day, day)[0]
    view = lambda p: {"day": p.day.isoformat(), "shift": p.label, "times": p.times_text, "leader": p.leader,  # noqa: E731
                      "officer": p.officer, "backup": p.backup, "uncovered": p.uncovered}
    return {"date": day.isoformat(), "marks": list(plan.marks), "shifts": [view(p) for p in plan.shifts],
            "on_duty": view(now), "gaps": [view(g) for g in roster.gaps(s, 7)]}


def run(args) -> int:
    """Run one of the commands; 0 on success, 2 on bad input."""
    from ..services import daily, handover

    path = None
    try:
        day = _date(getattr(args, "date", None))
        store, path = _open(args)
        try:
            with store.read() as s:
                if args.command == "roster":
                    data = _roster(s, day)
                elif args.command == "handover":
                    if args.operator:
                        from sqlalchemy import select

                        from ..models import Operator

                        if s.scalar(select(Operator.id).where(Operator.name == args.operator,
                                                              Operator.active.is_(True))) is None:
                            raise BadInput(f"没有名为“{args.operator}”的有效账户")
                    data = handover.assemble(s)
                else:
                    data = daily.build(s, day or daily.today(s)).as_dict()
        finally:
            store.close()
    except BadInput as exc:
        print(f"commanddesk {args.command}: {exc}", file=sys.stderr)
        return 2
    finally:
        if path is not None:
            from ..services import demo

            demo.discard(path)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        print(_text(args.command, data))
    return 0


def _text(command: str, data: dict) -> str:
    if command == "roster":
        line = lambda p: (f"{p['day']} {p['shift']} {p['times']}：带班领导 {p['leader'] or '—'}，"  # noqa: E731
                          f"值班员 {p['officer'] or '（未排班）'}，备勤 {p['backup'] or '—'}")
        out = [f"{data['date']}" + (f"（{'；'.join(data['marks'])}）" if data["marks"] else "")]
        out += ["  " + line(p) for p in data["shifts"]]
        out.append("当前在岗：" + line(data["on_duty"]))
        if data["gaps"]:
            out.append("7 天内无人值班：" + "、".join(f"{g['day']} {g['shift']}" for g in data["gaps"]))
        return "\n".join(out)
    if command == "handover":
        out = [f"交接班汇总（{data['assembled_at']}，本班 {data['shift']['day']} {data['shift']['label']}）"]
        out.append(f"在办事件 {len(data['incidents'])} 起：" + "；".join(
            f"{i['number']} {i['title']}（{i['grade']}，{i['status']}）" for i in data["incidents"]))
        out.append(f"时限 {len(data['clocks'])} 项，已超时 {sum(c['overdue'] for c in data['clocks'])} 项")
        out.append(f"未报送报告 {len(data['drafts'])} 份；未完成预案任务 {len(data['tasks'])} 项；"
                   f"未落实批示 {len(data['instructions'])} 条；未归还物资 {len(data['materials'])} 项")
        return "\n".join(out)
    return "\n\n".join(f"【{s['heading']}】\n{s['text']}" for s in data["sections"])
