"""`commanddesk sync …`: a command vehicle's store taken out of the post, packages both ways, conflicts.

    commanddesk sync init --from POST_DB --to VEHICLE_DB --site 车1 [--operator NAME] [--json]
    commanddesk sync export --db DB --to FILE [--peer SITE] [--encrypt] [--operator NAME] [--json]
    commanddesk sync import --db DB FILE [--operator NAME] [--json]
    commanddesk sync conflicts --db DB [--all] [--json]
    commanddesk sync resolve --db DB ID --keep here|there --reason TEXT [--quantity N] [--operator NAME] [--json]

Who acts is an account of the store (--operator; may be left out when only one account may do it):
taking a vehicle out needs a 带班领导 or 管理员, exchanging and resolving anyone on duty (not a 导调员).

``--encrypt`` seals the package with a passphrase (AES-256-GCM, scrypt); an encrypted package is
recognised on import. The passphrase: ``--package-passphrase-file FILE`` or ``COMMANDDESK_PACKAGE_PASSPHRASE``
when the package's differs from the store's, else the CLI's own ``--passphrase-file`` /
``COMMANDDESK_PASSPHRASE``, else asked on a terminal (twice on export).

A refused package or request is one Chinese line with exit status 2 and nothing changed (docs/sync.md).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .common import BadInput, complain_in_chinese

PROG = "commanddesk sync"
PACKAGE_PASSPHRASE_ENV = "COMMANDDESK_PACKAGE_PASSPHRASE"


def add_parsers(subparsers) -> None:
    """Add the ``sync`` verb and its sub-commands to *subparsers*."""
    p = subparsers.add_parser("sync", help="指挥部与指挥车离线同步：init 建车载库，export/import 交换包，conflicts/resolve 处理冲突")
    sub = p.add_subparsers(dest="sync_action", required=True)
    i = sub.add_parser("init", help="从指挥部数据库建立指挥车数据库")
    i.add_argument("--from", dest="source", metavar="POST_DB", required=True, help="指挥部数据库")
    i.add_argument("--to", dest="target", metavar="VEHICLE_DB", required=True, help="新的指挥车数据库文件（不得已存在）")
    i.add_argument("--site", required=True, help="指挥车站点名称，如 车1")
    e = sub.add_parser("export", help="把上次交换以来的变更写入签名交换包")
    e.add_argument("--to", dest="target", metavar="FILE", required=True, help="交换包文件（不得已存在）")
    e.add_argument("--peer", metavar="SITE", help="对端站点（指挥部有多辆指挥车时必填）")
    e.add_argument("--encrypt", action="store_true", help="用口令加密交换包（AES-256-GCM）")
    m = sub.add_parser("import", help="导入交换包（冲突留待处理，其余照常合并）")
    m.add_argument("package", metavar="FILE", help="交换包文件")
    c = sub.add_parser("conflicts", help="列出未处理的同步冲突，两边并排")
    c.add_argument("--all", action="store_true", help="也列出已处理的")
    r = sub.add_parser("resolve", help="处理一条冲突：保留本方（here）或采用对方（there），须写明理由")
    r.add_argument("id", type=int, metavar="ID", help="冲突编号")
    r.add_argument("--keep", choices=("here", "there"), required=True, help="here：保留本方；there：采用对方")
    r.add_argument("--reason", required=True, help="处理理由")
    r.add_argument("--quantity", type=int, metavar="N", help="库存冲突采用对方时，按库存只记入的数量")
    for q, what in ((i, "建库人（带班领导或管理员账户名）"), (e, "导出人（值班员账户名）"), (m, "导入人（值班员账户名）"),
                    (r, "处理人（值班员账户名）")):
        q.add_argument("--operator", metavar="NAME", help=what + "；只有一个可执行的账户时可省略")
    for q in (e, m):
        q.add_argument("--package-passphrase-file", metavar="FILE",
                       help=f"交换包口令文件（第一行）；也可用环境变量 {PACKAGE_PASSPHRASE_ENV}；"
                            "未给出时用 --passphrase-file 或 COMMANDDESK_PASSPHRASE")
    for q in (e, m, c, r):
        q.add_argument("--db", metavar="PATH|URL", required=True, default=argparse.SUPPRESS, help="数据库")
    for q in (i, e, m, c, r):
        q.add_argument("--json", action="store_true", help="以 JSON 输出")
    complain_in_chinese(PROG, p, i, e, m, c, r)


def _open(db: str, must_exist: bool = True):
    from ..errors import UserError
    from ..store import is_url, open_store

    path = db if is_url(db) else Path(db)
    if must_exist and not is_url(path) and not path.exists():
        raise BadInput(f"数据库不存在：{path}")
    try:
        return open_store(path)
    except UserError as exc:
        raise BadInput(exc.message) from None


def _actor(store, name: str | None, perm: str):
    """The account acting: *name*, or the only active account whose role may *perm*."""
    from sqlalchemy import select

    from ..models import Operator
    from ..services import auth

    with store.read() as s:
        staff = [auth.Actor(o.id, o.name, auth.Role(o.role)) for o in s.scalars(
            select(Operator).where(Operator.active.is_(True)).order_by(Operator.id))]
    if name:
        named = [a for a in staff if a.name == name]
        if not named:
            raise BadInput(f"没有名为“{name}”的有效账户")
        return named[0]  # the service refuses it, naming the roles that may, when its role may not
    staff = [a for a in staff if a.can(auth.Permission(perm))]
    if len(staff) != 1:
        raise BadInput("请用 --operator 指定执行人（账户名）")
    return staff[0]


def _passphrase(args, new: bool) -> str | None:
    """The package passphrase: its own file or variable, else the CLI's passphrase, else asked on a terminal
    (twice for a *new* one); None when there is none and no terminal to ask at."""
    from .. import cipher

    try:
        if args.package_passphrase_file:
            return cipher.read_passphrase_file(args.package_passphrase_file)
        if os.environ.get(PACKAGE_PASSPHRASE_ENV):
            return cipher.check_passphrase(os.environ[PACKAGE_PASSPHRASE_ENV])
    except ValueError as exc:
        raise BadInput(str(exc)) from None
    if cipher.passphrase() is not None:
        return cipher.passphrase()
    if not sys.stdin.isatty():
        return None
    import getpass

    text = getpass.getpass(f"交换包口令（至少 {cipher.MIN_LENGTH} 个字符）：" if new else "交换包口令：")
    if new and getpass.getpass("再输入一次：") != text:
        raise BadInput("两次输入的口令不一致，未写出交换包")
    return text


def _say(args, data: dict, text: str) -> None:
    print(json.dumps(data, ensure_ascii=False) if args.json else text)


def run(args) -> int:
    """Run one ``sync`` sub-command; 0 done, 2 refused."""
    from ..errors import UserError

    action = args.sync_action
    try:
        return {"init": _init, "export": _export, "import": _import, "conflicts": _conflicts,
                "resolve": _resolve}[action](args)
    except BadInput as exc:
        print(f"{PROG} {action}: {exc}", file=sys.stderr)
        return 2
    except UserError as exc:
        print(f"{PROG} {action}: {exc.message}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"{PROG} {action}: 无法读写文件（{exc.strerror or exc}）", file=sys.stderr)
        return 2


def _init(args) -> int:
    from ..services import sync, takeout
    from ..store import is_url

    target = Path(args.target)
    if is_url(args.target):
        raise BadInput("指挥车数据库应为 SQLite 文件")
    if target.exists():
        raise BadInput(f"“{target}”已存在，不会覆盖")
    if not target.parent.is_dir():
        raise BadInput(f"文件夹“{target.parent}”不存在")
    post = _open(args.source)
    try:
        result = takeout.take_out(post, target, args.site, actor=_actor(post, args.operator, "sync_setup"))
    finally:
        post.close()
    key = sync.key_file(result.post_id)
    _say(args, {"site": result.site, "vehicle": str(target.resolve()), "open_incidents": result.open_incidents,
                "copied": result.copied, "key_file": str(key)},
         f"已建立指挥车“{result.site}”的数据库 {target.resolve()}：在办事件 {result.open_incidents} 起，"
         f"共复制 {sum(result.copied.values())} 行。\n同步密钥：{key}（请一并复制到指挥车所用电脑的同一位置）")
    return 0


def _export(args) -> int:
    from ..services import sync

    passphrase = None
    if args.encrypt:
        passphrase = _passphrase(args, new=True)
        if passphrase is None:
            raise BadInput(f"请给出交换包口令：--package-passphrase-file 文件，或环境变量 {PACKAGE_PASSPHRASE_ENV}"
                           "（或 --passphrase-file / COMMANDDESK_PASSPHRASE）")
    store = _open(args.db)
    try:
        result = sync.export(store, Path(args.target), args.peer, actor=_actor(store, args.operator, "sync"),
                             passphrase=passphrase)
    finally:
        store.close()
    counts = "，".join(f"{sync.OP_LABELS.get(k, k)} {v}" for k, v in result.counts.items()) or "无变更"
    _say(args, {"file": str(result.path), "peer": sync.site_label(result.peer), "seq": result.seq,
                "counts": result.counts, "size_bytes": result.size, "sha256": result.sha256,
                "encrypted": result.encrypted},
         f"已写入发往“{sync.site_label(result.peer)}”的第 {result.seq} 号{'加密' if result.encrypted else ''}交换包 "
         f"{result.path}：{counts}；{result.size} 字节。")
    return 0


def _import(args) -> int:
    from ..services import sync

    passphrase = _passphrase(args, new=False) if sync.package_is_sealed(Path(args.package)) else None
    store = _open(args.db)
    try:  # an encrypted package without (the right) passphrase is refused by the service, nothing applied
        result = sync.import_package(store, Path(args.package), actor=_actor(store, args.operator, "sync"),
                                     passphrase=passphrase)
    finally:
        store.close()
    data = {"source": sync.site_label(result.source), "seq": result.seq, "already": result.already,
            "applied": result.applied, "conflicts": result.conflicts, "sha256": result.sha256,
            "applied_by": result.applied_by, "conflicts_by": result.conflicts_by}
    if result.already:
        text = f"来自“{sync.site_label(result.source)}”的第 {result.seq} 号交换包已导入过，未作改动。"
    else:
        text = (f"已导入来自“{sync.site_label(result.source)}”的第 {result.seq} 号交换包：合并 {result.applied} 条，"
                f"冲突 {result.conflicts} 条" + ("（用 sync conflicts 查看，sync resolve 处理）" if result.conflicts else "") + "。")
        if result.applied_by:
            text += "\n合并：" + "，".join(f"{k} {v}" for k, v in result.applied_by.items())
        if result.conflicts_by:
            text += "\n冲突：" + "，".join(f"{k} {v}" for k, v in result.conflicts_by.items())
    _say(args, data, text)
    return 0


def _conflicts(args) -> int:
    from ..services import sync

    store = _open(args.db)
    try:
        with store.read() as s:
            rows = sync.conflict_rows(s, open_only=not args.all)
    finally:
        store.close()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    if not rows:
        print("没有未处理的同步冲突。")
        return 0
    for r in rows:
        about = r["subject"] or f"{r['entity_label']} {r['uid'][:8]}"
        print(f"#{r['id']} {r['kind_label']}：{about} {r['field_label']}"
              f"（来自“{r['peer']}”，{r['status_label']}）")
        print(f"    本方：{r['here']['text']}　{r['here']['who']} {r['here']['at']}")
        print(f"    对方：{r['there']['text']}　{r['there']['who']} {r['there']['at']}")
    return 0


def _resolve(args) -> int:
    from ..services import sync

    store = _open(args.db)
    try:
        c = sync.resolve(store, args.id, args.keep, args.reason, args.quantity,
                         actor=_actor(store, args.operator, "sync"))
    finally:
        store.close()
    _say(args, {"id": c.id, "keep": c.status, "reason": c.reason},
         f"冲突 #{c.id} 已处理：{'保留本方' if c.status == 'here' else '采用对方'}（{c.reason}）。")
    return 0
