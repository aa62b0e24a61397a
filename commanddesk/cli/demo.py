"""`commanddesk demo create PATH|URL [--years N] [--json]`: write a fresh demo store, optionally with years of history.

Without ``--years`` a file is the demo county as ``--demo`` opens it (its synthetic past year of
1,200 closed incidents marked （演示）, and three live incidents staged; a server database gets the
county and the live incidents). With ``--years N`` it also holds N years of a busy county marked （演示）: per year
10,000 incidents with calls, gradings, clocks, reports and timelines, 100,000 ledger movements,
1,000 teams, 30 drills, every row audited (services/history). PATH must not exist and its folder must; a
``postgresql://`` URL must name an existing, empty database (it is migrated and loaded).
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
    c.add_argument("path", metavar="PATH|URL", help="新数据库文件（不得已存在），或一个空的 postgresql:// 数据库")
    c.add_argument("--years", type=_years, help="合成历史的年数（每年 1 万起事件、10 万条审计记录）")
    c.add_argument("--scale", type=_scale, default=1.0, help=argparse.SUPPRESS)  # tests: a fraction of the history
    c.add_argument("--json", action="store_true", help="以 JSON 输出")
    complain_in_chinese(PROG, p, c)


def _progress(done: int, total: int) -> None:
    print(f"\r合成历史：{done}/{total} 起事件", end="\n" if done >= total else "", file=sys.stderr, flush=True)


def run(args) -> int:
    """Run ``demo create``; 0 written, 2 refused."""
    from ..errors import UserError

    from ..store import display_url, is_url

    server = is_url(args.path)
    target = args.path if server else Path(args.path)
    try:
        from ..services import demo, history
        from ..store import open_store

        if server:
            store = _empty_server(target)
            try:
                with store.transaction() as session:
                    demo.load(session)
            except BaseException:
                store.close()
                raise
        else:
            if target.exists():
                raise BadInput(f"“{target}”已存在，不会覆盖")
            if not target.parent.is_dir():
                raise BadInput(f"文件夹“{target.parent}”不存在")
            shutil.copyfile(demo.template() if args.years else demo.history_template(), target)  # as --demo opens it
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
            if server:
                _follow_sequences(store)
        finally:
            store.close()
    except BadInput as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    except (UserError, OSError) as exc:
        print(f"{PROG}: {getattr(exc, 'message', None) or exc}", file=sys.stderr)
        return 2
    out = {"path": display_url(target) if server else str(target.resolve()), "years": args.years or 0, **counts}
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
    else:
        extra = (f"，含 {args.years} 年合成历史（演示）：事件 {counts['incidents']} 起，审计记录 {counts['audit']} 条"
                 if counts else "")
        print(f"已写入演示数据库 {out['path']}{extra}")
    return 0


def _empty_server(url: str):
    """The store in the empty server database at *url* (migrated); refused when it holds anything."""
    from sqlalchemy import create_engine
    from sqlalchemy.exc import DBAPIError

    from ..store import StoreError, display_url, open_store, server_revision, server_url, translate_operational

    label = display_url(url)
    if not server_url(url).startswith("postgresql"):
        raise BadInput(f"不支持的数据库地址（只支持 SQLite 文件或 postgresql://）：{label}")
    try:
        engine = create_engine(server_url(url))
    except Exception as exc:  # noqa: BLE001 - a malformed URL or a missing driver
        raise BadInput(f"数据库地址无效：{label}（{exc}）") from exc
    try:
        with engine.connect() as conn:
            _revision, has_tables = server_revision(conn)
    except DBAPIError as exc:
        raise translate_operational(exc, label) from exc
    finally:
        engine.dispose()
    if has_tables:
        raise BadInput(f"数据库“{label}”不是空的，不会覆盖")
    try:
        return open_store(url)
    except StoreError as exc:
        raise BadInput(str(exc)) from exc


def _follow_sequences(store) -> None:
    """Set each table's id sequence past the ids the bulk load gave, so the app's next row takes the next id."""
    from sqlalchemy import text

    from ..models import Base

    with store.engine.begin() as conn:
        for table in Base.metadata.sorted_tables:
            if "id" not in table.c:
                continue
            seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name}).scalar()
            if seq:
                conn.execute(text(f'SELECT setval(:s, max(id)) FROM "{table.name}" HAVING max(id) IS NOT NULL'),
                             {"s": seq})
