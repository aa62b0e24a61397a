"""Online backup of a SQLite store: a checked copy that opens with the same rows; refusals write nothing."""

import pytest
from sqlalchemy import func, inspect, select, text

from commanddesk.errors import UserError
from commanddesk.models import Incident
from commanddesk.services import backup, demo
from commanddesk.store import open_store

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
