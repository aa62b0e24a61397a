"""`commanddesk demo create PATH [--years N] [--json]`: write a fresh demo store, optionally with years of history.

Without ``--years`` the store is the demo county as ``--demo`` opens it (three live incidents
staged). With ``--years N`` it also holds N years of a busy county marked （演示）: per year
10,000 incidents with calls, gradings, clocks, reports and timelines, 100,000 ledger movements,
1,000 teams, 30 drills, every row audited (services/history). PATH must not exist and its folder must.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from .common import BadInput, complain_in_chinese

PROG = "commanddesk demo create"


def _years(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 50:
        raise argparse.ArgumentTypeError(f"年数应为 1 至 50 的整数，而不是“{text}”")
    return int(text)


def _scale(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"比例应在 0 与 1 之间，而不是“{text}”")
    return value


def add_parsers(subparsers) -> None:
    """Add the ``demo`` verb and its ``create`` sub-command to *subparsers*."""
    p = subparsers.add_parser("demo", help="演示数据库：create 写入一份全新的演示库")
    sub = p.add_subparsers(dest="demo_action", required=True)
    c = sub.add_parser("create", help="在 PATH 写入全新的演示库；--years N 另加 N 年的合成历史（演示）")
    c.add_argument("path", metavar="PATH", help="新数据库文件（不得已存在）")
    c.add_argument("--years", type=_years, help="合成历史的年数（每年 1 万起事件、10 万条审计记录）")
    c.add_argument("--scale", type=_scale, default=1.0, help=argparse.SUPPRESS)  # tests: a fraction of the history
    c.add_argument("--json", action="store_true", help="以 JSON 输出")
    complain_in_chinese(PROG, p, c)


def _progress(done: int, total: int) -> None:
    print(f"\r合成历史：{done}/{total} 起事件", end="\n" if done >= total else "", file=sys.stderr, flush=True)


def run(args) -> int:
    """Run ``demo create``; 0 written, 2 refused."""
    from ..errors import UserError

    target = Path(args.path)
    try:
        if target.exists():
            raise BadInput(f"“{target}”已存在，不会覆盖")
        if not target.parent.is_dir():
            raise BadInput(f"文件夹“{target.parent}”不存在")
        from ..services import demo, history
        from ..store import open_store

        shutil.copyfile(demo.template(), target)
        store = open_store(target)
        try:
            demo.stage_incidents(store)
            counts = {}
            if args.years:
                counts = history.fill(store, args.years,
                                      incidents_per_year=max(1, round(history.INCIDENTS_PER_YEAR * args.scale)),
                                      audit_per_year=max(1, round(history.AUDIT_PER_YEAR * args.scale)),
                                      movements_per_year=round(history.MOVEMENTS_PER_YEAR * args.scale),
                                      teams_per_year=round(history.TEAMS_PER_YEAR * args.scale),
                                      drills_per_year=round(history.DRILLS_PER_YEAR * args.scale),
                                      progress=_progress)
        finally:
            store.close()
    except BadInput as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    except (UserError, OSError) as exc:
        print(f"{PROG}: {getattr(exc, 'message', None) or exc}", file=sys.stderr)
        return 2
    out = {"path": str(target.resolve()), "years": args.years or 0, **counts}
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
    else:
        extra = (f"，含 {args.years} 年合成历史（演示）：事件 {counts['incidents']} 起，审计记录 {counts['audit']} 条"
                 if counts else "")
        print(f"已写入演示数据库 {out['path']}{extra}")
    return 0
