"""`commanddesk drill run SCENARIO [--speed N] [--actions FILE] [--json]` (no Qt)."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def add_parsers(subparsers) -> None:
    """Add the ``drill`` sub-commands to *subparsers*."""
    p = subparsers.add_parser("drill", help="演练（无界面运行与评分）")
    sub = p.add_subparsers(dest="drill_command", required=True)
    r = sub.add_parser("run", help="按脚本动作推演一个演练并打分")
    r.add_argument("scenario", help="演练编号（如 chem-park-explosion）或 .toml 文件")
    r.add_argument("--speed", type=float, help="按实时的 N 倍速度推进（默认瞬时推演）")
    r.add_argument("--actions", metavar="FILE", help="学员动作脚本（TOML）")
    r.add_argument("--db", metavar="PATH", help="参考数据库（默认演示数据）")
    r.add_argument("--json", action="store_true")
    sub.add_parser("list", help="列出内置演练")


def run(args) -> int:
    """Run a drill sub-command; 0 on success, 2 on bad input."""
    from ..drills import runner, scenario
    from ..errors import UserError

    try:
        if args.drill_command == "list":
            for sc in scenario.bundled():
                print(f"{sc.id}\t{sc.title}\t{sc.duration_minutes} 分钟，插入事件 {len(sc.injects)} 条")
            return 0
        if args.speed is not None and not 0 < args.speed <= 10_000:  # NaN and inf fail here too
            raise UserError("--speed 须为 0 至 10000 之间的正数")
        sc = scenario.find(args.scenario)
        actions = runner.load_actions(Path(args.actions)) if args.actions else []
        ev = runner.run(sc, actions, Path(args.db) if args.db else None, args.speed)
    except UserError as exc:
        print(f"commanddesk drill: {exc.message}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(ev.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(f"{ev.title}：得分 {ev.score}（按时 {ev.counts['met']}，迟 {ev.counts['late']}，未完成 {ev.counts['missed']}）")
        for o in ev.outcomes + ev.clocks:
            state = {"met": "按时", "late": f"迟 {o.late_minutes} 分钟", "missed": "未完成"}[o.state]
            print(f"  [{state}] {o.what}（{o.trigger}）")
        print("  关键用时（分钟，自接报起）：" + "；".join(f"{k} {v if v is not None else '—'}" for k, v in ev.kpis.items()))
    return 0
