"""Command line: start the app, render a screenshot, or check the audit log."""

from __future__ import annotations

import argparse
import importlib
import re
import sys

from .. import __version__
from ..pages import PAGE_KEYS
from ..cipher import PASSPHRASE_ENV
from .common import chinese_error

# verb -> the module of this package that adds and runs it (imported only when that verb is asked for)
VERBS = {"grade": "rules", "clocks": "rules", "drill": "drills", "plans": "plans", "warnings": "warnings",
         "stats": "stats", "intake": "intake", "map": "map", "roster": "duty", "handover": "duty",
         "daily-report": "duty", "demo": "demo", "sync": "sync", "cap": "cap", "evidence": "evidence"}


# commands whose store defaults to this machine's (db use / 连接数据库…) when --db and --demo are not given;
# the others keep their own meaning of "no --db" (a drill's private workspace, the packaged plan library, …)
MACHINE_STORE = {"audit", "db", "warnings", "stats", "cap", "roster", "handover", "daily-report"}


def _verb_module(name: str):
    return importlib.import_module(f"{__name__}.{name}")


def _size(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"(\d{3,5})[x×](\d{3,5})", text)
    if not m:
        raise argparse.ArgumentTypeError(f"尺寸格式应为 宽x高，如 1366x768，而不是“{text}”")
    width, height = int(m.group(1)), int(m.group(2))
    if not (320 <= width <= 7680 and 240 <= height <= 4320):  # 99999x99999 made Qt crash
        raise argparse.ArgumentTypeError(f"截图尺寸应在 320x240 至 7680x4320 之间，而不是“{text}”")
    return width, height


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one clear Chinese line, exit status 2
        self.exit(2, f"commanddesk: {chinese_error(message)}\n")


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser; a verb's sub-commands (and their imports) only when that verb or --help is asked for."""
    p = _Parser(prog="commanddesk", description="值班与应急指挥桌面系统")
    p.add_argument("--version", action="version", version=f"commanddesk {__version__}")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--db", metavar="PATH|URL", help="打开或创建此处的数据库（SQLite 文件，或 postgresql:// 地址；默认在用户数据目录）")
    where.add_argument("--demo", action="store_true", help="打开一份全新的演示数据库副本")
    p.add_argument("--screenshot", metavar="OUT.png", help="无界面渲染一个页面并保存为 PNG 后退出")
    p.add_argument("--page", default="duty", choices=PAGE_KEYS, help="截图的页面")
    p.add_argument("--size", type=_size, default=(1366, 768), help="截图尺寸，如 1366x768")
    p.add_argument("--theme", choices=("day", "night"), help="界面外观：day（日间）或 night（夜间），截图同样适用")
    p.add_argument("--large-type", action="store_true", help="大字号")
    p.add_argument("--lang", choices=("zh", "en"), help="界面语言：zh（中文，默认）或 en（English），截图同样适用")
    p.add_argument("--passphrase-file", metavar="FILE",
                   help=f"加密数据库的口令文件（第一行；可放在任何子命令的参数中）；也可用环境变量 {PASSPHRASE_ENV}")
    sub = p.add_subparsers(dest="command")
    audit = sub.add_parser("audit", help="审计日志")
    audit.add_argument("action", choices=("verify",), help="verify：校验哈希链")
    audit.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS)
    dbp = sub.add_parser("db", help="数据库结构")
    dbp.add_argument("action", choices=("upgrade", "backup", "backups", "restore", "vacuum", "encrypt", "rekey", "use"),
                     help="upgrade：把数据库结构升级到本程序的版本；use：连接检查 --db 后，设为本机不带 --db 启动时打开的数据库；backup：把 SQLite 数据库在线备份到 --to 并校验副本；"
                          "backups：列出数据库的备份（自动备份文件夹中的，以及数据库旁的升级前、恢复前副本），新的在前；"
                          "restore：校验 --from 的备份后恢复到 --db，原文件旁存；"
                          "vacuum：整理数据库（VACUUM 回收空间、ANALYZE 更新统计），进度输出到标准错误；"
                          "encrypt：用口令加密 SQLite 数据库（SQLCipher），原文件旁存为未加密的 .plain- 副本；"
                          "rekey：更换加密数据库的口令（原口令用 --passphrase-file 或环境变量给出，新口令用 --new-passphrase-file 或输入两次）")
    dbp.add_argument("--db", metavar="PATH|URL", default=argparse.SUPPRESS)
    dbp.add_argument("--to", metavar="FILE", help="backup：备份文件（不得已存在）")
    dbp.add_argument("--from", dest="source", metavar="BACKUP", help="restore：要恢复的备份文件")
    dbp.add_argument("--new-passphrase-file", metavar="FILE", help="rekey：新口令文件（第一行）")
    dbp.add_argument("--check", action="store_true", help="backups：逐份按恢复时的要求校验（完整性与审计日志），只读")
    dbp.add_argument("--json", action="store_true", help="use、backup、backups、restore、vacuum、encrypt、rekey：以 JSON 输出结果")
    words = sys.argv[1:] if argv is None else argv
    wanted = {m for w, m in VERBS.items() if w in words}
    if "-h" in words or "--help" in words:
        wanted = set(VERBS.values())
    for name in sorted(wanted, key=list(dict.fromkeys(VERBS.values())).index):
        _verb_module(name).add_parsers(sub)
    return p


def audit_verify(db: str | None) -> int:
    """Check the audit log of a store (chain, signatures, anchor, rows); 0 intact, 1 broken, 2 cannot open."""
    from pathlib import Path

    from .. import paths
    from ..errors import UserError
    from ..services import audit
    from ..store import display_url, is_url, open_read_only, server_url

    path = db if is_url(db) else Path(db) if db else paths.default_db()
    try:  # read-only: never creates, migrates or takes the write lock on the store it checks
        engine = open_read_only(path)
    except UserError as exc:
        print(f"commanddesk: {exc.message}", file=sys.stderr)
        return 2
    progress = _VerifyProgress(sys.stderr)
    try:
        with engine.connect() as conn:
            result = audit.verify(conn, audit.load_seal(conn, display_url(server_url(path)) if is_url(path) else path),
                                  progress=progress)
    finally:
        engine.dispose()
        progress.done()
    print(result.message())
    return 0 if result.ok else 1


class _VerifyProgress:
    """The running count of `audit verify` on stderr: one line rewritten in place on a terminal,
    otherwise a line every 100,000 (so a log or a pipe gets a few lines, not thousands)."""

    STEP = 100_000
    WORDS = {"chain": ("审计日志", "条"), "rows": ("业务数据", "行")}

    def __init__(self, stream) -> None:
        self.stream = stream
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self.shown: dict[str, int] = {}
        self.width = 0

    def __call__(self, phase: str, done: int, total: int) -> None:
        what, unit = self.WORDS.get(phase, ("", ""))
        line = f"{what}：已校验 {done}/{total} {unit}"
        if self.tty:
            self.stream.write("\r" + line.ljust(self.width))
            self.width = max(self.width, len(line))
        elif done // self.STEP > self.shown.get(phase, 0) // self.STEP or done == total:
            if self.shown.get(phase) == done:
                return
            self.stream.write(line + "\n")
        else:
            return
        self.shown[phase] = done
        self.stream.flush()

    def done(self) -> None:
        if self.tty and self.width:
            self.stream.write("\r" + " " * (self.width * 2) + "\r")  # the verdict follows on a clean line
            self.stream.flush()


def db_upgrade(db: str | None) -> int:
    """Open the store (SQLite file or postgresql:// URL), which migrates it; 0 done, 2 refused."""
    from pathlib import Path

    from .. import migrations, paths
    from ..errors import UserError
    from ..store import is_url, open_store

    target = db if is_url(db) else Path(db) if db else paths.default_db()
    try:
        store = open_store(target)
    except UserError as exc:
        print(f"commanddesk: {exc.message}", file=sys.stderr)
        return 2
    print(f"数据库结构为最新版本 {migrations.HEAD}：{store.label}")
    store.close()
    return 0


def db_backup(db: str | None, to: str | None, as_json: bool) -> int:
    """Copy a SQLite store online to *to* and check the copy; 0 sound, 1 copy has problems, 2 refused."""
    import json
    from pathlib import Path

    from .. import paths
    from ..errors import UserError
    from ..services import backup
    from ..store import is_url

    if not to:
        print("commanddesk: 请用 --to 指定备份文件。", file=sys.stderr)
        return 2
    source = db if is_url(db) else Path(db) if db else paths.default_db()
    try:
        result = backup.backup(source, to)
    except UserError as exc:
        print(f"commanddesk: {exc.message}", file=sys.stderr)
        return 2
    if as_json:
        print(json.dumps({"target": str(result.target), "size_bytes": result.size,
                          "audit_entries": result.audit_entries, "integrity": result.integrity,
                          "audit_ok": result.audit_ok, "audit": result.audit_message, "ok": result.ok},
                         ensure_ascii=False))
    else:
        print(f"已备份到 {result.target}：{result.size} 字节，审计记录 {result.audit_entries} 条。")
        print(f"完整性检查：{'通过' if result.integrity == 'ok' else result.integrity}")
        print(result.audit_message)
    return 0 if result.ok else 1


def db_backups(db: str | None, demo: bool, as_json: bool, check: bool = False) -> int:
    """List the backups of a SQLite store, newest first (with *check*, each checked as a restore would);
    0 listed (also none), 1 a checked backup would be refused, 2 refused.

    The store itself is not opened: its backups are wanted most when it cannot be.
    """
    import json
    from pathlib import Path

    from .. import paths
    from ..clock import format_beijing
    from ..services import backup_auto
    from ..store import is_url

    if demo:
        print("commanddesk: 演示数据库每次都是新副本，没有备份；请用 --db 指定数据库文件。", file=sys.stderr)
        return 2
    if is_url(db):
        print("commanddesk: PostgreSQL 数据库的备份由 pg_dump 管理，本命令只列出 SQLite 文件的备份。", file=sys.stderr)
        return 2
    store = Path(db).expanduser() if db else paths.default_db()
    if store.is_dir():
        print(f"commanddesk: 这是一个目录，不是数据库文件：{store}", file=sys.stderr)
        return 2
    folder = backup_auto.folder_for(store)
    found = backup_auto.list_backups(store)
    verdicts = [backup_auto.verify(b.path) for b in found] if check else [None] * len(found)
    status = 1 if any(v is not None and not v.ok for v in verdicts) else 0
    if as_json:
        rows = [{**b.as_dict(), **({"restorable": v.ok, "check": v.message} if v else {})}
                for b, v in zip(found, verdicts)]
        print(json.dumps({"store": str(store.resolve()), "folder": str(folder), "backups": rows}, ensure_ascii=False))
        return status
    print(f"数据库：{store.resolve()}")
    print(f"自动备份文件夹：{folder}")
    if not found:
        print("尚无备份。")
    for b, v in zip(found, verdicts):
        when = format_beijing(b.made_at) if b.made_at else "时间不详"
        print(f"{when}  {b.kind_label}  {max(1, b.size // 1024)} KB  {b.path}")
        if v is not None:
            print(f"    {v.message}")
    return status


def db_vacuum(db: str | None, as_json: bool) -> int:
    """VACUUM and ANALYZE a store, a progress line on stderr now and then; 0 done, 2 refused."""
    import json
    from pathlib import Path

    from .. import paths
    from ..errors import UserError
    from ..services import housekeeping
    from ..store import is_url

    target = db if is_url(db) else Path(db) if db else paths.default_db()
    shown = [-10]

    def progress(done: int, total: int, _what: str) -> None:
        percent = done * 100 // total
        if percent >= shown[0] + 10 or (done == total and percent != shown[0]):  # a line every 10 %
            shown[0] = percent
            print(f"整理数据库：{percent}%", file=sys.stderr, flush=True)

    try:
        result = housekeeping.tidy(target, progress)
    except UserError as exc:
        print(f"commanddesk: {exc.message}", file=sys.stderr)
        return 2
    if as_json:
        print(json.dumps({"tables": result.tables, "size_before_bytes": result.size_before,
                          "size_after_bytes": result.size_after, "message": result.message()}, ensure_ascii=False))
    else:
        print(result.message())
    return 0


def db_restore(db: str | None, source: str | None, as_json: bool) -> int:
    """Check the backup *source*, then put it in place at *db* (the old file kept beside); 0 done, 2 refused."""
    import json
    from pathlib import Path

    from .. import paths
    from ..errors import UserError
    from ..services import backup

    if not source:
        print("commanddesk: 请用 --from 指定要恢复的备份文件。", file=sys.stderr)
        return 2
    target = db if db and "://" in db else Path(db) if db else paths.default_db()
    try:
        result = backup.restore(source, target)
    except UserError as exc:
        print(f"commanddesk: {exc.message}", file=sys.stderr)
        return 2
    if as_json:
        print(json.dumps({"target": str(result.target), "backup": str(result.source),
                          "audit_entries": result.audit_entries,
                          "replaced": str(result.replaced) if result.replaced else None,
                          "anchor_was": result.anchor_was}, ensure_ascii=False))
    else:
        print(f"已从 {result.source} 恢复到 {result.target}：审计记录 {result.audit_entries} 条，校验通过。")
        if result.replaced:
            print(f"原数据库已旁存为 {result.replaced}")
    return 0


def take_passphrase(argv: list[str]) -> tuple[list[str], str | None]:
    """*argv* without ``--passphrase-file FILE`` (accepted after any verb), and FILE."""
    rest, found, i = [], None, 0
    while i < len(argv):
        word = argv[i]
        if word == "--passphrase-file":
            if i + 1 >= len(argv):
                raise ValueError("参数 --passphrase-file 后面缺少取值")
            found, i = argv[i + 1], i + 2
            continue
        if word.startswith("--passphrase-file="):
            found = word.split("=", 1)[1]
        else:
            rest.append(word)
        i += 1
    return rest, found


def use_passphrase(argv: list[str] | None) -> tuple[list[str] | None, str | None]:
    """Set this process's passphrase from --passphrase-file or the environment; (argv left, error)."""
    import os

    from .. import cipher

    words = sys.argv[1:] if argv is None else list(argv)
    try:
        words, file = take_passphrase(words)
        if file is not None:
            cipher.set_passphrase(cipher.read_passphrase_file(file))
        elif os.environ.get(PASSPHRASE_ENV):
            cipher.set_passphrase(cipher.check_passphrase(os.environ[PASSPHRASE_ENV]))
    except ValueError as exc:
        return None, str(exc)
    return words, None


def db_encrypt(db: str | None, as_json: bool) -> int:
    """Encrypt a SQLite store with a passphrase (asked twice on a terminal); 0 done, 2 refused."""
    import getpass
    import json
    from pathlib import Path

    from .. import cipher, paths
    from ..errors import UserError
    from ..services import encryption

    target = db if db and "://" in db else Path(db) if db else paths.default_db()
    passphrase = cipher.passphrase()
    if passphrase is None:
        if not sys.stdin.isatty():
            print(f"commanddesk: 请给出新口令：--passphrase-file 文件，或环境变量 {PASSPHRASE_ENV}。", file=sys.stderr)
            return 2
        passphrase = getpass.getpass(f"新口令（至少 {cipher.MIN_LENGTH} 个字符）：")
        if getpass.getpass("再输入一次：") != passphrase:
            print("commanddesk: 两次输入的口令不一致，未作任何改动。", file=sys.stderr)
            return 2
    try:
        result = encryption.encrypt(target, passphrase)
    except UserError as exc:
        print(f"commanddesk: {exc.message}", file=sys.stderr)
        return 2
    if as_json:
        print(json.dumps({"target": str(result.target), "plain_copy": str(result.side_copy),
                          "tables": result.tables, "rows": result.rows, "audit_entries": result.audit_entries,
                          "audit_ok": result.audit_ok, "audit": result.audit_message,
                          "cipher": result.cipher_version}, ensure_ascii=False))
    else:
        print(f"已加密 {result.target}（{result.cipher_version}）：{result.tables} 张表 {result.rows} 行，"
              f"与原数据库逐表相同，加密已记入审计日志。")
        print(result.audit_message if result.audit_ok else f"注意：{result.audit_message}（加密前即如此，加密未改变它）")
        print(f"未加密的原文件旁存为 {result.side_copy}：确认加密数据库可用后，请移到安全介质或删除。")
        print(f"以后打开时需要口令（程序启动时输入；命令行用 --passphrase-file 或环境变量 {PASSPHRASE_ENV}）。")
    return 0


def db_rekey(db: str | None, new_file: str | None, as_json: bool) -> int:
    """Change an encrypted store's passphrase; 0 done, 2 refused (nothing changed)."""
    import getpass
    import json
    from pathlib import Path

    from .. import cipher, paths
    from ..errors import UserError
    from ..services import encryption

    target = db if db and "://" in db else Path(db) if db else paths.default_db()
    old = cipher.passphrase()
    tty = sys.stdin.isatty()
    if old is None and not tty:
        print(f"commanddesk: 请给出原口令：--passphrase-file 文件，或环境变量 {PASSPHRASE_ENV}。", file=sys.stderr)
        return 2
    try:
        if old is None:
            old = getpass.getpass("原口令：")
        if new_file:
            new = cipher.read_passphrase_file(new_file)
        elif tty:
            new = getpass.getpass(f"新口令（至少 {cipher.MIN_LENGTH} 个字符）：")
            if getpass.getpass("再输入一次：") != new:
                raise ValueError("两次输入的新口令不一致，未作任何改动。")
        else:
            raise ValueError("请用 --new-passphrase-file 给出新口令。")
        result = encryption.rekey(target, old, new)
    except ValueError as exc:
        print(f"commanddesk: {exc}", file=sys.stderr)
        return 2
    except UserError as exc:
        print(f"commanddesk: {exc.message}", file=sys.stderr)
        return 2
    if as_json:
        print(json.dumps({"target": str(result.target), "old_key_copy": str(result.side_copy),
                          "tables": result.tables, "rows": result.rows, "audit_ok": result.audit_ok,
                          "audit": result.audit_message}, ensure_ascii=False))
    else:
        print(f"已更换口令：{result.target}（{result.tables} 张表 {result.rows} 行，与原数据库逐表相同，已记入审计日志）。")
        print(f"原口令加密的旧文件旁存为 {result.side_copy}：确认新口令可用后请删除（知道原口令的人仍能打开它）。")
    return 0


def db_use(db: str | None, as_json: bool) -> int:
    """Make *db* this machine's store (after connecting to it); 0 saved, 2 refused (nothing written)."""
    import json

    from ..errors import UserError
    from ..services import store_choice
    from ..store import display_url, is_url

    if not db:
        print("commanddesk: 请用 --db 给出数据库文件路径或 postgresql:// 服务器地址。", file=sys.stderr)
        return 2
    try:
        choice = store_choice.use(db)
    except UserError as exc:
        print(f"commanddesk: {exc.message}（未保存设置）", file=sys.stderr)
        return 2
    if as_json:
        print(json.dumps({"db": display_url(choice.db) if is_url(choice.db) else choice.db,
                          "setting": str(choice.setting), "pgpass": str(choice.pgpass) if choice.pgpass else None,
                          "found": choice.note}, ensure_ascii=False))
    else:
        print(f"本机不带 --db 启动时将打开：{choice.db}（{choice.note}）")
        print(f"设置已保存到 {choice.setting}")
        if choice.pgpass:
            print(f"地址中的密码未写入设置，已存入 {choice.pgpass}（仅本用户可读）。")
    return 0


def _machine_store(args) -> int | None:
    """Fill args.db from this machine's setting when neither --db nor --demo was given; 2 when it is unreadable."""
    from ..errors import UserError
    from ..services import store_choice

    try:
        args.db = store_choice.target(args.db, getattr(args, "demo", False))
    except UserError as exc:
        print(f"commanddesk: {exc.message}", file=sys.stderr)
        return 2
    return None


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (2 for bad input, with one Chinese line)."""
    argv, problem = use_passphrase(argv)
    if problem:
        print(f"commanddesk: {problem}", file=sys.stderr)
        return 2
    args = build_parser(argv).parse_args(argv)
    if args.command == "db" and args.action == "use":
        return db_use(args.db, args.json)
    if args.command in MACHINE_STORE and _machine_store(args) is not None:  # the app reads it in app.run
        return 2
    if args.command == "audit":
        return audit_verify(args.db)
    if args.command == "db":
        if args.action == "backup":
            return db_backup(args.db, args.to, args.json)
        if args.action == "backups":
            return db_backups(args.db, getattr(args, "demo", False), args.json, args.check)
        if args.action == "restore":
            return db_restore(args.db, args.source, args.json)
        if args.action == "vacuum":
            return db_vacuum(args.db, args.json)
        if args.action == "encrypt":
            return db_encrypt(args.db, args.json)
        if args.action == "rekey":
            return db_rekey(args.db, args.new_passphrase_file, args.json)
        return db_upgrade(args.db)
    if args.command in VERBS:
        return _verb_module(VERBS[args.command]).run(args)
    from ..app import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
