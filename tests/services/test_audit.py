"""The hash-chained audit log records every change and shows tampering."""

import sqlite3

import pytest
from sqlalchemy import select

from commanddesk.models import AuditEntry
from commanddesk.services import audit, registry, registry_specs


def _new_team_type(store):
    from commanddesk.models import TeamType

    with store.transaction() as s:
        s.add(TeamType(code="fire", name="消防应急救援队"))


def _add_org(store, code="O1", name="区应急局"):
    with store.transaction() as s:
        return registry.create(s, registry_specs.ORGANISATIONS, {"code": code, "name": name, "kind": "department"})


def test_changes_are_attributed_with_before_and_after(store, officer, clock):
    """Create, edit and delete each leave an entry naming the operator, with values."""
    oid = _add_org(store)
    clock.advance(minutes=1)
    with store.transaction() as s:
        registry.update(s, registry_specs.ORGANISATIONS, oid, {"name": "区应急管理局"})
    with store.transaction() as s:
        registry.delete(s, registry_specs.ORGANISATIONS, oid)
    with store.read() as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.entity == "organisation")
                         .order_by(AuditEntry.id)).all()
    assert [r.action for r in rows] == ["insert", "update", "delete"]
    assert {r.actor_name for r in rows} == {"值班员甲"}
    assert '"name":"区应急局"' in rows[1].before and '"name":"区应急管理局"' in rows[1].after
    assert rows[1].at > rows[0].at


def test_failed_action_leaves_no_entry(store, officer):
    """A refused change is rolled back together with its audit entry."""
    with store.read() as s:
        before = s.query(AuditEntry).count()
    try:
        with store.transaction() as s:
            registry.create(s, registry_specs.ORGANISATIONS, {"code": "O1", "name": "甲", "kind": "department"})
            raise RuntimeError("power cut")
    except RuntimeError:
        pass
    with store.read() as s:
        assert s.query(AuditEntry).count() == before


def test_pin_hash_never_reaches_the_log(store):
    """Account entries leave the PIN hash out."""
    with store.read() as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.entity == "operator")).all()
    assert rows and all("pin_hash" not in r.after and "scrypt" not in r.after for r in rows)


def test_verify_intact_chain(store, officer):
    """An untouched chain verifies."""
    _add_org(store)
    with store.read() as s:
        result = audit.verify(s.connection())
    assert result.ok and result.checked >= 5
    assert "完整" in result.message()


def _tamper(path, sql):
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute(sql)
    conn.commit()
    conn.close()


@pytest.mark.sqlite_only  # edits or inspects the SQLite file itself
def test_verify_finds_an_edited_entry(store, officer):
    """Changing the content of entry 3 is reported at entry 3."""
    _add_org(store)
    path = store.path
    store.close()
    _tamper(path, "UPDATE audit_log SET actor_name='别人' WHERE id=3")
    from commanddesk.store import open_store

    s2 = open_store(path)
    with s2.read() as s:
        result = audit.verify(s.connection())
    s2.close()
    assert result.broken_id == 3 and "改动" in result.reason


@pytest.mark.sqlite_only  # edits or inspects the SQLite file itself
def test_verify_finds_a_deleted_entry(store, officer):
    """Removing an entry from the middle breaks the chain right after it."""
    _add_org(store)
    path = store.path
    store.close()
    _tamper(path, "DELETE FROM audit_log WHERE id=2")
    from commanddesk.store import open_store

    s2 = open_store(path)
    with s2.read() as s:
        result = audit.verify(s.connection())
    s2.close()
    assert result.broken_id == 3 and not result.ok


@pytest.mark.sqlite_only  # edits or inspects the SQLite file itself
def test_cli_audit_verify(store, officer, capsys):
    """`commanddesk audit verify` prints the verdict; exit 1 when broken."""
    from commanddesk.cli import main

    path = store.path
    store.close()
    assert main(["audit", "verify", "--db", str(path)]) == 0
    assert "完整" in capsys.readouterr().out
    _tamper(path, "UPDATE audit_log SET after='{}' WHERE id=1")
    assert main(["audit", "verify", "--db", str(path)]) == 1
    assert "第 1 条" in capsys.readouterr().out


# --- attacks on the store behind the app's back: each must be refused or found by `audit verify` ----------

def _raw(path, *sql, drop_triggers=True):
    """Run SQL on the closed store with a plain SQLite shell, as an attacker with the file would."""
    conn = sqlite3.connect(path)
    try:
        if drop_triggers:
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'").fetchall():
                conn.execute(f"DROP TRIGGER {name}")
        for statement in sql:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def _verify(path):
    from commanddesk.store import open_store

    s2 = open_store(path)
    try:
        with s2.read() as s:
            return audit.verify(s.connection(), s2.seal)
    finally:
        s2.close()


def _incident(store, deaths=12):
    from commanddesk.services import incidents

    with store.transaction() as s:
        iid = incidents.record_call(s, incidents.CallInput(
            category="accident", type="accident.explosion", place_text="开发区朝阳街道纬三路",
            counts={"deaths": deaths})).incident_id
    return iid


def test_an_incident_row_edited_directly_is_found(demo_store):
    """Deaths 12→0 and the grade changed with a SQLite shell: the chain is intact but the row no longer
    matches its last audited state, and verify names the incident."""
    iid = _incident(demo_store)
    path = demo_store.path
    assert _verify(path).ok
    demo_store.close()
    _raw(path, f"UPDATE incident SET counts = json_set(counts, '$.deaths', 0), grade = 4 WHERE id = {iid}",
         drop_triggers=False)
    result = _verify(path)
    assert not result.ok and result.broken_id is None
    assert any(f"#{iid} 与其最后一条审计记录不符" in p for p in result.problems), result.problems


@pytest.mark.sqlite_only  # edits or inspects the SQLite file itself
def test_rows_inserted_or_deleted_directly_are_found(store, officer):
    """A row added or removed outside the app has no matching entry."""
    oid = _add_org(store)
    _add_org(store, "O2", "区消防救援大队")
    path = store.path
    store.close()
    _raw(path, f"CREATE TEMP TABLE o AS SELECT * FROM organisation WHERE id = {oid}",
         "UPDATE o SET id = 99, code = 'X', name = '假单位', sync_uid = NULL", "INSERT INTO organisation SELECT * FROM o",
         f"DELETE FROM organisation WHERE id = {oid}", drop_triggers=False)
    problems = " ".join(_verify(path).problems)
    assert "单位 #99 没有任何审计记录（在程序之外新增）" in problems
    assert f"#{oid} 已不在库中" in problems


def test_deleting_the_last_entries_is_found_by_the_anchor(demo_store):
    """Cutting off the last 25 entries leaves a valid chain; the anchor outside the file shows the gap."""
    for n in range(3):
        _incident(demo_store, deaths=n)
    path = demo_store.path
    demo_store.close()
    conn = sqlite3.connect(path)
    last = conn.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    conn.close()
    _raw(path, f"DELETE FROM audit_log WHERE id > {last - 25}")
    result = _verify(path)
    assert not result.ok
    assert f"自上次锚定（第 {last} 条）以来缺少 25 条记录" in result.message()


@pytest.mark.sqlite_only  # edits or inspects the SQLite file itself
def test_a_rewritten_and_rehashed_chain_fails_its_signature(store, officer):
    """Rewriting entry 3 and recomputing every later hash (no key) is found at entry 3."""
    _add_org(store)
    path = store.path
    store.close()
    conn = sqlite3.connect(path)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    rows = conn.execute("SELECT id, at, actor_id, actor_name, action, entity, entity_id, before, after, digest "
                        "FROM audit_log ORDER BY id").fetchall()
    prev = audit.GENESIS
    from datetime import datetime, timezone

    for rid, at, actor_id, actor_name, action, entity, entity_id, before, after, digest in rows:
        if rid == 3:
            actor_name = "别人"
        stamp = datetime.fromisoformat(at).replace(tzinfo=timezone.utc)
        h = audit.entry_hash(prev, stamp, actor_id, actor_name, action, entity, entity_id, before, after, digest)
        conn.execute("UPDATE audit_log SET actor_name=?, prev_hash=?, hash=? WHERE id=?",
                     (actor_name, prev, h, rid))
        prev = h
    conn.commit()
    conn.close()
    result = _verify(path)
    assert result.broken_id == 3 and "签名不符" in result.reason


@pytest.mark.sqlite_only  # edits or inspects the SQLite file itself
def test_insert_or_replace_on_the_audit_log_is_refused_and_found(store, officer):
    """REPLACE deletes without firing the delete trigger: the insert trigger refuses it; without triggers
    verify finds the replaced entry."""
    _add_org(store)
    path = store.path
    store.close()
    replace = ["CREATE TEMP TABLE t AS SELECT * FROM audit_log WHERE id = 2", "UPDATE t SET actor_name = '别人'",
               "INSERT OR REPLACE INTO audit_log SELECT * FROM t"]
    import pytest

    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        _raw(path, *replace, drop_triggers=False)
    assert _verify(path).ok
    _raw(path, *replace)
    result = _verify(path)
    assert result.broken_id == 2
    assert "触发器 audit_log_no_replace 被删除" in result.message()


def test_a_replaced_stock_movement_with_its_balance_fixed_is_found(demo_store):
    """INSERT OR REPLACE on a movement plus a matching balance edit: refused by the trigger; done without
    triggers, both ledger.check and verify find it."""
    import pytest

    from commanddesk.services import ledger

    path = demo_store.path
    demo_store.close()
    conn = sqlite3.connect(path)
    mid, line_id, qty = conn.execute("SELECT id, stock_line_id, quantity FROM stock_movement "
                                     "WHERE quantity > 10 ORDER BY id LIMIT 1").fetchone()
    conn.close()
    steal = [f"CREATE TEMP TABLE t AS SELECT * FROM stock_movement WHERE id = {mid}",
             "UPDATE t SET quantity = quantity - 10, balance_after = balance_after - 10",
             "INSERT OR REPLACE INTO stock_movement SELECT * FROM t",
             f"UPDATE stock_line SET quantity = quantity - 10 WHERE id = {line_id}"]
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        _raw(path, *steal, drop_triggers=False)
    _raw(path, *steal)
    from commanddesk.store import open_store

    s2 = open_store(path)
    with s2.read() as s:
        problems = ledger.check(s)
    s2.close()
    assert any(f"#{mid}" in p for p in problems) and any(f"#{line_id}" in p for p in problems), problems
    message = _verify(path).message()
    assert f"#{mid} 与其最后一条审计记录不符" in message and f"#{line_id} 与其最后一条审计记录不符" in message


@pytest.mark.sqlite_only  # edits or inspects the SQLite file itself
def test_cli_verify_never_writes_to_the_store(store, officer, tmp_path, capsys):
    """`audit verify` reads only: the file's bytes are the same after it, and an empty file stays empty."""
    import hashlib

    from commanddesk.cli import main

    path = store.path
    store.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    assert main(["audit", "verify", "--db", str(path)]) == 0
    assert "签名有效" in capsys.readouterr().out
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    assert main(["audit", "verify", "--db", str(empty)]) == 2
    assert empty.read_bytes() == b"" and "不是 SQLite 数据库" in capsys.readouterr().err


def test_a_drill_workspace_verifies_and_names_no_real_caller(demo_store, tmp_path):
    """A drill copy starts its own audit log (the real one names real callers and their numbers) and is
    resealed when opened, so its log verifies."""
    from commanddesk.drills import runner, scenario
    from commanddesk.services import incidents

    with demo_store.transaction() as s:
        incidents.record_call(s, incidents.CallInput(
            category="accident", type="accident.explosion", place_text="开发区朝阳街道纬三路",
            caller_name="王真名", caller_phone="13912345678"))
    reference = demo_store.path
    demo_store.close()
    path = tmp_path / "drill.sqlite"
    runner.run(scenario.bundled()[0], [], reference=reference, keep=path)
    assert _verify(path).ok, _verify(path).message()
    conn = sqlite3.connect(path)
    text = " ".join(r[0] + r[1] for r in conn.execute("SELECT before, after FROM audit_log"))
    conn.close()
    assert "王真名" not in text and "13912345678" not in text


# --- verify at scale: chunks, progress, the fast paths give the same answers -------------------------------

def test_verify_reports_progress_without_changing_the_result(store, officer, monkeypatch):
    """With a progress callback the verdict is the same; the counts rise to the entries and rows checked."""
    for i in range(3):
        _add_org(store, code=f"O{i}", name=f"单位{i}")
    with store.read() as s:
        plain = audit.verify(s.connection())
    monkeypatch.setattr(audit, "CHUNK", 4)  # several chunks from a small store
    calls = []
    with store.read() as s:
        watched = audit.verify(s.connection(), progress=lambda *a: calls.append(a))
    assert watched == plain and plain.ok
    chain = [c for c in calls if c[0] == "chain"]
    rows = [c for c in calls if c[0] == "rows"]
    assert len(chain) > 1 and chain[-1][1:] == (plain.checked, plain.checked)
    assert [c[1] for c in chain] == sorted(c[1] for c in chain)
    assert rows and rows[-1][1] == plain.rows_checked
    assert calls.index(chain[-1]) < calls.index(rows[0])  # the chain first, then the rows


@pytest.mark.sqlite_only  # edits the SQLite file itself
@pytest.mark.parametrize("stamp", ["2020-01-01 00:00:00.000000", "2026-99-99 99:99:99.999999", "昨天"])
def test_verify_finds_an_edited_time(store, officer, stamp):
    """An entry's time changed behind the app's back is reported at that entry, even a time that is no time."""
    _add_org(store)
    path = store.path
    store.close()
    _tamper(path, f"UPDATE audit_log SET at='{stamp}' WHERE id=2")
    from commanddesk.store import open_store

    s2 = open_store(path)
    with s2.read() as s:
        result = audit.verify(s.connection())
    s2.close()
    assert result.broken_id == 2 and "改动" in result.reason


def test_fast_paths_match_the_writer():
    """The hash and MAC verify computes equal the ones written (quotes, non-ASCII, no actor, long keys)."""
    from datetime import datetime, timezone

    at = datetime(2026, 12, 4, 8, 0, 0, tzinfo=timezone.utc)
    at_us = at.replace(microsecond=120)
    for when, stored in ((at, "2026-12-04 08:00:00.000000"), (at_us, "2026-12-04 08:00:00.000120")):
        for actor in (None, 7):
            args = ("a" * 64, actor, '值班员"甲"\\', "update", "incident", "12", '{"x":"\\n"}', "{}", "d" * 64)
            iso = audit._iso_reader(_sqlite_conn())(stored)
            assert audit._stored_hash(args[0], iso, *args[1:]) == audit.entry_hash(args[0], when, *args[1:])
            assert audit._stored_hash(args[0], iso, *args[1:-1], "") == audit.entry_hash(args[0], when, *args[1:-1])
    for key in (b"k" * 32, b"long" * 40, b""):
        assert audit._mac_function(key)("f" * 64) == audit.entry_mac(key, "f" * 64)


def _sqlite_conn():
    from sqlalchemy import create_engine

    return create_engine("sqlite://").connect()


@pytest.mark.sqlite_only  # opens the SQLite file by path
def test_cli_audit_verify_counts_on_stderr(store, officer, capsys):
    """`audit verify` counts the entries on stderr as it goes; stdout keeps only the verdict."""
    from commanddesk.cli import main

    _add_org(store)
    with store.read() as s:
        entries = s.query(AuditEntry).count()
    path = store.path
    store.close()
    assert main(["audit", "verify", "--db", str(path)]) == 0
    out = capsys.readouterr()
    assert out.out.strip().startswith("审计日志完整") and len(out.out.strip().splitlines()) == 1
    assert f"审计日志：已校验 {entries}/{entries} 条" in out.err


@pytest.mark.sqlite_only  # edits the SQLite file itself
def test_the_merged_row_check_finds_what_the_plain_one_finds(store, officer, monkeypatch):
    """Rows added, edited and removed behind the app's back across ids 1–30: the streamed check
    (rows and log merged in id order) reports the same sentences and count as comparing by dict,
    also when the database orders ids unlike Python (then that table is checked the plain way)."""
    ids = [_add_org(store, f"O{i}", f"单位{i}") for i in range(25)]
    path = store.path
    store.close()
    _raw(path, f"UPDATE organisation SET name = name || '（改）' WHERE id IN ({ids[3]}, {ids[17]})",
         f"DELETE FROM organisation WHERE id IN ({ids[0]}, {ids[9]}, {ids[24]})",
         f"CREATE TEMP TABLE o AS SELECT * FROM organisation WHERE id = {ids[5]}",
         "UPDATE o SET id = 100, code = 'X', name = '假单位', sync_uid = NULL", "INSERT INTO organisation SELECT * FROM o",
         drop_triggers=False)
    merged = _verify(path)
    from commanddesk.store import open_store

    s2 = open_store(path)
    with s2.read() as s:
        plain = audit.row_problems(s.connection())
    s2.close()
    assert merged.rows_checked == plain[0]
    assert sorted(merged.problems) == sorted(plain[1]) and len(plain[1]) == 6
    monkeypatch.setattr(audit, "_ident_text", lambda conn, table, pk: f"{pk[0]} DESC")  # not Python's order
    reordered = _verify(path)
    assert reordered.rows_checked == merged.rows_checked and sorted(reordered.problems) == sorted(merged.problems)
    shown = audit.rows_against_log  # more problems than the limit: the same count is said
    s2 = open_store(path)
    with s2.read() as s:
        checked, lines = shown(s.connection(), 10**9, limit=2)
        _, plain_lines = audit.row_problems(s.connection(), limit=2)
    s2.close()
    assert lines[-1] == plain_lines[-1] == "另有 4 处同类问题" and len(lines) == 3


def test_an_action_rolled_back_after_its_flush_leaves_no_gap(store, officer):
    """A save refused after the audit entry was written (flushed, then rolled back) must not read as a deleted
    entry later: on PostgreSQL the id sequence is not rolled back, so the chain's ids are given by the head."""
    from commanddesk.models import Organisation

    _add_org(store, "O1")
    with pytest.raises(RuntimeError), store.transaction() as s:
        s.add(Organisation(code="O2", name="区卫健委", kind="department"))
        s.flush()  # the audit entry is written with the flush
        raise RuntimeError("refused after the flush")
    _add_org(store, "O3", "区水利局")
    with store.read() as s:
        ids = s.scalars(select(AuditEntry.id).order_by(AuditEntry.id)).all()
        result = audit.verify(s.connection())
    assert ids == list(range(1, len(ids) + 1)) and result.ok, result.message()
