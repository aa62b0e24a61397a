"""A consistent copy of a SQLite store while the app runs, checked before it is trusted (no Qt)."""

from __future__ import annotations

import os
import secrets
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import select

from .. import cipher
from ..errors import UserError
from ..models import AuditEntry
from . import audit


@dataclass(frozen=True)
class BackupResult:
    """What was written and what the checks of the copy found."""

    target: Path
    size: int
    audit_entries: int
    integrity: str  # "ok", or SQLite's first complaint
    audit_message: str
    audit_ok: bool

    @property
    def ok(self) -> bool:
        """Whether the copy passed both checks (integrity and the audit verification)."""
        return self.integrity == "ok" and self.audit_ok


def _refuse_target(source, target: Path) -> None:
    from ..store import is_url

    if is_url(source):
        raise UserError("PostgreSQL 数据库请用 pg_dump 备份，本命令只备份 SQLite 文件。")
    if target.exists():
        raise UserError(f"备份目标已存在，未作任何改动：{target}")
    if not target.parent.is_dir():
        raise UserError(f"备份目标所在的文件夹不存在：{target.parent}")


def backup(source: Path | str, target: Path | str) -> BackupResult:
    """Copy the store at *source* to *target* with SQLite's online backup, then check the copy.

    Refused (UserError, nothing written) for a postgresql:// store, an existing target or a
    missing folder. The copy is checked with PRAGMA integrity_check and the audit verification
    (chain, signatures, audited rows; the source's anchor is not applied, the copy may lag it).
    """
    from ..store import open_read_only

    target = Path(target).expanduser()
    _refuse_target(source, target)
    source = Path(source).expanduser()
    open_read_only(source).dispose()  # refuses a missing file or one that is not a commanddesk store
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}")
    try:
        _copy(source, tmp)
        os.link(tmp, target)  # never overwrites a file that appeared meanwhile
    except FileExistsError:
        raise UserError(f"备份目标已存在，未作任何改动：{target}") from None
    finally:
        tmp.unlink(missing_ok=True)
    entries, integrity, ok, message = check(target)
    return BackupResult(target, target.stat().st_size, entries, integrity, message, ok)


@dataclass(frozen=True)
class RestoreResult:
    """What a restore put in place and where the file it replaced went."""

    target: Path
    source: Path
    audit_entries: int
    replaced: Path | None  # the side copy of the store that was there (None: the path was new)
    anchor_was: int | None  # the audit entry this machine had anchored for the path before


def check(path: Path | str) -> tuple[int, str, bool, str]:
    """(audit entries, integrity, audit ok, audit message) of the SQLite store at *path*, read only."""
    from ..store import open_read_only

    engine = open_read_only(Path(path).expanduser())
    try:
        with engine.connect() as conn:
            integrity = conn.exec_driver_sql("PRAGMA integrity_check").scalar() or ""
            seal = replace(audit.load_seal(conn, None), anchor_file=None)
            result = audit.verify(conn, seal)
    finally:
        engine.dispose()
    return result.checked, integrity, result.ok, result.message()


def first_finding(message: str) -> str:
    """The heading of an audit verification's message with its first finding (the heading alone ends in "：")."""
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    return "".join(lines[:2]) if lines and lines[0].endswith("：") else (lines[0] if lines else "")


def _copy(source: Path, target: Path) -> None:
    """SQLite's online backup of *source* into *target*; an encrypted store's copy has the same key.

    The copy is left in rollback-journal mode, so it is one file (the store's engine puts WAL back on open).
    """
    src = cipher.connect(source.resolve(), read_only=True, timeout=10)
    try:
        dst = cipher.connect(target, key=cipher.passphrase() if cipher.is_encrypted(source) else None)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file: no -wal/-shm beside a backup
        finally:
            dst.close()
    finally:
        src.close()


def _side_copy(target: Path, side: Path) -> None:
    """Keep the store at *target* as *side*: through SQLite (its WAL included), or byte for byte when
    SQLite cannot read it (a damaged store is kept as it is, with its -wal beside)."""
    try:
        if target.stat().st_size > 0:  # (SQLite would make an empty file a new, empty database)
            _copy(target, side)  # through the WAL; closing the last connection checkpoints it
            return
    except (UserError, *cipher.errors()):  # damaged, or random bytes that look like an encrypted file
        side.unlink(missing_ok=True)
    shutil.copyfile(target, side)
    for extra in ("-wal", "-shm"):
        if Path(f"{target}{extra}").is_file():
            shutil.copyfile(f"{target}{extra}", f"{side}{extra}")


def restore(source: Path | str, target: Path | str, clock=None, by: dict | None = None) -> RestoreResult:
    """Put the backup at *source* in place at *target*, after checking it; audited in the restored store.

    Refused (UserError, nothing changed) for a postgresql:// target, a backup that fails
    integrity_check or the audit verification, or a target some commanddesk process has open.
    A store already at *target* is kept beside it as ``NAME.replaced-YYYYMMDD-HHMMSS`` (Beijing time). The
    machine's anchor for *target* is set to the backup's head, and a ``db.restore`` entry
    records the backup, the side copy and the anchor it replaced (so entries the restore
    dropped stay visible in the chain). *by* (who restored, and how: services/backup_auto) goes
    into that entry too. A store at *target* that SQLite cannot read is kept beside byte for byte.
    """
    from ..clock import SystemClock, to_beijing
    from ..store import in_use, is_url, open_store

    clock = clock or SystemClock()
    if is_url(target):
        raise UserError("PostgreSQL 数据库请用 pg_restore 恢复，本命令只恢复 SQLite 文件。")
    source, target = Path(source).expanduser(), Path(target).expanduser()
    if not source.is_file():
        raise UserError(f"备份文件不存在：{source}")
    if source.resolve() == (target.resolve() if target.exists() else None):
        raise UserError("备份文件与要恢复的数据库是同一个文件，未作任何改动。")
    entries, integrity, audit_ok, message = check(source)
    if integrity != "ok":
        raise UserError(f"备份未通过完整性检查，未作任何改动：{integrity.splitlines()[0]}")
    if not audit_ok:
        raise UserError(f"备份的审计日志未通过校验，未作任何改动：{first_finding(message)}")
    if target.is_dir():
        raise UserError(f"这是一个目录，不是数据库文件：{target}")
    if not target.parent.is_dir():
        raise UserError(f"恢复目标所在的文件夹不存在：{target.parent}")
    if target.exists() and in_use(target):
        raise UserError(f"数据库正被 commanddesk 打开，未作任何改动；请先关闭程序，或恢复到新的路径：{target}")
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}")
    side = None
    try:
        _copy(source, tmp)
        if target.exists():
            side = target.with_name(f"{target.name}.replaced-{to_beijing(clock.now()):%Y%m%d-%H%M%S}")  # as backups
            if side.exists():
                raise UserError(f"旁存副本已存在，未作任何改动：{side}")
            _side_copy(target, side)
        os.replace(tmp, target)
    except cipher.errors() as exc:
        raise UserError(f"恢复失败，原数据库未被替换：{exc}") from exc
    except OSError as exc:
        raise UserError(f"恢复失败，原数据库未被替换：{exc.strerror or exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
    for extra in ("-wal", "-shm"):  # a stale log must never be replayed onto the restored file
        Path(f"{target}{extra}").unlink(missing_ok=True)
    store = open_store(target, clock)
    try:
        anchor_was = audit.read_anchor(store.seal)
        with store.read() as s:
            head = s.execute(select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)).first()
        audit.reset_anchor(store.seal, tuple(head) if head else None)
        with store.transaction() as session:
            audit.record(session, "db.restore", "store", "", before={
                "replaced": str(side) if side else None,
                "anchor_id": anchor_was[0] if anchor_was else None,
            }, after={"backup": str(source.resolve()), "entries": entries, **({"by": by} if by else {})})
    finally:
        store.close()
    return RestoreResult(target, source, entries, side, anchor_was[0] if anchor_was else None)
