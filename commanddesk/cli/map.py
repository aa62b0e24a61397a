"""`commanddesk map export`: the situation map (一张图快照) as one offline HTML file (no Qt)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import BadInput, complain_in_chinese


def add_parsers(subparsers) -> None:
    """Add `map export`."""
    p = subparsers.add_parser("map", help="地图：导出一张图快照")
    sub = p.add_subparsers(dest="map_command", required=True)
    e = sub.add_parser("export", help="把当前态势图导出为可离线打开的单个 HTML 文件")
    e.add_argument("-o", "--output", required=True, metavar="FILE.html", help="输出文件")
    e.add_argument("--incident", metavar="N", help="以此事件为中心：圈层、调派队伍与直线距离")
    e.add_argument("--drill", action="store_true", help="导出演练事件（默认只含真实事件）")
    e.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    where = e.add_mutually_exclusive_group()
    where.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="使用此数据库")
    where.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help="使用一份演示数据库副本")
    complain_in_chinese("commanddesk map", p, e)


def _incident(text: str | None) -> int | None:
    if text is None:
        return None
    t = text.strip().lstrip("#")
    if not t.isdigit() or len(t) > 15:
        raise BadInput(f"事件编号应为数字，而不是“{text}”")
    return int(t)


def run(args) -> int:
    """Run ``map export``; 0 on success, 2 on bad input."""
    import json

    from ..map import export

    demo_copy = None
    try:
        incident = _incident(args.incident)
        out = Path(args.output)
        if out.suffix.lower() not in (".html", ".htm"):
            raise BadInput(f"输出文件应以 .html 结尾：{out}")
        if not out.parent.is_dir():
            raise BadInput(f"输出目录不存在：{out.parent}")
        if getattr(args, "demo", False):
            from ..services import demo
            from ..store import open_store

            demo_copy = demo.fresh_copy()
            store = open_store(demo_copy)
            demo.stage_incidents(store)
        else:

            from .warnings import _open

            store = _open(getattr(args, "db", None))
        try:
            with store.read() as s:
                snap = export.write(s, out, incident, True if args.drill else None)
        except export.ExportError as exc:
            raise BadInput(str(exc)) from None
        except OSError as exc:
            raise BadInput(f"无法写入 {out}（{exc.strerror or exc}）") from None
        finally:
            store.close()
    except BadInput as exc:
        print(f"commanddesk map: {exc}", file=sys.stderr)
        return 2
    finally:
        if demo_copy is not None:
            from ..services import demo

            demo.discard(demo_copy)
    size = out.stat().st_size
    if args.json:
        print(json.dumps({"file": str(out), "bytes": size, "counts": snap.counts, "drill": snap.drill,
                          "incident": snap.incident_id}, ensure_ascii=False))
    else:
        names = {"warning": "预警", "zone": "区域"} | export.payload.LAYER_TITLES
        shown = "，".join(f"{names.get(k, k)} {n}" for k, n in snap.counts.items())
        print(f"已导出{'演练' if snap.drill else ''}一张图快照：{out}（{size // 1024} KB；{shown}）")
    return 0
