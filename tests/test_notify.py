"""Seats hear of each other's changes through LISTEN/NOTIFY (PostgreSQL)."""

from __future__ import annotations

import queue
import statistics
import time

import psycopg
import pytest

from commanddesk import notify
from commanddesk.models import Jurisdiction
from tests.conftest import sign_in


@pytest.fixture
def backend() -> str:
    return "postgresql"


def _listen(url):
    heard: queue.Queue = queue.Queue()
    status: queue.Queue = queue.Queue()
    listener = notify.Listener(url, lambda tables: heard.put((time.perf_counter(), tables)), status.put,
                               retry_seconds=0.2).start()
    assert listener.connected.wait(10)
    return listener, heard, status


def test_a_committed_change_is_heard_with_its_table_and_a_rollback_is_not(store):
    sign_in(store, "管理员丁")
    listener, heard, _ = _listen(store.url)
    try:
        with pytest.raises(RuntimeError):
            with store.transaction() as s:
                s.add(Jurisdiction(code="1", name="甲", level="county"))
                s.flush()
                raise RuntimeError("rolled back")
        with pytest.raises(queue.Empty):  # NOTIFY is transactional: nothing from the rolled-back action
            heard.get(timeout=0.5)
        latencies = []
        for n in range(20):
            t0 = time.perf_counter()
            with store.transaction() as s:
                s.add(Jurisdiction(code=f"32{n:02d}", name=f"县{n}", level="county"))
            t1 = time.perf_counter()
            at, tables = heard.get(timeout=5)
            if "jurisdiction" in tables or "audit_log" in tables:
                latencies.append(at - t0)  # from the start of the action: commit plus delivery
            while not heard.empty():  # audit_log etc. of the same commit
                heard.get_nowait()
            assert t0 <= at and t1 > t0
        assert len(latencies) == 20
        print(f"action start to notification heard: median {statistics.median(latencies) * 1000:.2f} ms, "
              f"max {max(latencies) * 1000:.2f} ms")
    finally:
        listener.stop()


def test_a_lost_connection_is_reported_and_resumes_with_a_full_reread(store, pg_server):
    listener, heard, status = _listen(store.url)
    try:
        assert status.get(timeout=5) is True
        with psycopg.connect(store.url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as c:
            c.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                      "WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()")
        assert status.get(timeout=10) is False
        assert status.get(timeout=10) is True
        _at, tables = heard.get(timeout=10)
        assert tables == frozenset({notify.ALL})
    finally:
        listener.stop()
