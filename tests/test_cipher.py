"""commanddesk.cipher: plain and SQLCipher files told apart, passphrases checked, every store file opened
through it (a module that opened a store with sqlite3 itself would break on an encrypted one)."""

import ast
import sqlite3
from pathlib import Path

import pytest

from commanddesk import cipher

PACKAGE = Path(__file__).resolve().parents[1] / "commanddesk"
# sqlite3.connect on files that are never the store: the plan index in memory, shipped map data, MBTiles
OWN_FILES = {"cipher.py", "plans/search.py", "map/boundaries.py", "map/mbtiles.py"}


def test_store_files_are_opened_through_cipher():
    found = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel in OWN_FILES:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "connect"
                    and getattr(node.func.value, "id", "") == "sqlite3"):
                found.append(f"{rel}:{node.lineno}")
    assert not found, f"open store files with cipher.connect: {found}"


def test_plain_encrypted_and_empty_files(tmp_path):
    plain = tmp_path / "plain.sqlite"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.commit()
    enc = tmp_path / "enc.sqlite"
    conn = cipher.connect(enc, key="a-long-passphrase")  # a new file with a key: created encrypted
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES ('秘密')")
    conn.commit()
    conn.close()
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    assert not cipher.is_encrypted(plain) and cipher.is_encrypted(enc) and not cipher.is_encrypted(empty)
    assert not cipher.is_encrypted(tmp_path / "missing.sqlite") and "秘密".encode() not in enc.read_bytes()
    with pytest.raises(cipher.PassphraseNeeded):
        cipher.connect(enc)
    cipher.set_passphrase("a-long-passphrase")
    assert cipher.connect(enc, read_only=True).execute("SELECT x FROM t").fetchone() == ("秘密",)
    assert cipher.connect(plain, read_only=True).execute("SELECT count(*) FROM t").fetchone() == (0,)  # plain stays plain
    with pytest.raises(cipher.WrongPassphrase):
        cipher.probe(enc, "not-the-passphrase")


def test_the_passphrase_itself_opens_a_file_when_the_derived_key_does_not(tmp_path, monkeypatch):
    """Should SQLCipher's key derivation ever differ from the one reproduced here, the file still opens."""
    enc = tmp_path / "enc.sqlite"
    conn = cipher.connect(enc, key="a-long-passphrase")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    monkeypatch.setattr(cipher, "KDF_ITERATIONS", 1000)  # a wrong derivation
    monkeypatch.setattr(cipher, "_raw_proven", False)  # as in a process where no derived key has worked yet
    monkeypatch.setattr(cipher, "_derivation_known", lambda: False)  # and the build's defaults are not known
    cipher._derived.clear()  # noqa: SLF001
    assert cipher.connect(enc, key="a-long-passphrase", read_only=True).execute("SELECT count(*) FROM t").fetchone() == (0,)
    assert ("a-long-passphrase", enc.read_bytes()[:16]) not in cipher._derived  # noqa: SLF001 - a wrong key is not kept
    assert not cipher._raw_proven  # noqa: SLF001


def test_a_wrong_passphrase_is_told_by_one_key_derivation(tmp_path, monkeypatch):
    """This SQLCipher's defaults are the derivation reproduced here, so a raw key that does not fit
    means a wrong passphrase: it is not tried a second time as a passphrase."""
    enc = tmp_path / "enc.sqlite"
    conn = cipher.connect(enc, key="a-long-passphrase")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    monkeypatch.setattr(cipher, "_raw_proven", False)  # a fresh process
    tried = []
    real = cipher._try_key  # noqa: SLF001
    monkeypatch.setattr(cipher, "_try_key", lambda conn, pragma: tried.append(pragma) or real(conn, pragma))
    with pytest.raises(cipher.WrongPassphrase):
        cipher.probe(enc, "not-the-passphrase")
    assert len(tried) == 1 and tried[0].startswith('"x\'')


@pytest.mark.parametrize(("text", "new", "words"), [("", False, "不能为空"), ("abc\x00d", False, "控制字符"),
                                                    ("x" * 2000, False, "过长"), ("short", True, "至少")])
def test_bad_passphrases_are_refused(text, new, words):
    with pytest.raises(ValueError, match=words):
        cipher.check_passphrase(text, new=new)


def test_a_passphrase_file_gives_its_first_line(tmp_path):
    f = tmp_path / "key.txt"
    f.write_text("车载口令 甲乙\r\nsecond line\n", encoding="utf-8")
    assert cipher.read_passphrase_file(str(f)) == "车载口令 甲乙"
    with pytest.raises(ValueError, match="无法读取口令文件"):
        cipher.read_passphrase_file(str(tmp_path))
    (tmp_path / "bin").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(ValueError, match="无法读取口令文件"):
        cipher.read_passphrase_file(str(tmp_path / "bin"))
