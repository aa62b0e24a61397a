"""The warehouse ledger: movements, no negative stock (also from two seats), plans, alerts, shelters."""

import threading
from datetime import date

import pytest
from sqlalchemy import func, select, text

from commanddesk.errors import ConflictError, UserError, ValidationError
from commanddesk.models import (
    Jurisdiction, MaterialItem, MaterialRequest, Shelter, StockLine, StockMovement, TimelineEvent, Warehouse,
)
from commanddesk.services import incidents, ledger, registry, registry_specs, shelters
from commanddesk.store import open_store
from tests.conftest import sign_in


@pytest.fixture
def depot(store, officer):
    """A county (district) and a town depot, life jackets and bottled water."""
    with store.transaction() as s:
        s.add_all([Jurisdiction(code="320706", name="海州区", level="county", lat=34.59, lon=119.165),
                   Jurisdiction(code="320706004", name="洪门街道", level="town", parent_code="320706",
                                lat=34.585, lon=119.215)])
        s.flush()
        w1 = Warehouse(code="W1", name="海州区救灾物资储备库", level="county", jurisdiction_code="320706004",
                       lat=34.583, lon=119.21)
        w2 = Warehouse(code="W2", name="洪门街道储备点", level="town", jurisdiction_code="320706004",
                       lat=34.586, lon=119.216)
        jackets = MaterialItem(code="M1", name="救生衣", category="protection", unit="件")
        water = MaterialItem(code="M2", name="饮用水", category="living", unit="箱", perishable=True)
        s.add_all([w1, w2, jackets, water])
        s.flush()
        line = ledger.receive(s, w1.id, jackets.id, 500, "年度采购入库", source="某防护用品公司")
        ids = {"w1": w1.id, "w2": w2.id, "jackets": jackets.id, "water": water.id, "line": line.stock_line_id}
    return store, ids


def _qty(store, line_id):
    with store.read() as s:
        return s.get(StockLine, line_id).quantity


def _books_agree(store):
    with store.read() as s:
        problems = ledger.check(s)
        # the audit entries about the ledger, shown when the books disagree (a rare failure seen once in CI)
        log = [] if not problems else s.execute(text(
            "SELECT id, action, entity, entity_id, length(digest) FROM audit_log "
            "WHERE entity IN ('stock_movement', 'stock_line') ORDER BY id")).all()
        assert problems == [], log


def test_every_movement_is_attributed_reasoned_and_numbered(depot, clock):
    """Receipt, issue, return, write-off and stocktake each leave a ledger row; stock is their sum."""
    store, ids = depot
    with store.transaction() as s:
        inc = incidents.record_call(s, incidents.CallInput(category="natural", type="natural.flood",
                                                           place_text="海州区")).incident_id
        ledger.issue(s, ids["line"], 200, "防汛转移群众", incident_id=inc, recipient="海州区防指")
        ledger.return_goods(s, ids["w1"], ids["jackets"], 50, "good", "用毕归还", incident_id=inc)
        ledger.return_goods(s, ids["w1"], ids["jackets"], 10, "damaged", "划破", incident_id=inc)
        ledger.return_goods(s, ids["w1"], ids["jackets"], 40, "consumed", "已发放群众", incident_id=inc)
        ledger.write_off(s, ids["line"], 5, "老化", approver="周建华")
        ledger.stocktake(s, ids["line"], 340, "季度盘点，少 5 件")
        assert ledger.outstanding(s, inc, ids["jackets"]) == 100
    with store.read() as s:
        moves = list(s.scalars(select(StockMovement).order_by(StockMovement.id)))
    assert [m.kind for m in moves] == ["receipt", "issue", "return", "return", "write_off", "return", "write_off",
                                       "stocktake"]
    assert all(m.actor_name == "值班员甲" and m.reason and m.doc_number for m in moves)
    assert moves[0].doc_number == "RK20261123-001" and moves[1].doc_number.startswith("CK20261123-")
    assert _qty(store, ids["line"]) == 340 == sum(m.quantity for m in moves)
    assert moves[-1].counted == 340 and moves[-1].quantity == -5
    _books_agree(store)


def test_stock_never_negative(depot):
    """An issue beyond the balance is refused with the figures; nothing is written."""
    store, ids = depot
    with pytest.raises(ValidationError) as err:
        with store.transaction() as s:
            ledger.issue(s, ids["line"], 501, "超量")
    assert "库存不足" in err.value.message and "现有 500 件" in err.value.message and "还差 1 件" in err.value.message
    for bad in (0, -3, "两百", 10**10):
        with pytest.raises(ValidationError):
            with store.transaction() as s:
                ledger.issue(s, ids["line"], bad, "坏数")
    with pytest.raises(ValidationError, match="事由"):
        with store.transaction() as s:
            ledger.issue(s, ids["line"], 1, " ")
    assert _qty(store, ids["line"]) == 500
    with pytest.raises(Exception):  # the database refuses it too
        with store.transaction() as s:
            s.execute(text("UPDATE stock_line SET quantity = -1"))


def test_two_seats_on_one_file_never_drive_stock_negative(depot, clock):
    """Two stores on the same file issue concurrently; the second is refused, the balance stays ≥ 0."""
    store, ids = depot
    seats = [open_store(store.location, clock) for _ in range(2)]
    for seat, name in zip(seats, ("值班员甲", "领导乙")):
        sign_in(seat, name)
    results: list[str] = []
    barrier = threading.Barrier(2)

    def take(seat):
        barrier.wait()
        try:
            with seat.transaction() as s:
                ledger.issue(s, ids["line"], 300, "抢险领用")
            results.append("ok")
        except ValidationError as exc:
            results.append(exc.message)

    threads = [threading.Thread(target=take, args=(seat,)) for seat in seats]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    for seat in seats:
        seat.close()
    assert len(results) == 2 and results.count("ok") == 1
    assert any("库存不足" in r and "现有 200 件" in r for r in results)
    assert _qty(store, ids["line"]) == 200
    _books_agree(store)


def test_stale_stocktake_tells_what_changed(depot, clock):
    """A stocktake begun before another seat's issue is refused and names that issue."""
    store, ids = depot
    seat_b = open_store(store.location, clock)
    sign_in(seat_b, "领导乙")
    try:
        with seat_b.read() as s:
            book = s.get(StockLine, ids["line"]).quantity
        with store.transaction() as s:
            ledger.issue(s, ids["line"], 120, "抢险领用")
        with pytest.raises(ConflictError) as err:
            with seat_b.transaction() as s:
                ledger.stocktake(s, ids["line"], 500, "盘点", expected_book=book)
        assert "开始盘点时 500 件" in err.value.message and "现为 380 件" in err.value.message
        assert "出库" in err.value.message and "值班员甲" in err.value.message
    finally:
        seat_b.close()


def test_transfer_is_paired_with_in_transit_between(depot):
    """A transfer leaves the sender at once and reaches the receiver only on receipt."""
    store, ids = depot
    with store.transaction() as s:
        t = ledger.transfer(s, ids["line"], ids["w2"], 100, "前置到街道")
        tid, doc = t.id, t.doc_number
    with store.read() as s:
        assert ledger.balance(s, ids["w1"], ids["jackets"]) == 400
        assert ledger.balance(s, ids["w2"], ids["jackets"]) == 0
        assert [r[0].id for r in ledger.transfers(s)] == [tid]
    with store.transaction() as s:
        ledger.receive_transfer(s, tid)
    with pytest.raises(ConflictError, match="已到库"):
        with store.transaction() as s:
            ledger.receive_transfer(s, tid)
    with store.read() as s:
        assert ledger.balance(s, ids["w2"], ids["jackets"]) == 100 and not ledger.transfers(s)
        kinds = [m.kind for m in s.scalars(select(StockMovement).where(StockMovement.doc_number == doc))]
    assert kinds == ["transfer_out", "transfer_in"]
    with store.transaction() as s:
        t2 = ledger.transfer(s, ids["line"], ids["w2"], 50, "再调")
        ledger.cancel_transfer(s, t2.id, "车辆改派")
    assert _qty(store, ids["line"]) == 400
    _books_agree(store)


def test_perishables_need_expiry_and_expired_cannot_be_issued(depot, clock):
    """Water needs an expiry date; an expired batch is refused for issue and raises an alert."""
    store, ids = depot
    with pytest.raises(ValidationError, match="到期日期"):
        with store.transaction() as s:
            ledger.receive(s, ids["w1"], ids["water"], 10, "入库")
    with store.transaction() as s:
        old = ledger.receive(s, ids["w1"], ids["water"], 10, "入库", batch="B1", expires_on=date(2026, 11, 1))
        ledger.receive(s, ids["w1"], ids["water"], 20, "入库", batch="B2", expires_on=date(2026, 12, 20))
    with pytest.raises(ValidationError, match="过期"):
        with store.transaction() as s:
            ledger.issue(s, old.stock_line_id, 1, "发放")
    with store.read() as s:
        found = ledger.alerts(s, date(2026, 11, 23))
    assert [a.kind for a in found] == ["expired", "expiring"]
    assert "已过期 22 天" in found[0].text and "还有 27 天到期" in found[1].text


def test_low_stock_alert_from_quota(depot):
    """Below its reserve quota an item raises a low-stock alert with the shortfall."""
    store, ids = depot
    with store.transaction() as s:
        ledger.set_minimum(s, ids["w1"], ids["jackets"], 450)
    with store.read() as s:
        assert ledger.alerts(s, date(2026, 11, 23)) == []
    with store.transaction() as s:
        ledger.issue(s, ids["line"], 100, "领用")
    with store.read() as s:
        [alert] = ledger.alerts(s, date(2026, 11, 23))
        rows = ledger.stock_rows(s, date(2026, 11, 23))
    assert alert.kind == "low" and "缺 50 件" in alert.text
    assert rows[0].state == "low" and rows[0].minimum == 450


@pytest.mark.sqlite_only  # edits or inspects the SQLite file itself
def test_stock_query_uses_an_index_not_the_ledger(depot):
    """The balance query reads stock_line by index and never scans the movements."""
    store, ids = depot
    with store.read() as s:
        plan = " ".join(str(r[-1]) for r in s.execute(text(
            "EXPLAIN QUERY PLAN SELECT coalesce(sum(quantity), 0) FROM stock_line "
            "WHERE warehouse_id = :w AND item_id = :i"), {"w": ids["w1"], "i": ids["jackets"]}))
    assert "USING INDEX" in plan and "stock_movement" not in plan


def test_ledger_rows_are_append_only(depot):
    """The database refuses to edit or delete a movement."""
    store, _ids = depot
    for sql in ("UPDATE stock_movement SET quantity = 1", "DELETE FROM stock_movement"):
        with pytest.raises(Exception, match="append-only"):
            with store.transaction() as s:
                s.execute(text(sql))


def test_registry_quantity_edit_becomes_a_stocktake(depot):
    """Typing a quantity on the stock registry screen posts a stocktake; deleting writes off the rest."""
    store, ids = depot
    with store.read() as s:
        row = registry.get_row(s, registry_specs.STOCK, ids["line"])
    with store.transaction() as s:
        registry.update(s, registry_specs.STOCK, ids["line"], {**row.values, "quantity": "480"}, expected=row)
    with store.read() as s:
        last = s.scalar(select(StockMovement).order_by(StockMovement.id.desc()).limit(1))
    assert (last.kind, last.quantity, last.counted) == ("stocktake", -20, 480) and "盘点" in last.reason
    with pytest.raises(ValidationError, match="不能修改"):
        with store.transaction() as s:
            registry.update(s, registry_specs.STOCK, ids["line"], {"warehouse_id": ids["w2"]})
    with store.transaction() as s:
        new_id = registry.create(s, registry_specs.STOCK, {"warehouse_id": ids["w2"], "item_id": ids["jackets"],
                                                     "quantity": "30"})
    with store.transaction() as s:
        registry.delete(s, registry_specs.STOCK, new_id)
    with pytest.raises(UserError, match="出入库记录"):
        with store.transaction() as s:
            registry.delete(s, registry_specs.WAREHOUSES, ids["w2"])
    _books_agree(store)


# --- fill plans ----------------------------------------------------------------------

@pytest.fixture
def levels(depot):
    """Town, county and city depots holding life jackets and generators."""
    store, ids = depot
    with store.transaction() as s:
        s.add(Jurisdiction(code="320700", name="连云港市", level="city", lat=34.6, lon=119.18))
        s.add(Jurisdiction(code="320707", name="赣榆区", level="county", lat=34.84, lon=119.13))
        s.flush()
        city = Warehouse(code="W3", name="市救灾物资储备库", level="city", jurisdiction_code="320700",
                         lat=34.578, lon=119.235)
        other = Warehouse(code="W4", name="赣榆区救灾物资储备库", level="county", jurisdiction_code="320707",
                          lat=34.83, lon=119.104)
        contract = Warehouse(code="W5", name="协议超市", level="county", mode="contract", jurisdiction_code="320706")
        gen = MaterialItem(code="M3", name="发电机", category="logistics", unit="台")
        s.add_all([city, other, contract, gen])
        s.flush()
        ledger.receive(s, ids["w2"], ids["jackets"], 300, "入库")
        ledger.receive(s, city.id, ids["jackets"], 5000, "入库")
        ledger.receive(s, other.id, ids["jackets"], 5000, "入库")
        ledger.receive(s, city.id, gen.id, 30, "入库")
        ledger.receive(s, other.id, gen.id, 40, "入库")
        ids.update(city=city.id, other=other.id, gen=gen.id)
    return store, ids


def test_fill_plan_escalates_town_county_city(levels):
    """2,000 life jackets and 50 generators to 海州区: town point, then county depot, then city, then others."""
    store, ids = levels
    with store.read() as s:
        wants, dest_text, problems = ledger.parse_request(s, "救生衣 2,000 件和发电机50台，送海州区")
        assert wants == [(ids["jackets"], 2000), (ids["gen"], 50)] and dest_text == "海州区" and not problems
        plan = ledger.plan_fill(s, ledger.destination(s, dest_text), wants)
    jackets = [(p.warehouse, p.quantity, p.tier) for p in plan.lines if p.item_id == ids["jackets"]]
    assert jackets == [("洪门街道储备点", 300, 1), ("海州区救灾物资储备库", 500, 2),
                       ("市救灾物资储备库", 1200, 3)]
    gens = [(p.warehouse, p.quantity, p.tier) for p in plan.lines if p.item_id == ids["gen"]]
    assert gens == [("市救灾物资储备库", 30, 3), ("赣榆区救灾物资储备库", 20, 4)]
    assert not plan.shortfalls and "本地乡镇" in plan.lines[0].reason and "千米" in plan.lines[0].reason


def test_confirmed_plan_is_one_transaction_and_refused_if_stock_moved(levels, clock):
    """Confirming writes every issue under one number; a plan overtaken by another seat writes nothing."""
    store, ids = levels
    with store.read() as s:
        plan = ledger.plan_fill(s, ledger.destination(s, "海州区"), [(ids["jackets"], 2000), (ids["gen"], 100)])
    assert plan.shortfalls == ((ids["gen"], "发电机", "台", 30),)
    seat_b = open_store(store.location, clock)
    sign_in(seat_b, "领导乙")
    try:
        with seat_b.transaction() as s:
            ledger.issue(s, ids["line"], 450, "另一处险情")
        with store.read() as s:
            before = s.scalar(select(func.count()).select_from(StockMovement))
        with pytest.raises(ConflictError) as err:
            with store.transaction() as s:
                ledger.confirm_fill(s, plan, "防汛")
        assert "现仅有 50" in err.value.message
        with store.read() as s:
            assert s.scalar(select(func.count()).select_from(StockMovement)) == before
            plan = ledger.plan_fill(s, ledger.destination(s, "海州区"), [(ids["jackets"], 2000), (ids["gen"], 50)])
        with store.transaction() as s:
            inc = incidents.record_call(s, incidents.CallInput(category="natural", type="natural.flood",
                                                               place_text="海州区")).incident_id
            req = ledger.confirm_fill(s, plan, "防汛转移安置", incident_id=inc, approver="周建华")
            rid, doc = req.id, req.doc_number
        with store.read() as s:
            moves = list(s.scalars(select(StockMovement).where(StockMovement.request_id == rid)))
            assert {m.doc_number for m in moves} == {doc} and -sum(m.quantity for m in moves) == 2050
            assert s.get(MaterialRequest, rid).status == "filled"
            assert any(doc in e.summary for e in s.scalars(select(TimelineEvent)))
    finally:
        seat_b.close()
    _books_agree(store)


def test_contract_reserve_is_not_stock(levels):
    """A contract reserve takes no receipts and is never in a plan."""
    store, ids = levels
    with store.read() as s:
        contract = s.scalar(select(Warehouse.id).where(Warehouse.code == "W5"))
    with pytest.raises(ValidationError, match="协议储备"):
        with store.transaction() as s:
            ledger.receive(s, contract, ids["jackets"], 10, "入库")


def test_unknown_destination_and_items(levels):
    """Unrecognised places and item names are reported, not guessed."""
    store, _ids = levels
    with store.read() as s:
        with pytest.raises(ValidationError, match="无法识别目的地"):
            ledger.destination(s, "火星")
        wants, _dest, problems = ledger.parse_request(s, "帐篷 20 顶、救生衣")
    assert not wants and len(problems) == 2


def test_demo_ledger_opens_balanced(demo_store):
    """The demo's stock appears as opening movements; books agree and quotas exist."""
    with demo_store.read() as s:
        assert ledger.check(s) == []
        assert s.scalar(select(func.count()).select_from(StockMovement).where(StockMovement.kind == "opening")) >= 900


# --- shelters ------------------------------------------------------------------------

@pytest.fixture
def gym(store, officer):
    with store.transaction() as s:
        sh = Shelter(code="S1", name="体育馆", level="fixed", kind="building", capacity=100, lat=34.59, lon=119.23)
        s.add(sh)
        s.flush()
        inc = incidents.record_call(s, incidents.CallInput(category="natural", type="natural.rainstorm",
                                                           place_text="洪门街道", lat=34.585, lon=119.215))
        return store, sh.id, inc.incident_id


def test_shelter_never_above_capacity_without_override(gym):
    """Placing more than the free places is refused; an explicit override with a reason is allowed and logged."""
    store, sid, inc = gym
    with store.transaction() as s:
        shelters.assign(s, sid, 80, inc, "低洼片区居民")
    with pytest.raises(ValidationError) as err:
        with store.transaction() as s:
            shelters.assign(s, sid, 30, inc)
    assert "只能再安置 20 人" in err.value.message and "超员 10 人" in err.value.message
    with store.transaction() as s:
        shelters.assign(s, sid, 30, inc, "养老院老人", override_reason="夜间暴雨，无法转运")
    with store.read() as s:
        sh = s.get(Shelter, sid)
        assert (sh.occupancy, sh.status) == (110, "full")
        assert any("超员 10 人" in e.summary for e in s.scalars(select(TimelineEvent)))
        opts = shelters.options(s, inc)
    assert opts[0].placed_here == 110 and opts[0].free == 0
    with store.transaction() as s:
        shelters.release(s, sid, 50, inc, "返回家中")
    with pytest.raises(ValidationError, match="只安置 60 人"):
        with store.transaction() as s:
            shelters.release(s, sid, 61, inc)
    with store.read() as s:
        assert s.get(Shelter, sid).status == "open"
        assert [p.people for p in shelters.placements(s, inc)] == [-50, 30, 80]


def test_shelter_second_seat_told_occupancy_changed(gym, clock):
    """A placement based on a stale view is refused and says the current occupancy and who changed it."""
    store, sid, inc = gym
    with store.read() as s:
        seen = s.get(Shelter, sid).version
    with store.transaction() as s:
        shelters.assign(s, sid, 40, inc)
    with pytest.raises(ConflictError, match="现安置 40 / 100 人"):
        with store.transaction() as s:
            shelters.assign(s, sid, 10, inc, expected_version=seen)


def test_choosers_list_depots_and_items_in_code_order_with_units(depot):
    store, ids = depot
    with store.read() as s:
        assert list(ledger.warehouse_names(s).values()) == ["海州区救灾物资储备库", "洪门街道储备点"]
        assert ledger.item_names(s) == {ids["jackets"]: "救生衣（件）", ids["water"]: "饮用水（箱）"}
