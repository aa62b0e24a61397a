"""SQLite files, plain or encrypted with SQLCipher: telling them apart and connecting with the key (no Qt).

An encrypted store is a SQLCipher 4 file (AES-256 pages, each with an HMAC; the key derived from a
passphrase with PBKDF2-HMAC-SHA512). Its first 16 bytes are a random salt, never SQLite's magic,
so a file's header says which kind it is. The passphrase is held in this process's memory only:
set once at start by the app's prompt, or for scripts by ``COMMANDDESK_PASSPHRASE`` or
``--passphrase-file``; every connection to an encrypted file (the store's engines, backups,
checks) takes it from here. The binding is the ``sqlcipher3`` package (a self-contained SQLCipher
build); it is imported only when an encrypted file is opened.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from .errors import StoreError

SQLITE_MAGIC = b"SQLite format 3\x00"
PASSPHRASE_ENV = "COMMANDDESK_PASSPHRASE"
MIN_LENGTH = 8  # for a new passphrase (db encrypt); opening takes whatever was chosen then
MAX_LENGTH = 1024

_passphrase: str | None = None


class PassphraseNeeded(StoreError):
    """The file is encrypted (or not SQLite at all) and this process has no passphrase."""

    def __init__(self, path) -> None:
        super().__init__(f"文件不是 SQLite 数据库，或是加密的数据库（需要口令：命令行用 --passphrase-file 口令文件"
                         f"或环境变量 {PASSPHRASE_ENV}），未作任何改动：{path}")
        self.path = path


class WrongPassphrase(StoreError):
    """The passphrase does not open the file (or the file is not a database at all)."""

    def __init__(self, path) -> None:
        super().__init__(f"口令不正确（或文件不是 commanddesk 数据库），数据库未作任何改动：{path}")
        self.path = path


def set_passphrase(passphrase: str | None) -> None:
    """The passphrase for every encrypted file this process opens (None: forget it)."""
    global _passphrase
    _passphrase = passphrase or None


def passphrase() -> str | None:
    return _passphrase


def check_passphrase(text: str, *, new: bool = False) -> str:
    """*text* as a passphrase, or a ValueError in Chinese (a new one must be at least MIN_LENGTH long)."""
    if not text:
        raise ValueError("口令不能为空。")
    if "\x00" in text or any(ord(c) < 32 for c in text):
        raise ValueError("口令不能包含控制字符。")
    if len(text) > MAX_LENGTH:
        raise ValueError(f"口令过长（最多 {MAX_LENGTH} 个字符）。")
    if new and len(text) < MIN_LENGTH:
        raise ValueError(f"新口令至少 {MIN_LENGTH} 个字符。")
    return text


def read_passphrase_file(path: str) -> str:
    """The passphrase in a file (its first line, without the line end); ValueError in Chinese."""
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read(MAX_LENGTH + 2)
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"无法读取口令文件 {path}（{getattr(exc, 'strerror', None) or exc}）") from None
    return check_passphrase(text.split("\n", 1)[0].rstrip("\r"))


def is_encrypted(path) -> bool:
    """Whether *path* is a non-empty file that does not start with SQLite's header (SQLCipher's salt)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError:
        return False
    return bool(head) and head != SQLITE_MAGIC


def available() -> bool:
    """Whether the SQLCipher binding can be loaded here."""
    try:
        _module()
    except StoreError:
        return False
    return True


def _module():
    try:
        from sqlcipher3 import dbapi2
    except ImportError as exc:
        raise StoreError("本机未安装 SQLCipher（Python 包 sqlcipher3），无法打开或创建加密的数据库。") from exc
    return dbapi2


def dbapi(path):
    """The DB-API module for the file at *path*: sqlite3, or SQLCipher's for an encrypted file."""
    return _module() if is_encrypted(path) else sqlite3


def errors() -> tuple[type[Exception], ...]:
    """The DB-API error classes a connection from here may raise (SQLCipher's once it is loaded)."""
    cipher = sys.modules.get("sqlcipher3.dbapi2")
    return (sqlite3.Error, cipher.Error) if cipher is not None else (sqlite3.Error,)


def database_errors() -> tuple[type[Exception], ...]:
    cipher = sys.modules.get("sqlcipher3.dbapi2")
    return (sqlite3.DatabaseError, cipher.DatabaseError) if cipher is not None else (sqlite3.DatabaseError,)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# SQLCipher 4's defaults: the page key is PBKDF2-HMAC-SHA512(passphrase, the file's 16-byte salt, 256,000).
KDF_ITERATIONS = 256_000
_derived: dict[tuple[str, bytes], str] = {}  # (passphrase, salt) -> raw key, so each file pays the KDF once
_raw_proven = False  # a raw key derived here has opened a file: this SQLCipher derives keys the same way


def _salt(path) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError:
        return None
    return head if len(head) == 16 and head != SQLITE_MAGIC else None


def _raw_key(passphrase: str, salt: bytes) -> str:
    import hashlib

    key = _derived.get((passphrase, salt))
    if key is None:
        key = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, 32).hex()
    return key


def _derivation_known() -> bool:
    """Whether raw keys derived here are SQLCipher's own: proven by one that opened a file, or the
    build's defaults are the ones reproduced here (PBKDF2-HMAC-SHA512, KDF_ITERATIONS)."""
    global _raw_proven
    if not _raw_proven:
        conn = _module().connect(":memory:")
        try:
            iters = conn.execute("PRAGMA cipher_default_kdf_iter").fetchone()
            algorithm = conn.execute("PRAGMA cipher_default_kdf_algorithm").fetchone()
        except _module().Error:
            return False
        finally:
            conn.close()
        _raw_proven = (iters, algorithm) == ((str(KDF_ITERATIONS),), ("PBKDF2_HMAC_SHA512",))
    return _raw_proven


def _try_key(conn, pragma: str) -> bool:
    mod = _module()
    conn.execute(f"PRAGMA key = {pragma}")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except mod.DatabaseError as exc:
        if "not a database" in str(exc) or "encrypted" in str(exc):
            return False
        raise
    return True


def apply_key(conn, key: str, path, reopen):
    """Key an open SQLCipher connection and prove the key on the file's first page; the keyed connection.

    An existing file is keyed with the raw key derived here from its salt (what SQLCipher would
    derive itself; remembered, so the next connection opens at once); should that not fit, the
    passphrase itself is tried on a fresh connection from *reopen*. WrongPassphrase when neither
    opens the file (which is left untouched).
    """
    global _raw_proven
    conn.execute("PRAGMA cipher_log_level = NONE")  # SQLCipher would print HMAC failures on stderr
    salt = _salt(path)
    if salt is not None:
        raw = _raw_key(key, salt)
        if _try_key(conn, f"\"x'{raw}'\""):
            _derived[(key, salt)] = raw
            _raw_proven = True
            return conn
        conn.close()
        if _derivation_known():  # the derivation is right here: the passphrase is wrong (one KDF, not two)
            raise WrongPassphrase(path)
        conn = reopen()
        conn.execute("PRAGMA cipher_log_level = NONE")
    if not _try_key(conn, _quote(key)):
        conn.close()
        raise WrongPassphrase(path)
    return conn


def connect(path, *, read_only: bool = False, key: str | None = None, timeout: float = 5.0, **kwargs):
    """A DB-API connection to the SQLite file at *path*, plain or encrypted.

    An encrypted file (by its header) is opened with *key* or this process's passphrase
    (PassphraseNeeded without one, WrongPassphrase when it does not fit, the file untouched). A
    *key* for a new or empty file creates it encrypted. *read_only* opens it ``mode=ro``.
    """
    path = Path(path)
    encrypted = is_encrypted(path)
    if key is None and encrypted:
        key = _passphrase
        if key is None:
            raise PassphraseNeeded(path)
    target = f"file:{path}?mode=ro" if read_only else str(path)
    if key is None:
        return sqlite3.connect(target, uri=read_only, timeout=timeout, **kwargs)
    mod = _module()

    def reopen():
        return mod.connect(target, uri=read_only, timeout=timeout, **kwargs)

    return apply_key(reopen(), key, path, reopen)


def version() -> str:
    """SQLCipher's version, e.g. ``4.19.0 community``."""
    conn = _module().connect(":memory:")
    try:
        return conn.execute("PRAGMA cipher_version").fetchone()[0]
    finally:
        conn.close()


def probe(path, passphrase: str) -> None:
    """Whether *passphrase* opens the encrypted file at *path*: returns, or raises WrongPassphrase (read only)."""
    check_passphrase(passphrase)
    connect(path, read_only=True, key=passphrase).close()
