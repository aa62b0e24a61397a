"""Online backup of a SQLite store: a checked copy that opens with the same rows; refusals write nothing."""

import pytest
from sqlalchemy import func, inspect, select, text

from commanddesk.errors import UserError
from commanddesk.models import Incident, Operator
from commanddesk.services import accounts, backup, demo
from commanddesk.store import open_store
from tests.conftest import FAST_N

pytestmark = pytest.mark.sqlite_only


def _counts(store) -> dict[str, int]:
    with store.read() as s:
        names = inspect(s.connection()).get_table_names()
        return {n: s.execute(text(f'SELECT COUNT(*) FROM "{n}"')).scalar() for n in names}


def test_backup_while_open_restores_the_same_rows(demo_store, tmp_path, clock):
    demo.stage_incidents(demo_store)
    before = _counts(demo_store)
    result = backup.backup(demo_store.path, tmp_path / "copy.sqlite")  # the store stays open meanwhile
    assert result.ok and result.integrity == "ok" and result.size > 0
    assert result.audit_entries == before["audit_log"] and "审计日志完整" in result.audit_message
    copy = open_store(tmp_path / "copy.sqlite", clock)
    try:
        assert _counts(copy) == before
        with copy.read() as s:
            assert s.scalar(select(func.count()).select_from(Incident)) > 0
    finally:
        copy.close()


def test_refusals_write_nothing(store, tmp_path):
    src = tmp_path / "test.sqlite"
    existing = tmp_path / "old.bak"
    existing.write_bytes(b"keep")
    with pytest.raises(UserError, match="已存在"):
        backup.backup(src, existing)
    assert existing.read_bytes() == b"keep"
    with pytest.raises(UserError, match="文件夹不存在"):
        backup.backup(src, tmp_path / "none" / "x.sqlite")
    assert not (tmp_path / "none").exists()
    with pytest.raises(UserError, match="pg_dump"):
        backup.backup("postgresql://u@h/db", tmp_path / "pg.sqlite")
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".sqlite", ".bak")) == ["old.bak", "test.sqlite"]


def _operator_count(path, clock) -> int:
    s = open_store(path, clock)
    try:
        with s.read() as session:
            return session.scalar(select(func.count()).select_from(Operator))
    finally:
        s.close()


def test_restore_puts_the_backup_back_keeps_the_old_file_and_audits_itself(demo_store, tmp_path, clock):
    from commanddesk.services import audit

    demo.stage_incidents(demo_store)
    path = demo_store.path
    bak = tmp_path / "before.sqlite"
    backup.backup(path, bak)
    before = _counts(demo_store)["operator"]
    with demo_store.transaction() as session:  # work done after the backup, then the store is closed
        accounts.create_operator(session, "新值班员", "duty_officer", "258036", check=False, n=FAST_N)
    demo_store.close()
    result = backup.restore(bak, path, clock)
    assert _operator_count(path, clock) == before
    assert result.replaced is not None and _operator_count(result.replaced, clock) == before + 1
    assert result.anchor_was is not None and result.anchor_was > result.audit_entries
    s = open_store(path, clock)
    try:
        with s.read() as session:
            conn = session.connection()
            verdict = audit.verify(conn, audit.load_seal(conn, path))
            last = session.scalars(select(audit.AuditEntry).order_by(audit.AuditEntry.id.desc())).first()
        assert verdict.ok, verdict.message()  # the anchor follows the restore, not the dropped tail
        assert last.action == "db.restore" and str(result.replaced) in last.before
    finally:
        s.close()


def test_restore_refuses_an_open_store_and_a_bad_backup(store, tmp_path, clock):
    bak = tmp_path / "b.sqlite"
    backup.backup(store.path, bak)
    original = store.path.read_bytes()
    with pytest.raises(UserError, match="正被 commanddesk 打开"):
        backup.restore(bak, store.path, clock)  # the store fixture is still open
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    for source, words in ((junk, "已损坏"), (tmp_path / "none.sqlite", "不存在")):
        with pytest.raises(UserError, match=words):
            backup.restore(source, tmp_path / "new.sqlite", clock)
    with pytest.raises(UserError, match="pg_restore"):
        backup.restore(bak, "postgresql://u@h/db", clock)
    assert store.path.read_bytes() == original
    assert not (tmp_path / "new.sqlite").exists()
    assert not [p for p in tmp_path.iterdir() if "replaced" in p.name or p.name.startswith(".")]


def test_restore_refuses_a_backup_whose_audit_log_was_edited(store, tmp_path, clock):
    import sqlite3

    bak = tmp_path / "b.sqlite"
    backup.backup(store.path, bak)
    conn = sqlite3.connect(bak)
    conn.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='audit_log'").fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.execute("UPDATE audit_log SET actor_name = '某人' WHERE id = (SELECT MIN(id) FROM audit_log)")
    conn.commit()
    conn.close()
    with pytest.raises(UserError, match="审计日志未通过校验"):
        backup.restore(bak, tmp_path / "new.sqlite", clock)
    assert not (tmp_path / "new.sqlite").exists()
