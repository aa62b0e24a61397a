"""commanddesk db encrypt, and every verb on an encrypted store: the passphrase from --passphrase-file (after
any verb) or COMMANDDESK_PASSPHRASE; without it, or with a wrong one, exit 2 and one Chinese line."""

import hashlib
import json

import pytest

from commanddesk import cipher
from commanddesk.cli import main

pytestmark = pytest.mark.sqlite_only


def _one_line(capsys, *words) -> None:
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "Traceback" not in err, err
    for word in words:
        assert word in err, err


def test_encrypt_then_every_way_in(store, tmp_path, capsys, monkeypatch):
    db = tmp_path / "test.sqlite"
    store.close()
    key = tmp_path / "key.txt"
    key.write_text("一台车的口令 2026\n", encoding="utf-8")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["db", "encrypt", "--db", str(db)]) == 2  # no terminal and no passphrase: nothing asked, nothing done
    _one_line(capsys, "--passphrase-file")
    assert not cipher.is_encrypted(db)
    assert main(["db", "encrypt", "--db", str(db), "--passphrase-file", str(key), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert cipher.is_encrypted(db) and data["tables"] > 10 and data["plain_copy"].startswith(str(db) + ".plain-")
    before = hashlib.sha256(db.read_bytes()).hexdigest()

    cipher.set_passphrase(None)
    for verb in (["audit", "verify"], ["db", "upgrade"], ["db", "backup", "--to", str(tmp_path / "b.sqlite")],
                 ["db", "vacuum"], ["roster", "show"], ["warnings", "list"]):
        assert main([*verb, "--db", str(db)]) == 2, verb
        _one_line(capsys, "需要口令", "COMMANDDESK_PASSPHRASE")
    monkeypatch.setenv(cipher.PASSPHRASE_ENV, "不对的口令不对的口令")
    assert main(["audit", "verify", "--db", str(db)]) == 2
    _one_line(capsys, "口令不正确")
    assert main(["audit", "verify", "--db", str(db), "--passphrase-file", str(tmp_path / "none")]) == 2
    _one_line(capsys, "无法读取口令文件")
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before and not (tmp_path / "b.sqlite").exists()

    monkeypatch.setenv(cipher.PASSPHRASE_ENV, "一台车的口令 2026")
    assert main(["audit", "verify", "--db", str(db)]) == 0
    assert "审计日志完整" in capsys.readouterr().out
    monkeypatch.delenv(cipher.PASSPHRASE_ENV)
    cipher.set_passphrase(None)
    assert main(["db", "backup", "--db", str(db), "--passphrase-file", str(key), "--to", str(tmp_path / "b.sqlite")]) == 0
    assert cipher.is_encrypted(tmp_path / "b.sqlite")
    assert main(["--passphrase-file", str(key), "roster", "show", "--db", str(db)]) == 0


def test_rekey_from_the_command_line(store, tmp_path, capsys, monkeypatch, clock):
    from commanddesk.services import encryption

    db = store.path
    store.close()
    encryption.encrypt(db, "第一个车载终端口令", clock)
    cipher.set_passphrase(None)
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("第一个车载终端口令\n", encoding="utf-8")
    new.write_text("第二个车载终端口令\n", encoding="utf-8")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["db", "rekey", "--db", str(db), "--new-passphrase-file", str(new)]) == 2  # no old passphrase
    _one_line(capsys, "原口令")
    assert main(["db", "rekey", "--db", str(db), "--passphrase-file", str(old)]) == 2  # no new one
    _one_line(capsys, "--new-passphrase-file")
    assert main(["db", "rekey", "--db", str(db), "--passphrase-file", str(new), "--new-passphrase-file", str(old)]) == 2
    _one_line(capsys, "口令不正确")
    assert main(["db", "rekey", "--db", str(db), "--passphrase-file", str(old), "--new-passphrase-file", str(new)]) == 0
    assert ".oldkey-" in capsys.readouterr().out
    cipher.set_passphrase(None)
    assert main(["audit", "verify", "--db", str(db), "--passphrase-file", str(old)]) == 2
    _one_line(capsys, "口令不正确")
    assert main(["audit", "verify", "--db", str(db), "--passphrase-file", str(new)]) == 0
