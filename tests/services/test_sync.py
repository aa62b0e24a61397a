"""Post and command vehicle: take a copy out, work apart for a day, merge both ways, conflicts kept."""

import base64
import json
import zlib

import pytest
from sqlalchemy import func, select

from commanddesk.models import (
    AuditEntry, CallRecord, Dispatch, Incident, RescueTeam, StockLine, StockMovement, SyncChange, SyncConflict,
)
from commanddesk.services import audit, demo, dispatch, incidents, ledger, sync
from commanddesk.store import open_store
from tests.conftest import sign_in

OFFICER = "李晓明"
LEADER = "周建华"  # the demo's 带班领导: taking a vehicle out is a leader's or an administrator's


def leader(store, name: str = "领导乙"):
    """An actor who may take a vehicle out: the store's shift leader *name* (made when it has none)."""
    from commanddesk.models import Operator
    from commanddesk.services import auth

    with store.transaction() as s:
        op = s.scalar(select(Operator).where(Operator.name == name))
        if op is None:
            op = Operator(name=name, role="shift_leader", pin_hash="-", post="")
            s.add(op)
            s.flush()
        return auth.Actor(op.id, op.name, auth.Role(op.role))


@pytest.fixture
def backend():
    return "sqlite"  # the scripted day runs on the demo (a SQLite file); test_post_on_a_server runs both


@pytest.fixture
def day(demo_store, tmp_path, clock):
    """The post (the demo) and a vehicle taken out of it, after a day apart."""
    post = demo_store
    demo.stage_incidents(post)
    vehicle = open_store(tmp_path / "vehicle.sqlite", clock)
    result = sync.init(post, vehicle, "车1", actor=leader(post, LEADER))
    sign_in(vehicle, OFFICER, "111111")
    with post.read() as s:
        inc = s.scalar(select(Incident).where(Incident.status.notin_(sync.CLOSED)).order_by(Incident.id))
        shared, kind = inc.id, dict(category=inc.category, type=inc.type)
        line = s.scalar(select(StockLine).where(StockLine.quantity >= 10).order_by(StockLine.id))
        team = s.scalar(select(RescueTeam.id).where(RescueTeam.status == "available").order_by(RescueTeam.id))
    q = line.quantity
    with vehicle.transaction() as s:  # the vehicle: 3 calls, a re-grade, a dispatch, an issue
        new = [incidents.record_call(s, incidents.CallInput(
            category="accident", type="accident.road_traffic", place_text=f"车载接报{i}号路口")).incident_id
            for i in range(3)]
        incidents.set_grade(s, new[0], 3, reason="现场核实伤亡较重")
        dispatch.dispatch(s, shared, [team], "现场救援")
        incidents.record_call(s, incidents.CallInput(**kind, place_text="现场", counts={"deaths": 5}), incident_id=shared)
        ledger.issue(s, line.id, q - 3, "车载发放", incident_id=shared)
    with post.transaction() as s:  # the post: 2 calls, an edit of the same incident, an issue of the same line
        for i in range(2):
            incidents.record_call(s, incidents.CallInput(category="natural", type="natural.rainstorm",
                                                         place_text=f"指挥部接报{i}号村"))
        incidents.record_call(s, incidents.CallInput(**kind, place_text="电话核实", counts={"deaths": 4}),
                              incident_id=shared)
        ledger.issue(s, line.id, 5, "指挥部发放", incident_id=shared)
    yield post, vehicle, shared, line.id, q, result, tmp_path
    vehicle.close()


def _incidents(store):
    with store.read() as s:
        return {uid: (title, counts) for uid, title, counts in s.execute(
            select(Incident.sync_uid, Incident.title, Incident.counts))}


def test_take_out_copies_open_incidents_with_its_own_chain(day):
    post, vehicle, shared, _line, _q, result, _ = day
    assert result.open_incidents > 0 and result.copied["rescue_team"] > 0 and result.copied["stock_line"] > 0
    with vehicle.read() as s:
        assert s.scalar(select(func.count()).select_from(Incident).where(Incident.status.in_(sync.CLOSED))) == 0
        site = s.scalar(select(Incident.sync_site).where(Incident.place_text == "车载接报0号路口"))
        assert site == "车1"
    with vehicle.engine.connect() as conn:
        verdict = audit.verify(conn, vehicle.seal)
        assert verdict.ok, verdict.message()
        assert audit.store_id(conn) != audit.store_id(post.engine.connect())


def test_a_day_apart_merges_both_ways_with_conflicts_shown(day):
    post, vehicle, shared, line_id, q, _r, tmp = day
    v1 = sync.export(vehicle, tmp / "v1.cdsync")
    p1 = sync.export(post, tmp / "p1.cdsync")
    assert v1.size < 1_000_000 and v1.counts["insert"] >= 3
    at_post = sync.import_package(post, v1.path)
    at_vehicle = sync.import_package(vehicle, p1.path)
    # every record of the other side arrived
    post_inc, veh_inc = _incidents(post), _incidents(vehicle)
    assert len([t for t, _c in post_inc.values() if "车载接报" in t]) == 3
    assert len([t for t, _c in veh_inc.values() if "指挥部接报" in t]) == 2
    with post.read() as s:
        assert s.scalar(select(func.count()).select_from(Dispatch).where(Dispatch.incident_id == shared)) >= 1
        calls = {c.place_text for c in s.scalars(select(CallRecord).where(CallRecord.incident_id == shared))}
        assert {"现场", "电话核实"} <= calls
    # the same field changed on both sides, and the stock line issued beyond what exists: on both sides
    for store, result in ((post, at_post), (vehicle, at_vehicle)):
        with store.read() as s:
            open_ = sync.conflicts(s)
            kinds = {(c.kind, c.field) for c in open_}
            assert ("field", "counts") in kinds and ("stock", "quantity") in kinds, kinds
            assert result.conflicts == len(open_)
            assert ledger.check(s) == []
            assert s.scalar(select(func.min(StockLine.quantity))) >= 0
    with post.read() as s:
        deaths = next(c for c in sync.conflicts(s) if c.field == "counts")
        assert deaths.here["value"]["deaths"] == 4 and deaths.there["value"]["deaths"] == 5
        assert s.get(Incident, shared).counts["deaths"] == 4  # nothing overwritten before a person decides
        assert s.get(StockLine, line_id).quantity == q - 5
    for store in (post, vehicle):
        with store.engine.connect() as conn:
            assert audit.verify(conn, store.seal).ok, audit.verify(conn, store.seal).message()
    # re-import is a no-op
    with post.read() as s:
        before = s.scalar(select(func.count()).select_from(SyncChange))
    again = sync.import_package(post, v1.path)
    assert again.already
    with post.read() as s:
        assert s.scalar(select(func.count()).select_from(SyncChange)) == before

    # a person decides at the post: the vehicle's figure; the vehicle hears it and its conflict closes
    with post.read() as s:
        cid = next(c.id for c in sync.conflicts(s) if c.field == "counts")
    sync.resolve(post, cid, "there", "现场核实为 5 人")
    with post.read() as s:
        assert s.get(Incident, shared).counts["deaths"] == 5
        assert s.get(SyncConflict, cid).status == "there"
    p2 = sync.export(post, tmp / "p2.cdsync")
    sync.import_package(vehicle, p2.path)
    with vehicle.read() as s:
        assert not [c for c in sync.conflicts(s) if c.field == "counts"]
        assert s.scalar(select(Incident.counts).where(Incident.sync_uid == deaths.uid))["deaths"] == 5
    with post.engine.connect() as conn:
        assert audit.verify(conn, post.seal).ok


def _snapshot(store):
    with store.read() as s:
        return (s.scalar(select(func.count()).select_from(Incident)),
                s.scalar(select(func.count()).select_from(StockMovement)),
                s.scalar(select(func.count()).select_from(SyncChange)))


def _resign(path, target, change):
    """A package re-signed with the right key after *change* (as only someone with the key could)."""
    package = json.loads(path.read_text(encoding="utf-8"))
    change(package["manifest"])
    key = sync._private_key(package["manifest"]["post"])
    package["signature"] = key.sign(sync._canonical(package["manifest"])).hex()
    target.write_text(json.dumps(package), encoding="utf-8")
    return target


def test_tampered_foreign_and_newer_packages_are_refused_and_change_nothing(day, clock):
    post, vehicle, _shared, _l, _q, _r, tmp = day
    v1 = sync.export(vehicle, tmp / "v1.cdsync")
    before = _snapshot(post)
    raw = bytearray(v1.path.read_bytes())
    flipped = tmp / "flipped.cdsync"
    for at in (raw.index(b'"content"') + 40, raw.index(b'"records"') + 11):
        bad = bytearray(raw)
        bad[at] ^= 0x01
        flipped.write_bytes(bytes(bad))
        with pytest.raises(sync.SyncRefused):
            sync.import_package(post, flipped)
    newer = _resign(v1.path, tmp / "newer.cdsync", lambda m: m.update(schema="0099_future"))
    with pytest.raises(sync.SyncRefused, match="更新版本"):
        sync.import_package(post, newer)
    # a package from another post, even re-addressed
    other = open_store(tmp / "other.sqlite", clock)
    stranger = open_store(tmp / "other-vehicle.sqlite", clock)
    sync.init(other, stranger, "车1", actor=leader(other))
    stranger.actor = leader(stranger)
    other.close()
    foreign = sync.export(stranger, tmp / "foreign.cdsync")
    stranger.close()
    with pytest.raises(sync.SyncRefused, match="另一个指挥部"):
        sync.import_package(post, foreign.path)
    assert _snapshot(post) == before
    # the genuine package still applies afterwards
    assert sync.import_package(post, v1.path).applied > 0


def test_package_content_is_compressed_json_with_site_unique_ids(day):
    _post, vehicle, *_rest, tmp = day
    v1 = sync.export(vehicle, tmp / "v1.cdsync")
    package = json.loads(v1.path.read_text(encoding="utf-8"))
    records = json.loads(zlib.decompress(base64.b64decode(package["content"])))
    assert package["manifest"]["source"] == "车1" and package["manifest"]["target"] == ""
    assert all(len(r["uid"]) == 32 for r in records)
    assert sync.number("车1", 7) == "车1-0007" and sync.number("", 7) == "0007"


def test_numbers_made_on_a_vehicle_say_their_site(day):
    post, vehicle, shared, *_rest = day
    with vehicle.read() as s:
        issued = s.scalar(select(StockMovement.doc_number).where(StockMovement.reason == "车载发放"))
        order = s.scalar(select(Dispatch.order_number).where(Dispatch.incident_id == shared))
    with post.read() as s:
        at_post = s.scalar(select(StockMovement.doc_number).where(StockMovement.reason == "指挥部发放"))
    assert issued.startswith("车1-CK") and order.startswith("车1-") and not at_post.startswith("车1")


@pytest.fixture(params=["sqlite", "postgresql"])
def either(request):
    return request.param


def test_post_on_a_server_takes_out_a_vehicle_file_and_merges(either, request, tmp_path, clock):
    """The post on SQLite or on PostgreSQL; the vehicle a SQLite file; a call each way."""
    where = request.getfixturevalue("pg_url") if either == "postgresql" else tmp_path / "post.sqlite"
    post = open_store(where, clock)
    from commanddesk.services import accounts

    with post.transaction() as s:
        accounts.create_operator(s, "值班员甲", "duty_officer", "123456", check=False, n=2**4)
    sign_in(post, "值班员甲")
    with post.transaction() as s:
        first = incidents.record_call(s, incidents.CallInput(category="natural", type="natural.rainstorm",
                                                             place_text="板桥街道")).incident_id
    vehicle = open_store(tmp_path / "vehicle.sqlite", clock)
    sync.init(post, vehicle, "车1", actor=leader(post))
    sign_in(vehicle, "值班员甲")
    with vehicle.transaction() as s:
        incidents.record_call(s, incidents.CallInput(category="natural", type="natural.rainstorm",
                                                     place_text="车载接报", counts={"relocated": 12}),
                              incident_id=first)
    with post.transaction() as s:
        incidents.record_call(s, incidents.CallInput(category="natural", type="natural.flood", place_text="东港村"))
    assert sync.import_package(post, sync.export(vehicle, tmp_path / "v1.cdsync").path).conflicts == 0
    assert sync.import_package(vehicle, sync.export(post, tmp_path / "p1.cdsync").path).conflicts == 0
    for store in (post, vehicle):
        with store.read() as s:
            assert s.get(Incident, first).counts == {"relocated": 12}
            assert {c.place_text for c in s.scalars(select(CallRecord))} == {"板桥街道", "车载接报", "东港村"}
            assert len({c.sync_uid for c in s.scalars(select(CallRecord))}) == 3
        with store.engine.connect() as conn:
            assert audit.verify(conn, store.seal).ok
    vehicle.close()
    post.close()


def test_deleted_on_one_side_and_edited_on_the_other_is_a_conflict_both_ways(day):
    post, vehicle, shared, *_rest, tmp = day
    with post.read() as s:
        uid = s.scalar(select(CallRecord.sync_uid).where(CallRecord.place_text == "电话核实"))
    sync.import_package(vehicle, sync.export(post, tmp / "p1.cdsync").path)
    with vehicle.transaction() as s:
        call = s.scalar(select(CallRecord).where(CallRecord.sync_uid == uid))
        call.caller_name = "车上补记的来电人"
    with post.transaction() as s:
        s.delete(s.scalar(select(CallRecord).where(CallRecord.sync_uid == uid)))
    v1, p2 = sync.export(vehicle, tmp / "v1.cdsync"), sync.export(post, tmp / "p2.cdsync")  # crossing packages
    sync.import_package(post, v1.path)
    sync.import_package(vehicle, p2.path)
    with post.read() as s:
        assert ("edit_deleted", uid) in {(c.kind, c.uid) for c in sync.conflicts(s)}
    with vehicle.read() as s:
        assert ("delete", uid) in {(c.kind, c.uid) for c in sync.conflicts(s)}
        assert s.scalar(select(CallRecord.caller_name).where(CallRecord.sync_uid == uid)) == "车上补记的来电人"
        cid = next(c.id for c in sync.conflicts(s) if c.kind == "delete")
    with pytest.raises(sync.SyncRefused, match="理由"):
        sync.resolve(vehicle, cid, "there", " ")
    sync.resolve(vehicle, cid, "there", "指挥部已作废该重复来电")
    with vehicle.read() as s:
        assert s.scalar(select(CallRecord).where(CallRecord.sync_uid == uid)) is None
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "sync_resolve"))
        assert "指挥部已作废该重复来电" in entry.after


def test_a_store_from_before_sync_gets_identities_and_syncs(tmp_path, clock):
    """A 0013 store with an incident and a stock movement: 0014 gives them uids, then it takes a vehicle out."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from commanddesk import migrations
    from tests.models.test_migrations import _insert

    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations.DIRECTORY))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0013_zero_reports_opinion")
        _insert(conn, "incident", id=1, title="积水", category="natural", type="natural.rainstorm",
                status="received", version=1)
        _insert(conn, "warehouse", id=1, code="W1", name="区储备库", level="county", lat=34.5, lon=119.2, version=1)
        _insert(conn, "material_item", id=1, code="M1", name="救生衣", category="protection", unit="件",
                perishable=0, version=1)
        _insert(conn, "stock_line", id=1, warehouse_id=1, item_id=1, batch="", quantity=50, version=1)
        _insert(conn, "stock_movement", id=1, doc_number="RK-1", kind="receive", at="2026-11-23 10:00:00.000000",
                warehouse_id=1, item_id=1, stock_line_id=1, quantity=50, balance_after=50, reason="入库")
    engine.dispose()
    post = open_store(path, clock)
    from commanddesk.services import accounts

    with post.transaction() as s:
        accounts.create_operator(s, "值班员甲", "duty_officer", "123456", check=False, n=2**4)
    with post.read() as s:
        uids = [s.get(Incident, 1).sync_uid, s.get(StockMovement, 1).sync_uid]
        assert all(u and len(u) == 32 for u in uids) and uids[0] != uids[1]
        assert ledger.check(s) == []
    vehicle = open_store(tmp_path / "vehicle.sqlite", clock)
    sync.init(post, vehicle, "车1", actor=leader(post))
    sign_in(vehicle, "值班员甲")
    with vehicle.transaction() as s:
        ledger.issue(s, 1, 20, "车载发放", incident_id=1)
    sign_in(post, "值班员甲")
    assert sync.import_package(post, sync.export(vehicle, tmp_path / "v1.cdsync").path).applied == 1
    with post.read() as s:
        assert s.get(StockLine, 1).quantity == 30 and ledger.check(s) == []
    for store in (post, vehicle):
        with store.engine.connect() as conn:
            assert audit.verify(conn, store.seal).ok
        store.close()


def test_rows_written_outside_the_orm_get_an_identity_when_taken_out(tmp_path, clock):
    """history.fill writes incidents with Core (no uid): take-out gives them one on both sides."""
    from datetime import datetime, timezone

    from commanddesk.services import accounts

    post = open_store(tmp_path / "post.sqlite", clock)
    with post.transaction() as s:
        accounts.create_operator(s, "值班员甲", "duty_officer", "123456", check=False, n=2**4)
    with post.engine.begin() as conn:
        conn.execute(Incident.__table__.insert(), [dict(
            title="批量写入的事件", category="natural", type="natural.rainstorm", status="received",
            grade_predicted=False, grading_facts={}, received_at=datetime(2026, 11, 23, 6, tzinfo=timezone.utc),
            occurred_precision="exact", place_text="", summary="", counts={}, predicted={}, flags=[], warning="",
            measures={}, is_drill=False, version=1)])
    vehicle = open_store(tmp_path / "vehicle.sqlite", clock)
    sync.init(post, vehicle, "车1", actor=leader(post))
    sign_in(vehicle, "值班员甲")
    with vehicle.transaction() as s:
        s.scalar(select(Incident)).summary = "车上补充的概况"
    sign_in(post, "值班员甲")
    assert sync.import_package(post, sync.export(vehicle, tmp_path / "v1.cdsync").path).applied == 1
    with post.read() as s:
        assert s.scalar(select(Incident)).summary == "车上补充的概况"
    with post.engine.connect() as conn:
        assert audit.verify(conn, post.seal).ok
    vehicle.close()
    post.close()


def test_different_counts_changed_on_each_side_both_stay(day):
    """After the deaths conflict is decided on both sides, missing changed on the vehicle and injuries at
    the post merge key by key without a conflict."""
    post, vehicle, *_rest, tmp = day
    v1, p1 = sync.export(vehicle, tmp / "v1.cdsync"), sync.export(post, tmp / "p1.cdsync")
    sync.import_package(post, v1.path)
    sync.import_package(vehicle, p1.path)
    for store, keep in ((post, "here"), (vehicle, "there")):
        with store.read() as s:
            c = next(c for c in sync.conflicts(s) if c.field == "counts")
        uid = c.uid
        sync.resolve(store, c.id, keep, "以电话核实的 4 人为准")
    with vehicle.transaction() as s:
        inc = s.scalar(select(Incident).where(Incident.sync_uid == uid))
        inc.counts = {**inc.counts, "missing": 2}
    with post.transaction() as s:
        inc = s.scalar(select(Incident).where(Incident.sync_uid == uid))
        inc.counts = {**inc.counts, "injuries": 7}
    v2, p2 = sync.export(vehicle, tmp / "v2.cdsync"), sync.export(post, tmp / "p2.cdsync")
    sync.import_package(post, v2.path)
    sync.import_package(vehicle, p2.path)
    for store in (post, vehicle):
        with store.read() as s:
            counts = s.scalar(select(Incident.counts).where(Incident.sync_uid == uid))
            assert (counts["missing"], counts["injuries"], counts["deaths"]) == (2, 7, 4)
            assert not [c for c in sync.conflicts(s) if c.field == "counts"]


def test_a_field_in_open_conflict_is_held_back_until_decided(day):
    """One side imports first and answers: the disputed figure is not sent over the other side's."""
    post, vehicle, *_rest, tmp = day
    sync.import_package(vehicle, sync.export(post, tmp / "p1.cdsync").path)  # conflict at the vehicle
    sync.import_package(post, sync.export(vehicle, tmp / "v1.cdsync").path)
    with vehicle.read() as s:
        vc = next(c for c in sync.conflicts(s) if c.field == "counts")
    with post.read() as s:
        assert s.scalar(select(Incident.counts).where(Incident.sync_uid == vc.uid))["deaths"] == 4
    sync.resolve(vehicle, vc.id, "here", "现场清点为 5 人")
    sync.import_package(post, sync.export(vehicle, tmp / "v2.cdsync").path)
    with post.read() as s:
        assert s.scalar(select(Incident.counts).where(Incident.sync_uid == vc.uid))["deaths"] == 5


def _pg_insert(conn, table, **values):
    """Insert a row at an old schema on PostgreSQL, every other NOT NULL column a blank of its type."""
    from sqlalchemy import text

    for name, kind in conn.execute(text(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = :t "
            "AND is_nullable = 'NO' AND column_default IS NULL"), {"t": table}):
        if name not in values:
            values[name] = (0 if "int" in kind else False if kind == "boolean" else "2026-11-23 06:00"
                            if "timestamp" in kind else "{}" if "json" in kind else "")
    names = ", ".join(values)
    conn.execute(text(f"INSERT INTO {table} ({names}) VALUES ({', '.join(':' + n for n in values)})"), values)


def test_migration_fills_identities_on_postgresql(pg_url):
    """0014 on a server: existing incidents and (append-only) stock movements get uids, triggers restored."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text

    from commanddesk import migrations
    from commanddesk.store import server_url

    engine = create_engine(server_url(pg_url))
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations.DIRECTORY))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0013_zero_reports_opinion")
        _pg_insert(conn, "incident", id=1, title="积水", category="natural", type="natural.rainstorm",
                   status="received", version=1)
        _pg_insert(conn, "warehouse", id=1, code="W1", name="库", level="county", version=1)
        _pg_insert(conn, "material_item", id=1, code="M1", name="救生衣", category="protection", unit="件", version=1)
        _pg_insert(conn, "stock_movement", id=1, doc_number="RK-1", kind="receive", warehouse_id=1, item_id=1,
                   stock_line_id=1, quantity=5, balance_after=5, reason="入库")
        command.upgrade(cfg, "head")
        uids = [conn.execute(text(f"SELECT sync_uid FROM {t} WHERE id = 1")).scalar()
                for t in ("incident", "stock_movement")]
    assert all(u and len(u) == 32 for u in uids) and uids[0] != uids[1]
    with pytest.raises(Exception, match="append-only"):
        with engine.begin() as conn:
            conn.execute(text("UPDATE stock_movement SET reason = 'x'"))
    engine.dispose()


def test_team_status_and_stock_issues_arrive_both_ways(day):
    """The vehicle's dispatch moves the team at the post too, the post's dispatch reaches the vehicle, and
    after every import and resolution each side's stock is the sum of its movements, never below zero."""
    post, vehicle, shared, line_id, q, _r, tmp = day
    with vehicle.read() as s:
        moved = {t.id: t.status for t in s.scalars(select(RescueTeam)) if t.status != "available"}
    assert moved, "the vehicle dispatched a team"
    with post.read() as s:
        other = s.scalar(select(RescueTeam.id).where(RescueTeam.status == "available", RescueTeam.id.notin_(moved))
                         .order_by(RescueTeam.id.desc()))
    with post.transaction() as s:
        dispatch.dispatch(s, shared, [other], "指挥部增派")
    sync.import_package(post, sync.export(vehicle, tmp / "v1.cdsync").path)
    sync.import_package(vehicle, sync.export(post, tmp / "p1.cdsync").path)
    for store in (post, vehicle):
        with store.read() as s:
            for team_id, status in moved.items():
                assert s.get(RescueTeam, team_id).status == status
            assert s.get(RescueTeam, other).status != "available"
            assert s.scalar(select(func.count()).select_from(Dispatch).where(Dispatch.incident_id == shared)) == 2
            assert ledger.check(s) == [] and s.scalar(select(func.min(StockLine.quantity))) >= 0
    # the over-issue at the post: a person books what is left of the vehicle's issue, with a reason
    with post.read() as s:
        row = next(r for r in sync.conflict_rows(s) if r["kind"] == "stock")
    assert row["available"] == q - 5 and row["asked"] == q - 3 and row["subject"]
    sync.resolve(post, row["id"], "there", "车上实发以库存为限", quantity=q - 5)
    with post.read() as s:
        assert s.get(StockLine, line_id).quantity == 0 and ledger.check(s) == []
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "sync_resolve").order_by(AuditEntry.id.desc()))
        assert "车上实发以库存为限" in entry.after and str(q - 5) in entry.after
    with pytest.raises(sync.SyncRefused, match="已处理"):
        sync.resolve(post, row["id"], "here", "再来一次")


def test_one_team_moved_on_both_sides_is_a_conflict_decided_once(day):
    post, vehicle, shared, _line, _q, _r, tmp = day
    with post.read() as s:
        team_id = s.scalar(select(RescueTeam.id).where(RescueTeam.status == "available").order_by(RescueTeam.id.desc()))
    with vehicle.transaction() as s:
        dispatch.change_status(s, team_id, "unavailable", reason="车载检修")
    with post.transaction() as s:
        dispatch.dispatch(s, shared, [team_id], "指挥部调派")
    sync.import_package(post, sync.export(vehicle, tmp / "v1.cdsync").path)
    with post.read() as s:
        team = next(r for r in sync.conflict_rows(s) if r["kind"] == "team")
        assert s.get(RescueTeam, team_id).status == "alerted"  # nothing changed before a person decides
    assert team["here"]["text"] != team["there"]["text"] and team["there"]["who"] == OFFICER
    sync.resolve_many(post, [sync.Choice(team["id"], "there", "队伍确在检修")])
    with post.read() as s:
        assert s.get(RescueTeam, team_id).status == "unavailable"
    sync.import_package(vehicle, sync.export(post, tmp / "p1.cdsync").path)
    with vehicle.read() as s:  # the decision travelled: both sides hold the same status
        assert s.get(RescueTeam, team_id).status == "unavailable"


def test_only_people_on_duty_exchange_and_only_leaders_take_a_vehicle_out(day, tmp_path, clock):
    from commanddesk.errors import PermissionDenied
    from commanddesk.models import Operator
    from commanddesk.services import auth

    post, vehicle, _shared, _line, _q, _r, tmp = day
    v1 = sync.export(vehicle, tmp / "v1.cdsync")
    with post.read() as s:
        trainer, officer = (s.scalar(select(Operator).where(Operator.role == role)) for role in ("trainer", "duty_officer"))
    trainer = auth.Actor(trainer.id, trainer.name, auth.Role.TRAINER)
    officer = auth.Actor(officer.id, officer.name, auth.Role.DUTY_OFFICER)
    before = _snapshot(post)
    with pytest.raises(PermissionDenied, match="需要 值班员"):
        sync.import_package(post, v1.path, actor=trainer)
    with pytest.raises(PermissionDenied):
        sync.export(post, tmp / "t.cdsync", actor=trainer)
    assert _snapshot(post) == before and not (tmp / "t.cdsync").exists()
    sync.import_package(post, v1.path, actor=officer)
    with post.read() as s:
        cid = sync.conflicts(s)[0].id
    with pytest.raises(PermissionDenied):
        sync.resolve(post, cid, "here", "导调员试图处理", actor=trainer)
    with post.read() as s:
        assert s.get(SyncConflict, cid).status == "open"
    spare = open_store(tmp_path / "spare.sqlite", clock)
    with pytest.raises(PermissionDenied, match="带班领导"):
        sync.init(post, spare, "车2", actor=officer)
    with spare.read() as s:
        assert s.scalar(select(func.count()).select_from(Incident)) == 0
    spare.close()


def test_a_vehicles_incidents_say_their_site_on_both_sides(day):
    from commanddesk.services import sites

    post, vehicle, _shared, _line, _q, _r, tmp = day
    with vehicle.transaction() as s:  # an issue for the vehicle's own first incident
        first = s.scalar(select(Incident).where(Incident.site_number == 1, Incident.sync_site == "车1"))
        spare = s.scalar(select(StockLine).where(StockLine.quantity >= 1, StockLine.id != _line).order_by(StockLine.id))
        ledger.issue(s, spare.id, 1, "车载发放", incident_id=first.id)
        uid = first.sync_uid
    sync.import_package(post, sync.export(vehicle, tmp / "v1.cdsync").path)
    sync.import_package(vehicle, sync.export(post, tmp / "p1.cdsync").path)
    with post.read() as s:  # the ledger names the incident by the number people know it by
        there = s.scalar(select(Incident.id).where(Incident.sync_uid == uid))
        assert [m.incident_number for m in ledger.movements(s, incident_id=there)] == ["车1-0001"]
    numbers = {}
    for name, store in (("post", post), ("vehicle", vehicle)):
        with store.read() as s:
            numbers[name] = {i.sync_uid: sites.incident_number(i.sync_site, i.site_number, i.id)
                             for i in s.scalars(select(Incident))}
    made = sorted(n for n in numbers["post"].values() if n.startswith("车1-"))
    assert made == ["车1-0001", "车1-0002", "车1-0003"]
    shared_uids = numbers["post"].keys() & numbers["vehicle"].keys()
    assert all(numbers["post"][u] == numbers["vehicle"][u] for u in shared_uids)  # one number for one incident
    assert sites.parse_incident_number("车1-0007") == ("车1", 7) and sites.parse_incident_number("#12") == ("", 12)


def test_an_over_issue_says_who_moved_the_line_here_last(day):
    post, vehicle, _shared, _line, _q, _r, tmp = day
    sync.import_package(post, sync.export(vehicle, tmp / "v1.cdsync").path)
    with post.read() as s:
        row = next(r for r in sync.conflict_rows(s) if r["kind"] == "stock")
    assert row["here"]["who"] == OFFICER and row["here"]["at"]  # the post's own issue of that line
