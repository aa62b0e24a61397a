"""Reference data made or edited on a vehicle travels too (depots, items, stock lines, contacts; accounts do not),
and a package can be encrypted with a passphrase."""

import base64
import json
import zlib

import pytest
from sqlalchemy import func, select

from commanddesk.models import Contact, MaterialItem, Operator, StockLine, StockMovement, Warehouse
from commanddesk.services import ledger, registry, registry_specs, sealing, sync
from commanddesk.store import open_store
from tests.services.test_sync import LEADER, leader


@pytest.fixture
def apart(demo_store, tmp_path, clock):
    """The post (the demo) and a vehicle just taken out of it; both acting as the demo's shift leader."""
    post = demo_store
    boss = leader(post, LEADER)
    vehicle = open_store(tmp_path / "vehicle.sqlite", clock)
    sync.init(post, vehicle, "车1", actor=boss)
    post.actor = vehicle.actor = boss
    yield post, vehicle, tmp_path
    vehicle.close()


def _records(path):
    package = json.loads(path.read_text(encoding="utf-8"))
    return json.loads(zlib.decompress(base64.b64decode(package["content"])))


def test_depot_item_and_stock_made_on_the_vehicle_arrive_at_the_post(apart):
    post, vehicle, tmp = apart
    with vehicle.transaction() as s:
        house = registry.create(s, registry_specs.WAREHOUSES, {"code": "CZ-C1", "name": "车载前置仓", "level": "town"})
        item = registry.create(s, registry_specs.ITEMS, {"code": "WP-C1", "name": "车载折叠担架", "category": "rescue",
                                                         "unit": "副"})
        ledger.receive(s, house, item, 40, "车载前置仓接收", source="县应急局")
        s.add(Operator(name="车载临时员", role="duty_officer", pin_hash="secret-hash", post=""))
    out = sync.export(vehicle, tmp / "v1.cdsync")
    entities = {r["entity"] for r in _records(out.path)}
    assert {"warehouse", "material_item", "stock_line", "stock_movement"} <= entities
    assert "operator" not in entities and "secret-hash" not in out.path.read_text(encoding="utf-8")
    first = sync.import_package(post, out.path)
    assert first.conflicts == 0
    with post.read() as s:
        w = s.scalar(select(Warehouse).where(Warehouse.name == "车载前置仓"))
        i = s.scalar(select(MaterialItem).where(MaterialItem.name == "车载折叠担架"))
        assert w is not None and i is not None and w.sync_site == "车1"
        line = s.scalar(select(StockLine).where(StockLine.warehouse_id == w.id, StockLine.item_id == i.id))
        assert line.quantity == 40
        moves = s.scalars(select(StockMovement).where(StockMovement.stock_line_id == line.id)).all()
        assert [(m.kind, m.quantity) for m in moves] == [("receipt", 40)]
        assert ledger.check(s) == []
        assert s.scalar(select(Operator.id).where(Operator.name == "车载临时员")) is None
        before = {t: s.scalar(select(func.count()).select_from(t)) for t in (Warehouse, StockLine, StockMovement)}
    again = sync.import_package(post, out.path)
    assert again.already and again.applied == 0
    with post.read() as s:
        assert {t: s.scalar(select(func.count()).select_from(t)) for t in before} == before
    # the post issues from the vehicle's depot; the issue goes back to the same line on the vehicle
    with post.transaction() as s:
        ledger.issue(s, line.id, 15, "指挥部调用车载担架")
    back = sync.import_package(vehicle, sync.export(post, tmp / "p1.cdsync").path)
    assert back.conflicts == 0
    with vehicle.read() as s:
        assert s.scalar(select(StockLine.quantity).where(StockLine.sync_uid == line.sync_uid)) == 25
        assert ledger.check(s) == []


def test_a_contact_edited_on_both_sides_is_a_field_conflict(apart):
    post, vehicle, tmp = apart
    with post.read() as s:
        contact = s.scalar(select(Contact).order_by(Contact.id).limit(1))
        cid, uid, old = contact.id, contact.sync_uid, contact.mobile
    for store, mobile in ((vehicle, "13800000001"), (post, "13900000002")):
        with store.transaction() as s:
            registry.update(s, registry_specs.CONTACTS, cid, {"mobile": mobile})
    v1 = sync.export(vehicle, tmp / "v1.cdsync")
    p1 = sync.export(post, tmp / "p1.cdsync")
    assert sync.import_package(post, v1.path).conflicts == 1
    assert sync.import_package(vehicle, p1.path).conflicts == 1
    with post.read() as s:
        rows = sync.conflict_rows(s)
        (c,) = [r for r in rows if r["entity"] == "contact"]
        assert (c["kind"], c["field"], c["field_label"]) == ("field", "mobile", "手机")
        assert c["here"]["value"] == "13900000002" and c["there"]["value"] == "13800000001"
        assert c["subject"].startswith("联系人：")
        assert s.get(Contact, cid).mobile == "13900000002"  # nothing overwritten before a person decides
    sync.resolve(post, c["id"], "there", "车上核实的新号码")
    with post.read() as s:
        assert s.scalar(select(Contact.mobile).where(Contact.sync_uid == uid)) == "13800000001" != old


def test_a_contact_deleted_at_the_post_and_edited_on_the_vehicle_is_kept_for_a_person(apart):
    post, vehicle, tmp = apart
    with post.transaction() as s:
        cid = registry.create(s, registry_specs.CONTACTS, {"name": "临时联络员", "mobile": "13700000000"})
    sync.import_package(vehicle, sync.export(post, tmp / "p1.cdsync").path)
    with vehicle.read() as s:
        vid = s.scalar(select(Contact.id).where(Contact.name == "临时联络员"))
    with vehicle.transaction() as s:
        registry.update(s, registry_specs.CONTACTS, vid, {"post": "现场联络"})
    with post.transaction() as s:
        registry.delete(s, registry_specs.CONTACTS, cid)
    result = sync.import_package(vehicle, sync.export(post, tmp / "p2.cdsync").path)
    assert result.conflicts == 1
    with vehicle.read() as s:
        (c,) = sync.conflicts(s)
        assert (c.kind, c.entity) == ("delete", "contact")
        assert s.get(Contact, vid) is not None


def test_an_encrypted_package_needs_its_passphrase_and_is_checked_after_decrypting(apart):
    post, vehicle, tmp = apart
    with vehicle.transaction() as s:
        registry.create(s, registry_specs.CONTACTS, {"name": "车载联络员", "mobile": "13600000000"})
    out = sync.export(vehicle, tmp / "v1.cdsync", passphrase="车载交换口令2026")
    data = out.path.read_bytes()
    assert out.encrypted and sync.package_is_sealed(out.path) and "车载联络员".encode() not in data
    with post.read() as s:
        seq = s.get(sync.SyncPeer, "车1").received_seq
    for passphrase, says in ((None, "需要口令"), ("另一个口令abc", "口令不正确")):
        with pytest.raises(sync.SyncRefused, match=says):
            sync.import_package(post, out.path, passphrase=passphrase)
    altered = tmp / "altered.cdsync"
    altered.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    with pytest.raises(sync.SyncRefused, match="口令不正确"):
        sync.import_package(post, altered, passphrase="车载交换口令2026")
    with post.read() as s:
        assert s.get(sync.SyncPeer, "车1").received_seq == seq  # nothing applied
        assert s.scalar(select(Contact.id).where(Contact.name == "车载联络员")) is None
    # decrypting is not trusting: a package sealed with the right passphrase but not signed by the post is refused
    package = json.loads(sealing.unseal(data, "车载交换口令2026", sync.SEALED_MAGIC))
    package["manifest"]["records"] += 1
    forged = tmp / "forged.cdsync"
    forged.write_bytes(sealing.seal(json.dumps(package).encode(), "车载交换口令2026", sync.SEALED_MAGIC))
    with pytest.raises(sync.SyncRefused, match="签名无效"):
        sync.import_package(post, forged, passphrase="车载交换口令2026")
    result = sync.import_package(post, out.path, passphrase="车载交换口令2026")
    assert result.applied == 1 and result.conflicts == 0
    with post.read() as s:
        assert s.scalar(select(Contact.mobile).where(Contact.name == "车载联络员")) == "13600000000"


def test_a_weak_package_passphrase_is_refused_before_anything_is_written(apart):
    _post, vehicle, tmp = apart
    with pytest.raises(sync.SyncRefused, match="口令"):
        sync.export(vehicle, tmp / "v1.cdsync", passphrase="短")
    assert not (tmp / "v1.cdsync").exists()
    assert sync.export(vehicle, tmp / "v1.cdsync").seq == 1  # the sequence did not move


def test_a_code_taken_on_both_sides_and_an_item_still_in_stock_are_kept_for_a_person(apart):
    post, vehicle, tmp = apart
    with post.transaction() as s:
        registry.create(s, registry_specs.WAREHOUSES, {"code": "CZ-X", "name": "前置仓甲", "level": "town"})
        item = registry.create(s, registry_specs.ITEMS, {"code": "WP-X", "name": "车载测试照明灯", "category": "rescue",
                                                         "unit": "台"})
    sync.import_package(vehicle, sync.export(post, tmp / "p1.cdsync").path)
    with vehicle.transaction() as s:
        registry.create(s, registry_specs.WAREHOUSES, {"code": "CZ-Y", "name": "前置仓乙", "level": "town"})
        registry.create(s, registry_specs.CONTACTS, {"name": "车载联络员", "mobile": "13600000000"})
        house = s.scalar(select(Warehouse.id).where(Warehouse.name == "前置仓甲"))
        local_item = s.scalar(select(MaterialItem.id).where(MaterialItem.name == "车载测试照明灯"))
        ledger.receive(s, house, local_item, 6, "车载接收")
    with post.transaction() as s:  # meanwhile the post registers CZ-Y too, and deletes the item (unused there)
        registry.create(s, registry_specs.WAREHOUSES, {"code": "CZ-Y", "name": "前置仓丙", "level": "town"})
        registry.delete(s, registry_specs.ITEMS, item)
    at_vehicle = sync.import_package(vehicle, sync.export(post, tmp / "p2.cdsync").path)
    assert at_vehicle.conflicts == 2
    with vehicle.read() as s:
        rows = sync.conflict_rows(s)
        assert sorted((c["kind"], c["entity"]) for c in rows) == [("clash", "warehouse"), ("in_use", "material_item")]
        in_use = next(c for c in rows if c["kind"] == "in_use")
        assert s.get(MaterialItem, local_item) is not None and ledger.check(s) == []
    with pytest.raises(sync.SyncRefused, match="仍在使用"):
        sync.resolve(vehicle, in_use["id"], "there", "指挥部已删除")
    at_post = sync.import_package(post, sync.export(vehicle, tmp / "v1.cdsync").path)
    with post.read() as s:
        rows = sync.conflict_rows(s)
        kinds = sorted((c["kind"], c["entity"]) for c in rows)
        assert kinds == [("clash", "warehouse"), ("orphan", "stock_line"), ("orphan", "stock_movement")], kinds
        clash = next(c for c in rows if c["kind"] == "clash")
        assert "前置仓乙" in clash["subject"]
        assert s.scalar(select(Contact.id).where(Contact.name == "车载联络员")) is not None  # the rest applied
        assert s.scalar(select(Warehouse.name).where(Warehouse.code == "CZ-Y")) == "前置仓丙"
        assert ledger.check(s) == []
    assert at_post.conflicts == 3
    with pytest.raises(sync.SyncRefused, match="同编号或同名"):
        sync.resolve(post, clash["id"], "there", "采用车上的")
    assert sync.resolve(post, clash["id"], "here", "编号已由指挥部使用，车上改编号后重新登记").status == "here"


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_registries_from_a_vehicle_merge_into_a_post_on_a_server(backend, request, tmp_path, clock):
    """The post on SQLite or on PostgreSQL: the vehicle's depot, item and receipt arrive, a code both sides
    registered is kept for a person (a savepoint on either database), the rest of the package applies."""
    where = request.getfixturevalue("pg_url") if backend == "postgresql" else tmp_path / "post.sqlite"
    post = open_store(where, clock)
    boss = leader(post)
    vehicle = open_store(tmp_path / "vehicle.sqlite", clock)
    sync.init(post, vehicle, "车1", actor=boss)
    post.actor = vehicle.actor = boss
    with vehicle.transaction() as s:
        house = registry.create(s, registry_specs.WAREHOUSES, {"code": "CZ-C1", "name": "车载前置仓", "level": "town"})
        item = registry.create(s, registry_specs.ITEMS, {"code": "WP-C1", "name": "车载折叠担架", "category": "rescue",
                                                         "unit": "副"})
        ledger.receive(s, house, item, 40, "车载前置仓接收")
        registry.create(s, registry_specs.WAREHOUSES, {"code": "CZ-Y", "name": "前置仓乙", "level": "town"})
    with post.transaction() as s:
        registry.create(s, registry_specs.WAREHOUSES, {"code": "CZ-Y", "name": "前置仓丙", "level": "town"})
    result = sync.import_package(post, sync.export(vehicle, tmp_path / "v1.cdsync").path)
    assert result.conflicts == 1
    with post.read() as s:
        assert [c.kind for c in sync.conflicts(s)] == ["clash"]
        w = s.scalar(select(Warehouse).where(Warehouse.name == "车载前置仓"))
        assert s.scalar(select(StockLine.quantity).where(StockLine.warehouse_id == w.id)) == 40
        assert ledger.check(s) == []
    vehicle.close()
    post.close()


def test_a_damaged_encrypted_header_is_refused_in_one_line(apart):
    post, _vehicle, tmp = apart
    for n, body in enumerate((b"not json\n" + b"x" * 64, b'{"kdf":"scrypt","n":3,"r":8,"p":1,"salt":"00","nonce":"00"}\n',
                              b"")):
        bad = tmp / f"bad{n}.cdsync"
        bad.write_bytes(sync.SEALED_MAGIC + body)
        with pytest.raises(sync.SyncRefused, match="文件头已损坏"):
            sync.import_package(post, bad, passphrase="车载交换口令2026")
