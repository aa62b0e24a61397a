"""This machine's store setting: read at start without --db, --db/--demo win, checked before it is written."""

import json
import stat

import pytest

from commanddesk import paths
from commanddesk.errors import StoreError
from commanddesk.services import store_choice
from commanddesk.store import open_store


@pytest.fixture(autouse=True)
def own_config(tmp_path, monkeypatch):
    """A config folder and a libpq password file of this test's own (the shared one holds audit keys)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    monkeypatch.setattr(paths, "_DIRS", paths.PlatformDirs("commanddesk", appauthor=False))


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_chosen_store_is_what_a_start_without_db_opens(tmp_path):
    db = tmp_path / "seat.sqlite"
    open_store(db).close()
    assert store_choice.target(None, False) is None  # nothing set: the default local file, as before
    choice = store_choice.use(str(db))
    assert choice.db == str(db.resolve()) and choice.pgpass is None
    assert _mode(paths.store_setting()) == 0o600
    assert store_choice.target(None, False) == str(db.resolve())
    assert store_choice.target(str(tmp_path / "other.sqlite"), False) == str(tmp_path / "other.sqlite")  # --db wins
    assert store_choice.target(None, True) is None  # --demo wins


def test_the_app_start_opens_the_chosen_store(tmp_path):
    from commanddesk.app import store_path

    db = tmp_path / "seat.sqlite"
    store_choice.use(str(db))  # a new file: it is made when the app opens it
    assert store_path(store_choice.target(None, False), False) == (db.resolve(), None)


def test_an_unreachable_server_is_refused_and_nothing_is_written(tmp_path):
    good = tmp_path / "seat.sqlite"
    store_choice.use(str(good))
    before = paths.store_setting().read_bytes()
    for bad, words in (("postgresql://seat1:secret@127.0.0.1:1/commanddesk", "无法连接数据库服务器"),
                       ("postgresql://seat1@127.0.0.1:notaport/commanddesk", "数据库地址无效"),
                       ("mysql://seat1@127.0.0.1/commanddesk", "不支持"),
                       (str(tmp_path / "no" / "such" / "x.sqlite"), "目录不存在"),
                       ("   ", "请填写")):
        with pytest.raises(StoreError) as caught:
            store_choice.use(bad)
        assert words in caught.value.message and "secret" not in caught.value.message
    assert paths.store_setting().read_bytes() == before
    assert not (tmp_path / "pgpass").exists()


def test_a_file_that_is_no_store_is_refused(tmp_path):
    import sqlite3

    junk = tmp_path / "notes.sqlite"
    with sqlite3.connect(junk) as conn:
        conn.execute("CREATE TABLE notes (text)")
    with pytest.raises(StoreError) as caught:
        store_choice.use(str(junk))
    assert "不是 commanddesk 数据库" in caught.value.message
    assert not paths.store_setting().exists()


def test_an_unreadable_setting_is_said_not_skipped(tmp_path):
    paths.store_setting().parent.mkdir(parents=True)
    paths.store_setting().write_text("{broken", encoding="utf-8")
    with pytest.raises(StoreError) as caught:
        store_choice.target(None, False)
    assert "本机的数据库设置无法读取" in caught.value.message
    assert store_choice.target("x.sqlite", False) == "x.sqlite"  # --db still starts the seat


def test_a_password_goes_to_pgpass_not_the_setting(pg_url, tmp_path):
    url = pg_url.replace("://cd@", "://cd:s3cr%3At@")  # the test server trusts loopback
    choice = store_choice.use(url)
    saved = json.loads(paths.store_setting().read_text(encoding="utf-8"))["db"]
    assert "s3cr" not in saved and saved == pg_url == choice.db
    assert "服务器上的 commanddesk 数据库" in choice.note
    line = (tmp_path / "pgpass").read_text(encoding="utf-8").strip()
    assert line.endswith(":cd:s3cr\\:t") and _mode(tmp_path / "pgpass") == 0o600
    store_choice.use(url.replace("s3cr%3At", "new"))  # the same server and user: one line, replaced
    assert (tmp_path / "pgpass").read_text(encoding="utf-8").strip().endswith(":cd:new")
    assert len((tmp_path / "pgpass").read_text(encoding="utf-8").splitlines()) == 1


def test_libpq_finds_the_password_for_the_saved_url(pg_url, tmp_path):
    import psycopg

    store_choice.use(pg_url.replace("://cd@", "://cd:s3cr%3At@"))
    saved = json.loads(paths.store_setting().read_text(encoding="utf-8"))["db"]
    with psycopg.connect(saved.replace("postgresql+psycopg://", "postgresql://")) as conn:
        assert conn.info.password == "s3cr:t"  # read from the PGPASSFILE line just written
