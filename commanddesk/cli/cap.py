"""`commanddesk cap import|export`: CAP 1.2 files in and out from a shell (no Qt).

``import FILE`` records one CAP 1.2 message into the warnings register (the same
as ``warnings import``). ``export --warning N | --incident N -o FILE`` writes one
CAP 1.2 alert, validated against the bundled OASIS schema before a byte is
written; a bad argument, an unknown number or a message that would not validate
exits with status 2, one Chinese line, and no file. Both take ``--db PATH|URL``
(default: the post's store) or ``--demo`` (a fresh demo copy, thrown away afterwards:
its two warnings in force and three live incidents to export), and ``--json``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .common import BadInput, complain_in_chinese
from .warnings import where_arguments


def add_parsers(subparsers) -> None:
    """Add `cap import` and `cap export`."""
    p = subparsers.add_parser("cap", help="CAP 1.2 预警文件：导入、导出（预警信息或事件信息）")
    sub = p.add_subparsers(dest="cap_command", required=True)
    i = sub.add_parser("import", help="导入一条 CAP 1.2 预警消息（发布、更新或解除）")
    i.add_argument("file", metavar="FILE", help="CAP 1.2 文件（.xml）；或文件夹：导入其中全部 .xml")
    i.add_argument("--operator", help="记录人（可处置事件的账户名；只有一个这样的账户时可省略）")
    where_arguments(i)
    i.add_argument("--json", action="store_true", help="以 JSON 输出")
    e = sub.add_parser("export", help="把一条预警或一起事件导出为 CAP 1.2 文件（先按 CAP 1.2 模式校验）")
    which = e.add_mutually_exclusive_group(required=True)
    which.add_argument("--warning", type=int, metavar="N", help="预警信息编号")
    which.add_argument("--incident", type=int, metavar="N", help="事件编号")
    e.add_argument("-o", "--output", required=True, metavar="FILE", help="写出的 CAP 文件")
    e.add_argument("--operator", help="导出人（可处置事件的账户名；只有一个这样的账户时可省略）")
    where_arguments(e)
    e.add_argument("--json", action="store_true", help="以 JSON 输出")
    complain_in_chinese("commanddesk cap", p, i, e)


def _export(args) -> int:
    from ..errors import UserError
    from ..services import cap_export
    from .warnings import _actor, opened

    out = Path(args.output)
    if out.is_dir() or not out.parent.is_dir():  # said before the store is opened; said again when writing
        raise BadInput(f"输出应为文件，而“{out}”是文件夹" if out.is_dir() else f"文件夹不存在：{out.parent}")
    with opened(args) as store:
        actor = _actor(store, args.operator, args.demo)
        try:
            with store.transaction(actor) as s:
                if args.warning is not None:
                    result = cap_export.export_warning(s, args.warning)
                else:
                    result = cap_export.export_incident(s, args.incident)
                cap_export.write_file(out, result.data)  # inside: a file that cannot be written rolls it back
        except UserError as exc:
            raise BadInput(exc.message) from None
    if args.json:
        print(json.dumps({"file": str(out)} | result.as_dict(), ensure_ascii=False))
    else:
        kind = {"Alert": "发布", "Update": "更新", "Cancel": "解除"}[result.msg_type]
        drill = "（演练 Exercise）" if result.status == "Exercise" else ""
        print(f"已导出 CAP 1.2 {kind}消息{drill}：{out}，标识 {result.identifier}，已通过 CAP 1.2 模式校验。")
    return 0


def run(args) -> int:
    """Run a cap sub-command; 0 on success, 2 on bad input."""
    from . import warnings

    try:
        if args.cap_command == "import":
            return warnings._import(args)
        return _export(args)
    except BadInput as exc:
        print(f"commanddesk cap: {exc}", file=sys.stderr)
        return 2
