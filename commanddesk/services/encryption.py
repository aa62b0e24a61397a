"""Encrypting a SQLite store in place with SQLCipher (``commanddesk db encrypt``; no Qt).

For a command vehicle's laptop, which can be lost: the plain store is exported into a new
SQLCipher file (``sqlcipher_export``), the copy is checked (integrity, the same rows in every
table, the audit chain), then it takes the store's place by one rename. The plain file is kept
beside it under ``NAME.plain-YYYYMMDD-HHMMSS`` for the administrator to move to safe media or
delete: it is not encrypted. The store's audit log records the encryption. ``rekey`` gives an
encrypted store a new passphrase the same way (the file under the old one kept as ``NAME.oldkey-…``).
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, replace
from pathlib import Path

from .. import cipher
from ..errors import UserError
from . import audit


@dataclass(frozen=True)
class Encrypted:
    """What ``encrypt`` or ``rekey`` did."""

    target: Path
    side_copy: Path  # the store as it was: plain after encrypt (NAME.plain-…), under the old key after rekey
    tables: int
    rows: int
    audit_entries: int
    cipher_version: str
    audit_ok: bool  # the log verified (else it had the same problems before: see audit_message)
    audit_message: str


def _counts(conn, names: list[str]) -> dict[str, int]:
    return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def encrypt(path: Path | str, passphrase: str, clock=None) -> Encrypted:
    """Encrypt the SQLite store at *path* with *passphrase*; refused (UserError, nothing changed) when
    the file is missing, a server, already encrypted, not a commanddesk store, open in commanddesk,
    or the copy does not check out."""
    path = _target(path, passphrase)
    if cipher.is_encrypted(path):
        raise UserError(f"数据库已经加密（或不是 SQLite 文件），未作任何改动：{path}")
    return _rewrite(path, passphrase, None, clock, "plain", "db.encrypt")


def rekey(path: Path | str, old: str, new: str, clock=None) -> Encrypted:
    """Give the encrypted store at *path* the passphrase *new* instead of *old* (the same checks and swap
    as ``encrypt``); the file under the old passphrase is kept beside as ``NAME.oldkey-…``."""
    path = _target(path, new)
    if not cipher.is_encrypted(path):
        raise UserError(f"数据库没有加密，请用 db encrypt，未作任何改动：{path}")
    if old == new:
        raise UserError("新口令与原口令相同，未作任何改动。")
    cipher.probe(path, old)  # WrongPassphrase: nothing changed
    return _rewrite(path, new, old, clock, "oldkey", "db.rekey")


def _target(path, passphrase: str) -> Path:
    from ..store import is_url

    if is_url(path):
        raise UserError("PostgreSQL 数据库不能用本命令加密（请用服务器的磁盘加密或 TLS）。")
    try:
        cipher.check_passphrase(passphrase, new=True)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    path = Path(path).expanduser()
    if not path.is_file():
        raise UserError(f"数据库文件不存在：{path}")
    return path.resolve()


def _rewrite(path: Path, passphrase: str, old: str | None, clock, side_word: str, action: str) -> Encrypted:
    """Export the store (plain, or keyed with *old*) into a new file keyed with *passphrase*, check it, swap it in."""
    from ..clock import SystemClock
    from ..store import in_use, open_read_only, open_store

    clock = clock or SystemClock()
    mod = cipher._module()  # noqa: SLF001 - refuses here, before anything is written, if SQLCipher is missing
    previous = cipher.passphrase()
    cipher.set_passphrase(old if old is not None else previous)
    try:
        open_read_only(path).dispose()  # a commanddesk store at a revision this program knows
        plain_audit = _audit(path, old)
    finally:
        cipher.set_passphrase(previous)
    if in_use(path):
        raise UserError(f"数据库正被 commanddesk 打开，未作任何改动；请先关闭程序再加密：{path}")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    side = path.with_name(f"{path.name}.{side_word}-{clock.now():%Y%m%d-%H%M%S}")
    if side.exists():
        raise UserError(f"旁存副本已存在，未作任何改动：{side}")
    try:
        if old is None:
            src = mod.connect(str(path), timeout=10, isolation_level=None)  # SQLCipher reads a plain file without a key
            src.execute("PRAGMA cipher_log_level = NONE")
        else:
            src = cipher.connect(path, key=old, timeout=10, isolation_level=None)
        try:
            src.execute("BEGIN")  # one snapshot for the export and the counts
            names = [r[0] for r in src.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
            before = _counts(src, names)
            src.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(tmp), passphrase))
            src.execute("SELECT sqlcipher_export('encrypted')")
            src.execute("COMMIT")
            src.execute("DETACH DATABASE encrypted")
        finally:
            src.close()
        checked = _check(tmp, passphrase, before, plain_audit)
        from . import backup

        cipher.set_passphrase(old if old is not None else previous)
        try:
            backup._copy(path, side)  # noqa: SLF001 - the store as it was (through its WAL), under its old key
        finally:
            cipher.set_passphrase(previous)
        os.replace(tmp, path)
    except cipher.errors() as exc:
        raise UserError(f"加密失败，原数据库未被替换：{exc}") from exc
    except OSError as exc:
        raise UserError(f"加密失败，原数据库未被替换：{exc.strerror or exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
    for extra in ("-wal", "-shm"):  # the old file's log must never be replayed onto the new one
        Path(f"{path}{extra}").unlink(missing_ok=True)
    cipher.set_passphrase(passphrase)
    try:
        store = open_store(path, clock)
        try:
            with store.transaction() as session:
                audit.record(session, action, "store", "", before={f"{side_word}_copy": str(side)},
                             after={"cipher": cipher.version(), "tables": len(before)})
        finally:
            store.close()
    finally:
        cipher.set_passphrase(passphrase if previous is None or previous == old else previous)
    return Encrypted(path, side, len(before), sum(before.values()), checked.checked + 1, cipher.version(),
                     checked.ok, "".join(checked.message().splitlines()[:2]))


def _audit(path: Path, passphrase: str | None):
    """audit.verify of the store at *path* (read only; the anchor left out: the copy is checked like a backup)."""
    from ..store import open_read_only

    previous = cipher.passphrase()
    if passphrase is not None:
        cipher.set_passphrase(passphrase)
    try:
        engine = open_read_only(path)
        try:
            with engine.connect() as c:
                return audit.verify(c, replace(audit.load_seal(c, None), anchor_file=None))
        finally:
            engine.dispose()
    finally:
        cipher.set_passphrase(previous)


def _check(copy: Path, passphrase: str, expected: dict[str, int], plain):
    """The encrypted copy opens with the passphrase, is sound, holds the same rows, and its audit log
    verifies exactly as the plain store's does (a store whose audit key is not on this machine, or
    whose log already had problems, is encrypted as it is: the copy must show no new problem)."""
    conn = cipher.connect(copy, read_only=True, key=passphrase)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        got = _counts(conn, list(expected))
    finally:
        conn.close()
    if integrity != "ok":
        raise UserError(f"加密副本未通过完整性检查，原数据库未被替换：{integrity}")
    if got != expected:
        differ = "、".join(n for n in expected if got.get(n) != expected[n])
        raise UserError(f"加密副本的行数与原数据库不同（{differ}），原数据库未被替换。")
    result = _audit(copy, passphrase)
    if (result.broken_id, sorted(result.problems)) != (plain.broken_id, sorted(plain.problems)):
        raise UserError(f"加密副本的审计日志与原数据库的校验结果不同，原数据库未被替换：{result.message().splitlines()[0]}")
    return result
