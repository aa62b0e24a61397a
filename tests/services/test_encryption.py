"""Encrypting a store at rest (SQLCipher): no plaintext left in the file, the wrong key changes nothing,
and everything that opens a store (the app's engines, backups, checks) works on the encrypted one."""

import hashlib

import pytest
from sqlalchemy import func, select

from commanddesk import cipher
from commanddesk.errors import UserError
from commanddesk.models import AuditEntry, CallRecord
from commanddesk.services import audit, backup, encryption
from commanddesk.services import incidents as svc
from commanddesk.store import open_read_only, open_store
from tests.conftest import sign_in

pytestmark = pytest.mark.sqlite_only

CALLER = "欧阳秀英"
PHONE = "13987654321"
PASSPHRASE = "车载终端-口令-2026"


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def plain(store, clock):
    """A closed SQLite store holding one call from CALLER."""
    sign_in(store, "值班员甲")
    with store.transaction() as s:
        svc.record_call(s, svc.CallInput(
            category="accident", type="accident.explosion", place_text="海州区某化工厂",
            caller_unit="海州区某化工厂", caller_name=CALLER, caller_phone=PHONE, course="车间爆炸"))
    path = store.path
    store.close()
    assert CALLER.encode() in path.read_bytes() + _wal(path)  # the plain store holds the name as is
    return path


def _wal(path) -> bytes:
    wal = path.with_name(path.name + "-wal")
    return wal.read_bytes() if wal.exists() else b""


def test_encrypted_store_holds_no_plaintext_and_still_works(plain, clock):
    result = encryption.encrypt(plain, PASSPHRASE, clock)
    data = plain.read_bytes() + _wal(plain)
    for secret in (CALLER, PHONE, "海州区某化工厂"):
        assert secret.encode() not in data and secret.encode("utf-16-le") not in data
    assert b"SQLite format 3" not in data[:100] and cipher.is_encrypted(plain)
    assert result.side_copy.exists() and CALLER.encode() in result.side_copy.read_bytes()  # kept, said so
    assert "4." in result.cipher_version
    cipher.set_passphrase(PASSPHRASE)
    store = open_store(plain, clock)
    try:
        with store.read() as s:
            assert s.scalar(select(CallRecord.caller_name)) == CALLER
            assert s.scalar(select(AuditEntry.action).order_by(AuditEntry.id.desc()).limit(1)) == "db.encrypt"
        sign_in(store, "值班员甲")
        with store.transaction() as s:  # and it takes new work, encrypted as well
            svc.record_call(s, svc.CallInput(category="accident", type="accident.explosion", place_text="连云区港口",
                                             caller_name="诸葛明远", caller_phone="13800001111", course="起火"))
    finally:
        store.close()
    assert "诸葛明远".encode() not in plain.read_bytes() + _wal(plain)
    engine = open_read_only(plain)  # audit verify on the encrypted store
    try:
        with engine.connect() as conn:
            verdict = audit.verify(conn, audit.load_seal(conn, plain))
    finally:
        engine.dispose()
    assert verdict.ok, verdict.message()


def test_wrong_or_missing_passphrase_changes_nothing(plain, clock):
    encryption.encrypt(plain, PASSPHRASE, clock)
    before = _sha(plain)
    cipher.set_passphrase(None)
    with pytest.raises(cipher.PassphraseNeeded, match="需要口令"):
        open_store(plain, clock)
    cipher.set_passphrase("不是这个口令啊")
    with pytest.raises(cipher.WrongPassphrase, match="口令不正确"):
        open_store(plain, clock)
    with pytest.raises(cipher.WrongPassphrase):
        open_read_only(plain)
    with pytest.raises(UserError):
        backup.backup(plain, plain.with_name("copy.sqlite"))
    assert _sha(plain) == before and not plain.with_name("copy.sqlite").exists()
    assert not plain.with_name(plain.name + "-wal").exists()


def test_backup_of_an_encrypted_store_is_encrypted_and_restores(plain, clock, tmp_path):
    encryption.encrypt(plain, PASSPHRASE, clock)
    cipher.set_passphrase(PASSPHRASE)
    result = backup.backup(plain, tmp_path / "copy.sqlite")
    assert result.ok, result.audit_message
    assert cipher.is_encrypted(result.target) and CALLER.encode() not in result.target.read_bytes()
    restored = backup.restore(result.target, tmp_path / "restored.sqlite", clock)
    assert cipher.is_encrypted(restored.target)
    store = open_store(restored.target, clock)
    try:
        with store.read() as s:
            assert s.scalar(select(func.count()).select_from(CallRecord)) == 1
    finally:
        store.close()


def test_encrypt_refusals_change_nothing(plain, clock, tmp_path):
    before = _sha(plain)
    with pytest.raises(UserError, match="至少"):
        encryption.encrypt(plain, "short", clock)
    with pytest.raises(UserError, match="不存在"):
        encryption.encrypt(tmp_path / "none.sqlite", PASSPHRASE, clock)
    held = open_store(plain, clock)  # open in commanddesk: refused
    try:
        with pytest.raises(UserError, match="正被 commanddesk 打开"):
            encryption.encrypt(plain, PASSPHRASE, clock)
    finally:
        held.close()
    assert _sha(plain) == before and not list(tmp_path.glob("*.plain-*"))
    encryption.encrypt(plain, PASSPHRASE, clock)
    encrypted = _sha(plain)
    with pytest.raises(UserError, match="已经加密"):
        encryption.encrypt(plain, PASSPHRASE + "x", clock)
    assert _sha(plain) == encrypted


def test_a_store_whose_audit_key_is_elsewhere_is_encrypted_as_it_is(plain, clock, tmp_path, monkeypatch):
    """On another machine (the audit key not here) the log cannot be fully verified before or after:
    the copy must show no new problem, and the result says what the check found."""
    from commanddesk import paths

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "other-machine"))
    monkeypatch.setattr(paths, "_DIRS", paths.PlatformDirs("commanddesk", appauthor=False))
    result = encryption.encrypt(plain, PASSPHRASE, clock)
    assert cipher.is_encrypted(plain) and not result.audit_ok and result.audit_message


def test_rekey_changes_the_passphrase_and_a_wrong_old_one_changes_nothing(plain, clock):
    encryption.encrypt(plain, PASSPHRASE, clock)
    before = _sha(plain)
    with pytest.raises(cipher.WrongPassphrase):
        encryption.rekey(plain, "猜的旧口令猜的旧口令", "新的车载口令-乙", clock)
    with pytest.raises(UserError, match="相同"):
        encryption.rekey(plain, PASSPHRASE, PASSPHRASE, clock)
    assert _sha(plain) == before and not list(plain.parent.glob("*.oldkey-*"))
    result = encryption.rekey(plain, PASSPHRASE, "新的车载口令-乙", clock)
    assert result.side_copy.name.startswith(plain.name + ".oldkey-") and cipher.is_encrypted(result.side_copy)
    assert CALLER.encode() not in plain.read_bytes() and CALLER.encode() not in result.side_copy.read_bytes()
    with pytest.raises(cipher.WrongPassphrase):
        cipher.probe(plain, PASSPHRASE)
    cipher.set_passphrase("新的车载口令-乙")
    store = open_store(plain, clock)
    try:
        with store.read() as s:
            assert s.scalar(select(CallRecord.caller_name)) == CALLER
            assert s.scalar(select(AuditEntry.action).order_by(AuditEntry.id.desc()).limit(1)) == "db.rekey"
    finally:
        store.close()
    with pytest.raises(UserError, match="没有加密"):
        encryption.rekey(_plain_copy_of(plain, clock), PASSPHRASE, "another-one-1", clock)


def _plain_copy_of(path, clock):
    """A plain store beside *path* (rekey refuses it)."""
    other = path.with_name("other-plain.sqlite")
    open_store(other, clock).close()
    return other
