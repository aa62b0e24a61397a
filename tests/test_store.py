"""Opening the store: pragmas, bad files, newer schemas, old schemas."""

import sqlite3

import pytest

from commanddesk.errors import StoreError
from commanddesk.store import open_store


def test_pragmas(tmp_path):
    """WAL, synchronous=FULL and foreign keys are on for every connection."""
    store = open_store(tmp_path / "p.sqlite")
    with store.read() as s:
        conn = s.connection()
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.close()


def test_not_a_database_is_refused_untouched(tmp_path):
    """A text file is refused with a Chinese message and left byte-identical."""
    f = tmp_path / "notes.sqlite"
    f.write_text("这不是数据库\n" * 50, encoding="utf-8")
    before = f.read_bytes()
    with pytest.raises(StoreError, match="不是 SQLite 数据库"):
        open_store(f)
    assert f.read_bytes() == before


def test_an_empty_file_is_refused_not_made_a_new_store(tmp_path):
    """A zero-byte file (a copy cut short, a file made by hand) is not silently initialised as a store."""
    empty = tmp_path / "commanddesk.sqlite"
    empty.write_bytes(b"")
    with pytest.raises(StoreError) as err:
        open_store(empty)
    assert "空的（0 字节）" in err.value.message and "未作任何改动" in err.value.message
    assert empty.read_bytes() == b"" and sorted(p.name for p in tmp_path.iterdir()) == ["commanddesk.sqlite"]


def test_foreign_sqlite_file_is_refused(tmp_path):
    """Someone else's SQLite database is not adopted or changed."""
    f = tmp_path / "other.sqlite"
    conn = sqlite3.connect(f)
    conn.execute("CREATE TABLE x (a)")
    conn.commit()
    conn.close()
    before = f.read_bytes()
    with pytest.raises(StoreError, match="不是 commanddesk 数据库"):
        open_store(f)
    assert f.read_bytes() == before


def test_missing_directory(tmp_path):
    """A path in a directory that does not exist gets one clear message."""
    with pytest.raises(StoreError, match="目录不存在"):
        open_store(tmp_path / "nope" / "x.sqlite")


@pytest.mark.sqlite_only  # edits or inspects the SQLite file itself
def test_read_only_database(tmp_path, store):
    """A read-only file is refused before anything is attempted."""
    import os

    path = store.path
    store.close()
    os.chmod(path, 0o444)
    try:
        if os.access(path, os.W_OK):  # root ignores file modes
            pytest.skip("running as root: file permissions do not apply")
        with pytest.raises(StoreError, match="只读"):
            open_store(path)
    finally:
        os.chmod(path, 0o644)


@pytest.mark.sqlite_only  # edits or inspects the SQLite file itself
def test_locked_database(tmp_path, store, monkeypatch):
    """A database held under an exclusive lock by another program is reported as locked."""
    from commanddesk import store as store_mod

    monkeypatch.setattr(store_mod, "BUSY_TIMEOUT_MS", 100)
    path = store.path
    store.close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="锁定"):
            open_store(path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.mark.sqlite_only  # edits or inspects the SQLite file itself
def test_newer_schema_is_refused_untouched(tmp_path, store):
    """A database from a newer commanddesk is refused and not modified."""
    path = store.path
    store.close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num='9999_future'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="更新版本"):
        open_store(path)
    assert path.read_bytes() == before


def test_old_schema_is_backed_up_and_upgraded(tmp_path, monkeypatch):
    """An older revision is copied aside, then upgraded in place."""
    from commanddesk import migrations

    path = tmp_path / "old.sqlite"
    open_store(path).close()
    # Pretend the shipped scripts have a newer head than the file.
    monkeypatch.setattr(migrations, "REVISIONS", ("0000_older", *migrations.REVISIONS))
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num='0000_older'")
    conn.commit()
    conn.close()
    from commanddesk import store as store_mod

    calls = []
    monkeypatch.setattr(store_mod, "upgrade", lambda engine: calls.append(engine))
    open_store(path).close()
    assert calls, "upgrade was not run"
    assert (tmp_path / "old.sqlite.bak-0000_older").exists()


def test_real_upgrade_from_first_revision_keeps_data(tmp_path):
    """A database at revision 0001 with data is backed up, upgraded, and keeps its rows."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text

    from commanddesk import migrations
    from commanddesk.models import Incident, Organisation

    path = tmp_path / "v1.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations.DIRECTORY))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001_initial")
        conn.execute(text("INSERT INTO organisation (code, name, kind, address, duty_phone, notes, version) "
                          "VALUES ('O1', '区应急局', 'department', '', '', '', 1)"))
        conn.execute(text("INSERT INTO incident (title, category, type, status, received_at, place_text, "
                          "summary, is_drill, version, level) VALUES ('旧事件', 'accident', '', 'received', "
                          "'2026-01-01 00:00:00', '', '', 0, 1, 'III')"))
    engine.dispose()
    store = open_store(path)
    assert (tmp_path / "v1.sqlite.bak-0001_initial").exists()
    with store.read() as s:
        assert s.query(Organisation).one().name == "区应急局"
        inc = s.query(Incident).one()
        assert inc.title == "旧事件" and inc.counts == {} and inc.flags == [] and inc.grade is None
        assert s.connection().exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == migrations.HEAD
    store.close()


def test_quick_accounts_before_the_orm(tmp_path, demo_template):
    """The sign-in list is read with plain sqlite3 (so the window shows first); odd files fall back."""
    import shutil

    from commanddesk.app import quick_accounts

    copy = tmp_path / "d.sqlite"
    shutil.copyfile(demo_template, copy)
    accounts = quick_accounts(copy)
    assert ("李晓明", "值班员") in accounts and ("赵磊", "系统管理员") in accounts
    assert quick_accounts(tmp_path / "missing.sqlite") is None
    (tmp_path / "text.sqlite").write_text("not a database")
    assert quick_accounts(tmp_path / "text.sqlite") is None
    empty = tmp_path / "empty.sqlite"
    open_store(empty).close()
    assert quick_accounts(empty) is None  # no accounts yet: the first-administrator dialog comes first


def test_a_failed_backup_before_an_upgrade_leaves_no_bak_and_the_store_unchanged(tmp_path, monkeypatch):
    """The disk fills up during the pre-upgrade backup: one Chinese sentence, no zero-byte .bak, the
    store's bytes unchanged (it used to end in a traceback and leave a new .bak on every try)."""
    import hashlib
    import sqlite3

    import pytest

    from commanddesk import cipher  # every store connection to a file goes through it
    from commanddesk.errors import StoreError

    path = tmp_path / "old.sqlite"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '0008_warnings'")  # looks one revision old
    conn.commit()
    conn.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    real_connect = sqlite3.connect

    class FullDisk:
        def __init__(self, conn):
            self._conn = conn

        def backup(self, _target):
            raise sqlite3.OperationalError("database or disk is full")

        def close(self):
            self._conn.close()

    monkeypatch.setattr(cipher.sqlite3, "connect",
                        lambda *a, **k: FullDisk(real_connect(*a, **k)) if not k.get("uri") else real_connect(*a, **k))
    for _ in range(2):
        with pytest.raises(StoreError, match="升级前备份数据库失败"):
            open_store(path)
    assert not list(tmp_path.glob("old.sqlite.bak*"))
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_quick_accounts_from_a_server_before_the_orm(pg_server, pg_url, clock):
    """On PostgreSQL too the sign-in list is read before the ORM loads; a server that cannot be had falls back."""
    from commanddesk.app import quick_accounts
    from commanddesk.services import accounts
    from tests.conftest import FAST_N

    url = pg_url.replace("postgresql+psycopg://", "postgresql://")
    assert quick_accounts(url) is None  # no accounts yet: the first-administrator dialog comes first
    store = open_store(pg_url, clock)
    with store.transaction() as s:
        accounts.create_operator(s, "值班员甲", "duty_officer", "123456", check=False, n=FAST_N)
    store.close()
    assert quick_accounts(url) == [("值班员甲", "值班员")]
    assert quick_accounts(pg_url) == [("值班员甲", "值班员")]
    assert quick_accounts(url.replace(f":{pg_server.port}/", ":1/")) is None


def test_the_incident_filter_reads_its_narrow_index_not_the_table(tmp_path):
    """The list's filter box (#22): the scan and the count go through ix_incident_filter (0021), not the table."""
    from sqlalchemy import text

    from commanddesk.services import incidents

    store = open_store(tmp_path / "f.sqlite")
    with store.read() as s:
        stmt = incidents._matching(s, "火灾 海州")
        compiled = stmt.compile(s.bind, compile_kwargs={"literal_binds": True})
        plan = " ".join(str(r[-1]) for r in s.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
    store.close()
    assert "ix_incident_filter" in plan
