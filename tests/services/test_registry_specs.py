"""The registers' own rules: stock keeps its books, perishables need an expiry, shelters hold their people, dispatched teams stay."""

import pytest
from sqlalchemy import select

from commanddesk.errors import UserError, ValidationError
from commanddesk.models import Operator, StockLine, TeamType
from commanddesk.services import accounts, ledger, registry, registry_specs
from tests.conftest import sign_in
from tests.services.test_registry import TEAM, _create


def test_delete_warehouse_with_stock_refused(store, officer):
    """A depot that still holds stock cannot be deleted."""
    wid = _create(store, {"code": "W1", "name": "开发区应急物资储备库", "level": "county"}, registry_specs.WAREHOUSES)
    iid = _create(store, {"code": "M1", "name": "救生衣", "category": "flood", "unit": "件"}, registry_specs.ITEMS)
    _create(store, {"warehouse_id": wid, "item_id": iid, "quantity": "500"}, registry_specs.STOCK)
    with pytest.raises(UserError, match="仍有库存"):
        with store.transaction() as s:
            registry.delete(s, registry_specs.WAREHOUSES, wid)
    with pytest.raises(UserError, match="不能删除"):
        with store.transaction() as s:
            registry.delete(s, registry_specs.ITEMS, iid)


def test_perishable_stock_needs_expiry(store, officer):
    """Food and water lines must carry an expiry date."""
    wid = _create(store, {"code": "W1", "name": "库", "level": "town"}, registry_specs.WAREHOUSES)
    iid = _create(store, {"code": "M2", "name": "饮用水", "category": "living", "unit": "箱",
                          "perishable": True}, registry_specs.ITEMS)
    with pytest.raises(ValidationError, match="到期日期"):
        _create(store, {"warehouse_id": wid, "item_id": iid, "quantity": "10"}, registry_specs.STOCK)
    with pytest.raises(ValidationError, match="格式如"):
        _create(store, {"warehouse_id": wid, "item_id": iid, "quantity": "10", "expires_on": "明年"},
                registry_specs.STOCK)
    _create(store, {"warehouse_id": wid, "item_id": iid, "quantity": "10", "expires_on": "2027-05-01"},
            registry_specs.STOCK)


def test_shelter_capacity_not_below_occupancy(store, officer):
    """Occupancy is kept by placements; capacity cannot be cut below the people already there."""
    sid = _create(store, {"code": "S1", "name": "体育馆", "level": "fixed", "kind": "building",
                          "capacity": "800", "occupancy": "900"}, registry_specs.SHELTERS)
    from commanddesk.models import Shelter

    with store.transaction() as s:
        assert s.get(Shelter, sid).occupancy == 0  # not editable through the registry
        s.get(Shelter, sid).occupancy = 500
    with pytest.raises(ValidationError, match="不能小于当前已安置人数"):
        with store.transaction() as s:
            registry.update(s, registry_specs.SHELTERS, sid, {"capacity": "400"})


def test_team_with_dispatch_history_cannot_be_deleted(demo_store):
    """A team that has been dispatched keeps its record; the refusal says what to do instead."""
    from commanddesk.services import dispatch, dispatch_recommend, incidents

    with demo_store.transaction() as s:
        iid = incidents.record_call(s, incidents.CallInput(category="accident", type="accident.fire",
                                                           place_text="墟沟街道某仓库")).incident_id
        team = dispatch_recommend.recommend(s, iid).candidates[0]
        dispatch.dispatch(s, iid, [team.team_id], "灭火救援")
    with pytest.raises(UserError, match="有调派记录"):
        with demo_store.transaction() as s:
            registry.delete(s, registry_specs.TEAMS, team.team_id)


# --- the other cross-field rules: places, strength, one stock line per batch, units, the last administrator -------


@pytest.fixture
def fire_type(store, officer):
    with store.transaction() as s:
        s.add(TeamType(code="fire", name="消防应急救援队"))
    return store


@pytest.mark.parametrize("where, field, words", [
    ({"lat": "34.65", "lon": ""}, "lon", "同时填写"),
    ({"lat": "", "lon": "119.30"}, "lat", "同时填写"),
    ({"lat": "1.5", "lon": "119.30"}, "lat", "不在中国境内"),
    ({"lat": "34.65", "lon": "150"}, "lon", "不在中国境内"),
])
def test_a_position_is_both_coordinates_and_inside_china(fire_type, where, field, words):
    """Half a position, or one outside China (a swapped or mistyped figure), is refused on the field at fault."""
    with pytest.raises(ValidationError) as err:
        _create(fire_type, TEAM | where)
    assert err.value.field == field and words in err.value.message


def test_a_team_cannot_have_more_on_duty_than_it_has(fire_type):
    """在岗 above 总人数 is refused; changing only 总人数 below the people on duty is refused too."""
    with pytest.raises(ValidationError, match="不能多于总人数") as err:
        _create(fire_type, TEAM | {"headcount": "10", "on_duty": "12"})
    assert err.value.field == "on_duty"
    tid = _create(fire_type, TEAM)
    with pytest.raises(ValidationError, match="在岗人数（12）不能多于总人数（5）"):
        with fire_type.transaction() as s:
            registry.update(s, registry_specs.TEAMS, tid, {"headcount": "5"})


def _depot_and_item(store):
    wid = _create(store, {"code": "W1", "name": "开发区应急物资储备库", "level": "county"}, registry_specs.WAREHOUSES)
    iid = _create(store, {"code": "M1", "name": "救生衣", "category": "flood", "unit": "件"}, registry_specs.ITEMS)
    return wid, iid


def test_one_stock_line_per_depot_item_and_batch(store, officer):
    """A second line for the same depot, item and batch is refused (edit that line); another batch is fine."""
    wid, iid = _depot_and_item(store)
    _create(store, {"warehouse_id": wid, "item_id": iid, "quantity": "100", "batch": "2025A"}, registry_specs.STOCK)
    with pytest.raises(ValidationError, match="请直接修改那一行") as err:
        _create(store, {"warehouse_id": wid, "item_id": iid, "quantity": "5", "batch": "2025A"}, registry_specs.STOCK)
    assert err.value.field == "batch"
    _create(store, {"warehouse_id": wid, "item_id": iid, "quantity": "5", "batch": "2026A"}, registry_specs.STOCK)


def test_a_stock_line_keeps_its_depot_and_item(store, officer):
    """Moving a line to another depot by editing it is refused (that is a transfer); its quantity goes to the books."""
    wid, iid = _depot_and_item(store)
    other = _create(store, {"code": "W2", "name": "海州区储备库", "level": "county"}, registry_specs.WAREHOUSES)
    line = _create(store, {"warehouse_id": wid, "item_id": iid, "quantity": "100"}, registry_specs.STOCK)
    with pytest.raises(ValidationError, match="换仓库请用调拨") as err:
        with store.transaction() as s:
            registry.update(s, registry_specs.STOCK, line, {"warehouse_id": other})
    assert err.value.field == "warehouse_id"
    with store.transaction() as s:
        registry.update(s, registry_specs.STOCK, line, {"quantity": "90"})
    with store.read() as s:
        assert s.get(StockLine, line).quantity == 90
        assert [m.quantity for m in ledger.movements(s, line_id=line)][:1] == [-10]  # posted as a stocktake


def test_a_unit_with_people_is_not_deleted(store, officer):
    """单位 with contacts under it: refused with how many, until they are moved or deleted."""
    org = _create(store, {"code": "O1", "name": "开发区管委会", "kind": "government"}, registry_specs.ORGANISATIONS)
    person = _create(store, {"name": "王强", "organisation_id": org}, registry_specs.CONTACTS)
    with pytest.raises(UserError, match="下还有 1 位联系人"):
        with store.transaction() as s:
            registry.delete(s, registry_specs.ORGANISATIONS, org)
    with store.transaction() as s:
        registry.delete(s, registry_specs.CONTACTS, person)
        registry.delete(s, registry_specs.ORGANISATIONS, org)


def _admin_id(store) -> int:
    with store.read() as s:
        return s.scalar(select(Operator.id).where(Operator.name == "管理员丁"))


def test_the_last_administrator_can_be_neither_demoted_nor_disabled_nor_deleted(store):
    """Someone must always be able to manage accounts: the only enabled administrator stays one."""
    sign_in(store, "管理员丁")
    admin = _admin_id(store)
    for change in ({"role": "duty_officer"}, {"active": False}):
        with pytest.raises(ValidationError, match="至少须保留一个启用的系统管理员账户"):
            with store.transaction() as s:
                registry.update(s, registry_specs.OPERATORS, admin, change)
    with pytest.raises(UserError, match="已有值班记录"):  # signed in just now: a shift on record
        with store.transaction() as s:
            registry.delete(s, registry_specs.OPERATORS, admin)
    _create(store, {"name": "管理员戊", "role": "admin", "pin": "246813"}, registry_specs.OPERATORS)
    with store.transaction() as s:  # with a second one, the first may step down
        registry.update(s, registry_specs.OPERATORS, admin, {"role": "duty_officer"})


def test_an_account_that_has_worked_a_shift_is_kept(store):
    """An operator with shifts on record is not deleted (their changes name them); it may be disabled instead."""
    sign_in(store, "值班员甲")
    sign_in(store, "管理员丁")
    with store.read() as s:
        officer_id = s.scalar(select(Operator.id).where(Operator.name == "值班员甲"))
    with pytest.raises(UserError, match="已有值班记录，不能删除；可将其停用"):
        with store.transaction() as s:
            registry.delete(s, registry_specs.OPERATORS, officer_id)


def test_a_pin_typed_in_the_register_is_stored_hashed_and_signs_in(store):
    """A new PIN is kept only as its hash and works at the next sign-in; left empty on edit, the old one stays."""
    sign_in(store, "管理员丁")
    new = _create(store, {"name": "值班员己", "role": "duty_officer", "pin": "246813"}, registry_specs.OPERATORS)
    with store.read() as s:
        stored = s.get(Operator, new).pin_hash
    assert stored and "246813" not in stored
    with store.transaction() as s:
        registry.update(s, registry_specs.OPERATORS, new, {"post": "夜班", "pin": ""})
    with store.transaction() as s:
        assert accounts.sign_in(s, "值班员己", "246813").name == "值班员己"
