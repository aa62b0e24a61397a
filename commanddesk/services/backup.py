"""A consistent copy of a SQLite store while the app runs, checked before it is trusted (no Qt)."""

from __future__ import annotations

import os
import secrets
import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import UserError
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
    src = sqlite3.connect(f"file:{source.resolve()}?mode=ro", uri=True, timeout=10)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    try:
        os.link(tmp, target)  # never overwrites a file that appeared meanwhile
    except FileExistsError:
        raise UserError(f"备份目标已存在，未作任何改动：{target}") from None
    finally:
        tmp.unlink(missing_ok=True)
    engine = open_read_only(target)
    try:
        with engine.connect() as conn:
            integrity = conn.exec_driver_sql("PRAGMA integrity_check").scalar() or ""
            seal = replace(audit.load_seal(conn, None), anchor_file=None)
            result = audit.verify(conn, seal)
    finally:
        engine.dispose()
    return BackupResult(target, target.stat().st_size, result.checked, integrity,
                        result.message(), result.ok)
