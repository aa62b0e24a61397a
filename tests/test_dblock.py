"""The writers' lock: on PostgreSQL every write transaction takes one advisory lock; on SQLite nothing."""

import pytest

from commanddesk import dblock


@pytest.fixture
def backend() -> str:
    return "postgresql"  # the store fixture here is a real server (skipped, saying why, when none can be had)


def _advisory_locks(conn) -> list:
    return conn.exec_driver_sql(
        "SELECT objid FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()").scalars().all()


def test_the_key_spells_cmdd():
    """The lock key is stable across versions (another seat's process must take the same one)."""
    assert dblock.WRITE_LOCK.to_bytes(4, "big") == b"cmdd"


def test_on_sqlite_it_issues_nothing():
    """SQLite's BEGIN IMMEDIATE already serialises writers; write_lock runs no statement there."""
    issued: list[str] = []

    class Conn:
        class dialect:
            name = "sqlite"

        def exec_driver_sql(self, sql):
            issued.append(sql)

    dblock.write_lock(Conn())
    assert issued == []


def test_on_postgresql_a_write_holds_the_lock_until_commit(store):
    """Inside a write transaction this connection holds the advisory lock; after it, nobody does."""
    with store.transaction() as s:
        held = _advisory_locks(s.connection())
    assert dblock.WRITE_LOCK in held
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'").scalar() == 0
