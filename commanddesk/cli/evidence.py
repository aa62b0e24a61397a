"""`commanddesk evidence`: one incident's evidence bundle for an accountability review, and its check (Qt only to draw PDFs).

``evidence --incident N -o FILE.zip`` writes the signed bundle (services/evidence.py), with each
written report as a PDF drawn by Qt offscreen (``--no-pdf`` leaves them out);
``--encrypt`` seals it with a passphrase (asked twice on a terminal, or
``--bundle-passphrase-file`` / ``COMMANDDESK_BUNDLE_PASSPHRASE``). ``evidence --verify FILE``
checks a bundle read-only; with ``--db`` it also says whether the signing key is that post's.
Exit 0 done or intact, 1 a bundle that fails its check, 2 refused (one Chinese line, no file).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from .common import BadInput, complain_in_chinese
from .warnings import where_arguments

BUNDLE_PASSPHRASE_ENV = "COMMANDDESK_BUNDLE_PASSPHRASE"


def add_parsers(subparsers) -> None:
    p = subparsers.add_parser("evidence", help="证据包：导出一起事件的报告链、时间线和审计记录（签名，可加密），或校验证据包")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--incident", type=int, metavar="N", help="导出此事件的证据包")
    which.add_argument("--verify", metavar="FILE", help="校验一个证据包（只读）")
    p.add_argument("-o", "--output", metavar="FILE.zip", help="证据包文件（不得已存在）")
    p.add_argument("--encrypt", action="store_true", help="用口令加密证据包（AES-256-GCM）")
    p.add_argument("--bundle-passphrase-file", metavar="FILE",
                   help=f"证据包口令文件（第一行）；也可用环境变量 {BUNDLE_PASSPHRASE_ENV}")
    p.add_argument("--no-pdf", action="store_true", help="不附报告 PDF（默认附上每份已写报告的 PDF，需要 Qt）")
    p.add_argument("--operator", help="导出人（可处置事件的账户名；只有一个这样的账户时可省略）")
    where_arguments(p)
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    complain_in_chinese("commanddesk evidence", p)


def _passphrase(args, ask: bool) -> str | None:
    from .. import cipher

    if args.bundle_passphrase_file:
        try:
            return cipher.read_passphrase_file(args.bundle_passphrase_file)
        except ValueError as exc:
            raise BadInput(str(exc)) from None
    if os.environ.get(BUNDLE_PASSPHRASE_ENV):
        return os.environ[BUNDLE_PASSPHRASE_ENV]
    if not ask:
        return None
    if not sys.stdin.isatty():
        raise BadInput(f"请给出证据包口令：--bundle-passphrase-file 文件，或环境变量 {BUNDLE_PASSPHRASE_ENV}。")
    import getpass

    text = getpass.getpass("证据包口令（至少 8 个字符）：")
    if getpass.getpass("再输入一次：") != text:
        raise BadInput("两次输入的口令不一致，未写出证据包。")
    return text


def _export(args) -> int:
    from ..errors import UserError
    from ..services import evidence
    from .warnings import _actor, opened

    if not args.output:
        raise BadInput("请用 -o 指定证据包文件。")
    out = Path(args.output)
    if out.exists() or not out.parent.is_dir():
        raise BadInput(f"目标文件已存在，未作任何改动：{out}" if out.exists() else f"文件夹不存在：{out.parent}")
    passphrase = _passphrase(args, ask=True) if args.encrypt else None
    render, no_pdf = (None, "未附报告 PDF（--no-pdf）") if args.no_pdf else _pdf_renderer()
    with opened(args) as store:
        actor = _actor(store, args.operator, args.demo)
        try:
            with store.transaction(actor) as s:
                result = evidence.build(s, args.incident, out, clock=store.clock, passphrase=passphrase,
                                        render=render)
        except UserError as exc:
            out.unlink(missing_ok=True)  # written but not recorded (the action rolled back): no bundle left
            raise BadInput(exc.message) from None
    if args.json:
        print(json.dumps({"file": str(result.target), "size_bytes": result.size, "files": result.files,
                          "audit_entries": result.entries, "chain_links": result.chain,
                          "public_key": result.public_key, "encrypted": result.encrypted}, ensure_ascii=False))
    else:
        sealed = "，已用口令加密" if result.encrypted else ""
        pdfs = sum(1 for name in result.files if name.startswith("reports/"))
        print(f"已导出证据包 {result.target}（{result.size} 字节{sealed}）：{result.entries} 条审计记录，"
              f"哈希链 {result.chain} 环，报告 PDF {pdfs} 份，清单已签名（公钥 {result.public_key[:16]}…）。")
        if no_pdf:
            print(no_pdf)
    return 0


def _pdf_renderer():
    """(ReportDocument -> PDF bytes, None), drawn by Qt offscreen; or (None, why not) where Qt cannot load.

    Qt starts on the first report drawn (documents.pdf.pdf_bytes), not for an incident without reports.
    """
    try:
        from ..documents import pdf
    except ImportError as exc:
        return None, f"未附报告 PDF：无法加载 Qt 绘制 PDF（{exc}）；报告的文字、主送抄送和报送记录在 incident.json 中。"
    return pdf.pdf_bytes, None


def _verify(args) -> int:
    from ..services import evidence

    expected = None
    if args.db or args.demo:
        from .warnings import opened
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        with opened(args) as store, store.read() as s:
            try:
                key = evidence.signing_key(s, create=False)
            except evidence.EvidenceRefused:
                key = None
        if key is not None:
            expected = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
    sealed = evidence.file_is_sealed(Path(args.verify).expanduser())
    passphrase = _passphrase(args, ask=False) if sealed else None
    if sealed and passphrase is None and sys.stdin.isatty():
        import getpass

        passphrase = getpass.getpass("证据包口令：")
    try:
        check = evidence.verify(args.verify, passphrase, expected)
    except evidence.EvidenceRefused as exc:
        raise BadInput(exc.message) from None
    if args.json:
        print(json.dumps({"ok": check.ok, "problems": check.problems, "encrypted": check.encrypted,
                          "key_known": check.key_known, "manifest": check.manifest}, ensure_ascii=False))
    else:
        print(check.message())
    return 0 if check.ok else 1


def run(args) -> int:
    try:
        if args.verify:
            return _verify(args)
        return _export(args)
    except BadInput as exc:
        print(f"commanddesk evidence: {exc}", file=sys.stderr)
        return 2
