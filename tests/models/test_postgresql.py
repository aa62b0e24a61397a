"""The store on a real PostgreSQL server: schema, append-only audit, and several seats writing at once.

On SQLite ``BEGIN IMMEDIATE`` serialises writers; on PostgreSQL every write
transaction takes one advisory transaction lock (and the audit append takes it
too), so the invariants hold with seats writing concurrently. These tests run
seats in threads against the same server database.
"""

from __future__ import annotations

import threading

import psycopg
import pytest
from sqlalchemy import func, select, text

from commanddesk import migrations
from commanddesk.errors import ConflictError, StoreError, UserError
from commanddesk.models import AuditEntry, Dispatch, StockLine, StockMovement
from commanddesk.services import audit, ledger
from commanddesk.services import dispatch as svc
from commanddesk.services import dispatch_board
from commanddesk.store import WRITE_LOCK, open_store
from tests.conftest import sign_in
from tests.services.test_dispatch import _incident, post  # noqa: F401 - fixture
from tests.services.test_ledger import depot  # noqa: F401 - fixture


@pytest.fixture
def backend() -> str:
    return "postgresql"


def _raw(url: str) -> psycopg.Connection:
    return psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)


def _seats(store, clock, names):
    seats = [open_store(store.location, clock) for _ in names]
    for seat, name in zip(seats, names):
        sign_in(seat, name)
    return seats


def _run_together(seats, work):
    """Run work(seat, i) on every seat at once (a barrier starts them together); return results in order."""
    barrier = threading.Barrier(len(seats))
    results: list = [None] * len(seats)

    def run(i, seat):
        barrier.wait()
        try:
            results[i] = work(seat, i)
        except (UserError, ConflictError) as exc:
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i, s)) for i, s in enumerate(seats)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def test_label_hides_the_password_and_location_reopens(store):
    """The status bar shows the server database, never a password; location opens a second seat."""
    assert store.server and store.path is None and store.label.startswith("postgresql+psycopg://")
    seat = open_store(store.location)
    try:
        with seat.read() as s:
            assert s.scalar(select(func.count()).select_from(AuditEntry)) >= 4
    finally:
        seat.close()
    other = open_store(store.url.replace("cd@", "cd:geheim@"))
    try:
        assert "geheim" not in other.label and "***" in other.label
    finally:
        other.close()


@pytest.mark.parametrize("sql", ["UPDATE audit_log SET actor_name = '别人'", "DELETE FROM audit_log",
                                 "TRUNCATE audit_log CASCADE", "TRUNCATE stock_movement",
                                 "TRUNCATE team_status_change"])
def test_append_only_tables_refuse_update_delete_truncate(store, sql):
    """Even a superuser's SQL cannot edit, delete or truncate the audit log and the ledgers."""
    with _raw(store.url) as conn, pytest.raises(psycopg.Error, match="append-only"):
        conn.execute(sql)


def test_newer_schema_is_refused_and_left_alone(store):
    """A database from a newer commanddesk is refused in Chinese and not touched."""
    store.close()
    with _raw(store.url) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(StoreError, match="更新版本"):
        open_store(store.url)
    with _raw(store.url) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "9999_future"


def test_a_database_of_something_else_is_refused(pg_server):
    url = pg_server.create_database()
    with _raw(url) as conn:
        conn.execute("CREATE TABLE payroll (id int)")
    with pytest.raises(StoreError, match="不是 commanddesk 数据库"):
        open_store(url)
    pg_server.drop_database(url)


def test_an_empty_database_is_migrated_to_head(pg_server):
    url = pg_server.create_database()
    open_store(url).close()
    with _raw(url) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == migrations.HEAD
    pg_server.drop_database(url)


def test_cli_audit_verify_on_a_url(store, officer, capsys):
    """`audit verify --db URL` checks the chain; a disabled trigger and an edited entry are reported."""
    from commanddesk.cli import main

    store.close()
    assert main(["audit", "verify", "--db", store.url]) == 0
    assert "完整" in capsys.readouterr().out
    with _raw(store.url) as conn:
        conn.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update")
        conn.execute("UPDATE audit_log SET actor_name = '别人' WHERE id = 2")
    assert main(["audit", "verify", "--db", store.url]) == 1
    out = capsys.readouterr().out
    assert "第 2 条" in out and "audit_log_no_update" in out


def test_cli_audit_verify_cannot_reach_the_server(capsys):
    from commanddesk.cli import main

    assert main(["audit", "verify", "--db", "postgresql://nobody@127.0.0.1:1/none"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("commanddesk: ") and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_four_seats_issuing_at_once_keep_one_chain_and_no_negative_stock(depot, clock):  # noqa: F811
    """4 seats × 40 issues of 4 from a line of 500: exactly 125 succeed, stock 0, one audit chain that verifies."""
    store, ids = depot
    seats = _seats(store, clock, ["值班员甲", "领导乙", "管理员丁", "值班员甲"])

    def work(seat, _i):
        done, refused = 0, 0
        for _ in range(40):
            try:
                with seat.transaction() as s:
                    ledger.issue(s, ids["line"], 4, "抢险领用")
                done += 1
            except UserError:
                refused += 1
        return done, refused

    try:
        results = _run_together(seats, work)
    finally:
        for seat in seats:
            seat.close()
    assert sum(r[0] for r in results) == 125 and sum(r[1] for r in results) == 35
    with store.read() as s:
        assert s.get(StockLine, ids["line"]).quantity == 0
        assert s.scalar(select(func.min(StockMovement.balance_after))) >= 0
        assert ledger.check(s) == []
        result = audit.verify(s.connection(), store.seal, store.label)
        assert result.ok, result.message()
        hashes = s.execute(select(AuditEntry.prev_hash, func.count()).group_by(AuditEntry.prev_hash)
                           .having(func.count() > 1)).all()
        assert hashes == []  # no entry has two successors: the chain never forked


def test_document_numbers_are_unique_under_concurrent_seats(depot, clock):  # noqa: F811
    """Two seats sending transfers at once never get the same 调拨单 number."""
    store, ids = depot
    seats = _seats(store, clock, ["值班员甲", "领导乙"])

    def work(seat, _i):
        out = []
        for _ in range(6):
            with seat.transaction() as s:
                out.append(ledger.transfer(s, ids["line"], ids["w2"], 1, "前置").doc_number)
        return out

    try:
        results = _run_together(seats, work)
    finally:
        for seat in seats:
            seat.close()
    numbers = results[0] + results[1]
    assert len(numbers) == 12 and len(set(numbers)) == 12


def test_a_team_is_dispatched_only_once_by_two_seats_at_once(post, clock):  # noqa: F811
    """Two seats dispatch the same team to two incidents at the same moment: one order, one refusal."""
    store, inc, ids = post
    other = _incident(store, place="另一处罐区", lat=34.57, lon=119.53)
    seats = _seats(store, clock, ["值班员甲", "领导乙"])

    def work(seat, i):
        with seat.transaction() as s:
            return svc.dispatch(s, (inc, other)[i], [ids["near"]], "堵漏")[0].id

    try:
        results = _run_together(seats, work)
    finally:
        for seat in seats:
            seat.close()
    assert sum(isinstance(r, int) for r in results) == 1
    refused = next(r for r in results if not isinstance(r, int))
    assert isinstance(refused, UserError | ConflictError) and "不能调派" in refused.message
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Dispatch).where(Dispatch.team_id == ids["near"])) == 1


def test_optimistic_lock_conflict_is_still_raised_between_seats(post, clock):  # noqa: F811
    """Seat B acts on a board row seat A changed meanwhile: refused with today's conflict message."""
    store, inc, ids = post
    with store.transaction() as s:
        did = svc.dispatch(s, inc, [ids["near"]], "堵漏")[0].id
    seat_b = _seats(store, clock, ["领导乙"])[0]
    try:
        with seat_b.read() as s:
            row = next(r for r in dispatch_board.board(s, inc, clock.now()) if r.dispatch_id == did)
        with store.transaction() as s:
            svc.advance(s, did, "dispatched", expected_version=row.version)
        with pytest.raises(ConflictError):
            with seat_b.transaction() as s:
                svc.advance(s, did, "en_route", expected_version=row.version)
    finally:
        seat_b.close()


def test_writers_wait_for_each_other_readers_do_not(store, officer, clock):
    """A write transaction holds the write lock; a second seat's read goes ahead meanwhile."""
    seat = _seats(store, clock, ["领导乙"])[0]
    try:
        with store.transaction() as s:
            s.execute(text("SELECT 1"))
            with seat.read() as r:  # would hang if reads took the lock
                assert r.scalar(select(func.count()).select_from(AuditEntry)) > 0
            probe = seat.engine.connect()
            try:
                got = probe.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": WRITE_LOCK}).scalar()
            finally:
                probe.close()
            assert got is False
    finally:
        seat.close()


def test_cli_db_upgrade_on_a_url(pg_server, capsys):
    """`db upgrade --db URL` creates the schema on an empty database; a newer one is refused (exit 2)."""
    from commanddesk.cli import main

    url = pg_server.create_database()
    assert main(["db", "upgrade", "--db", url]) == 0
    assert migrations.HEAD in capsys.readouterr().out
    with _raw(url) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    assert main(["db", "upgrade", "--db", url]) == 2
    assert "更新版本" in capsys.readouterr().err
    pg_server.drop_database(url)


def test_a_seat_the_server_does_not_let_in_is_told_so_not_that_the_server_is_unreachable(store, pg_server):
    pg_server.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'barred') THEN "
                      "CREATE ROLE barred NOLOGIN; END IF; END $$")
    with pytest.raises(StoreError) as refused:
        open_store(store.url.replace("//cd@", "//barred@"))
    assert refused.value.message.startswith("数据库服务器拒绝登录（用户名、密码或 pg_hba 设置）：")
    with pytest.raises(StoreError) as away:
        open_store(store.url.replace(f":{pg_server.port}/", ":1/"))
    assert away.value.message.startswith("无法连接数据库服务器：")
