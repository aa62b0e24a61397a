"""`commanddesk warnings import|list`: the warnings register from the command line (no Qt).

``import FILE.xml`` records one CAP 1.2 message (``import FOLDER`` every file another
system dropped there, moving each to 已导入/ or 未导入/) (an Alert adds a warning, an
Update or Cancel changes the one it references) and prints what was recorded;
a file that is not acceptable CAP 1.2 is refused with exit status 2, one Chinese
line and nothing recorded. ``list`` prints the register. Both take ``--db PATH|URL``
(default: the post's store) or ``--demo`` (a fresh demo copy with its live warnings,
thrown away afterwards), and ``--json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import contextmanager
from pathlib import Path

from .common import BadInput, complain_in_chinese


def add_parsers(subparsers) -> None:
    """Add `warnings import` and `warnings list`."""
    p = subparsers.add_parser("warnings", help="预警信息登记：导入 CAP 1.2 文件、列出预警")
    sub = p.add_subparsers(dest="warnings_command", required=True)
    i = sub.add_parser("import", help="导入一条 CAP 1.2 预警消息（发布、更新或解除）")
    i.add_argument("file", metavar="FILE.xml", help="CAP 文件；或一个文件夹：导入其中全部 .xml，已导入的移入“已导入”，拒收的移入“未导入”并附原因")
    i.add_argument("--operator", help="记录人（可处置事件的账户名；只有一个这样的账户时可省略）")
    where_arguments(i)
    i.add_argument("--json", action="store_true", help="以 JSON 输出")
    ls = sub.add_parser("list", help="列出预警信息（最新的在前）")
    ls.add_argument("--active", action="store_true", help="只列出生效中的预警")
    where_arguments(ls)
    ls.add_argument("--json", action="store_true", help="以 JSON 输出")
    complain_in_chinese("commanddesk warnings", p, i, ls)


def where_arguments(parser) -> None:
    """``--db PATH|URL`` or ``--demo`` (not both) on *parser*."""
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--db", metavar="PATH|URL", help="数据库文件或 postgresql:// 地址（默认：本机值班库）")
    where.add_argument("--demo", action="store_true", help="使用一份新的演示数据库副本（用后丢弃，不影响本机值班库）")


@contextmanager
def opened(args):
    """The store ``--db`` or ``--demo`` names, closed afterwards (a demo copy is also thrown away)."""
    if not getattr(args, "demo", False):
        store = _open(getattr(args, "db", None))
        try:
            yield store
        finally:
            store.close()
        return
    from ..services import demo
    from ..store import open_store

    path = demo.fresh_copy()
    try:
        store = open_store(path)
        try:
            demo.stage_incidents(store)  # the live incidents and the two warnings in force
            yield store
        finally:
            store.close()
    finally:
        demo.discard(path)


def _open(db: str | None):
    from .. import paths
    from ..errors import UserError
    from ..store import is_url, open_store

    path = db if is_url(db) else Path(db) if db else paths.default_db()
    if not is_url(path) and not path.exists():
        raise BadInput(f"数据库不存在：{path}")
    try:
        return open_store(path)
    except UserError as exc:
        raise BadInput(exc.message) from None


def _actor(store, name: str | None, demo: bool = False):
    from sqlalchemy import select

    from ..models import Operator
    from ..services import auth

    if demo and not name:
        from ..services.demo import DEMO_OFFICER

        name = DEMO_OFFICER  # the duty officer --demo signs in as

    with store.read() as s:
        staff = [auth.Actor(o.id, o.name, auth.Role(o.role)) for o in s.scalars(
            select(Operator).where(Operator.active.is_(True)).order_by(Operator.id))]
    staff = [a for a in staff if a.can(auth.Permission.HANDLE_INCIDENT)]
    if name:
        staff = [a for a in staff if a.name == name]
        if not staff:
            raise BadInput(f"没有可登记预警的账户“{name}”")
    elif len(staff) != 1:
        raise BadInput("请用 --operator 指定记录人（值班员账户名）")
    return staff[0]


def _import(args) -> int:
    from ..errors import UserError
    from ..services import warnings

    path = Path(args.file)
    if path.is_dir():
        return _import_folder(args, path)
    try:
        data = path.read_bytes()
    except OSError:
        raise BadInput(f"无法读取文件：{path}") from None
    with opened(args) as store:
        actor = _actor(store, args.operator, getattr(args, "demo", False))
        try:
            with store.transaction(actor) as s:
                result = warnings.import_cap(s, data, path.name)
        except UserError as exc:
            raise BadInput(exc.message) from None
    if args.json:
        print(json.dumps({"warning_id": result.warning_id, "action": result.action, "headline": result.headline,
                          "identifier": result.identifier, "colour": result.colour, "state": result.state},
                         ensure_ascii=False))
    else:
        print(result.sentence)
    return 0


def _import_folder(args, folder: Path) -> int:
    """Every CAP file in a drop folder; exit status 2 if any was refused (it is then in 未导入/ with the reason)."""
    from ..services import warnings

    with opened(args) as store:
        actor = _actor(store, args.operator, getattr(args, "demo", False))
        items = warnings.import_folder(store, folder, actor)
    if args.json:
        print(json.dumps([{"file": i.name, "warning_id": i.result.warning_id if i.result else None,
                           "action": i.result.action if i.result else "refused", "reason": i.reason}
                          for i in items], ensure_ascii=False))
    else:
        for i in items:
            print(f"{i.name}：{i.result.sentence}" if i.result else f"{i.name}：未导入（{i.reason}）")
        if not items:
            print("文件夹中没有待导入的 CAP 文件。")
    return 2 if any(i.result is None for i in items) else 0


def _list(args) -> int:
    from ..clock import format_beijing
    from ..services import warnings

    with opened(args) as store:
        with store.read() as s:
            rows = warnings.listing(s, live_only=args.active)
    if args.json:
        print(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=1))
        return 0
    if not rows:
        print("没有预警信息。")
    for r in rows:
        expiry = format_beijing(r.expires_at, seconds=False) if r.expires_at else "未定"
        print(f"#{r.id} [{warnings.COLOUR_SHORT[r.colour]}] {r.headline}｜{r.area_desc}｜{r.state_label}｜"
              f"失效 {expiry}｜转发 {r.forwarded}/{r.required}" + (f"（{r.clock_state}）" if r.clock_state else ""))
    return 0


def run(args) -> int:
    """Run a warnings sub-command; 0 on success, 2 on bad input."""
    try:
        return (_import if args.warnings_command == "import" else _list)(args)
    except BadInput as exc:
        print(f"commanddesk warnings: {exc}", file=sys.stderr)
        return 2
