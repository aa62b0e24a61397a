"""Housekeeping (VACUUM + ANALYZE): the data and the audit chain stay as they were, the file gives back
freed pages, progress climbs to the end; a store in use by another writer is refused, unchanged."""

import sqlite3

import pytest
from sqlalchemy import func, select

from commanddesk.errors import UserError
from commanddesk.models import Incident
from commanddesk.services import audit, housekeeping
from commanddesk.services import incidents as svc


def _calls(store, n: int) -> None:
    with store.transaction() as s:
        for i in range(n):
            svc.record_call(s, svc.CallInput(category="natural", type="natural.flood", place_text=f"测试地点{i}",
                                             caller_name="张三"))


def test_tidy_keeps_data_and_chain_and_reports_progress(store, officer):
    _calls(store, 30)
    seen = []
    result = housekeeping.tidy(store.location, lambda done, total, _what: seen.append((done, total)))
    assert seen[-1][0] == seen[-1][1] == housekeeping.STEPS
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)  # it only ever goes forward
    assert result.tables > 10 and "已整理数据库" in result.message()
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Incident)) == 30
        assert audit.verify(s.connection(), store.seal).ok


@pytest.mark.sqlite_only
def test_tidy_gives_back_the_space_of_deleted_rows(store):
    conn = sqlite3.connect(store.path)
    conn.execute("CREATE TABLE scratch (x TEXT)")
    conn.executemany("INSERT INTO scratch VALUES (?)", [("x" * 2000,) for _ in range(2000)])
    conn.commit()
    conn.execute("DROP TABLE scratch")
    conn.commit()
    conn.close()
    result = housekeeping.tidy(store.path)
    assert result.size_after < result.size_before - 2_000_000
    assert f"{result.size_before / 1e6:.1f} MB" in result.message()


@pytest.mark.sqlite_only
def test_a_store_held_by_a_writer_is_refused_unchanged(store, officer):
    _calls(store, 3)
    holder = sqlite3.connect(store.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another seat in the middle of saving
    try:
        with pytest.raises(UserError, match="正被其他席位"):
            housekeeping.tidy(store.path, wait=0.1)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Incident)) == 3


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(UserError, match="不存在"):
        housekeeping.tidy(tmp_path / "none.sqlite")
