"""The registers' own rules: stock keeps its books, perishables need an expiry, shelters hold their people, dispatched teams stay."""

import pytest

from commanddesk.errors import UserError, ValidationError
from commanddesk.services import registry, registry_specs
from tests.services.test_registry import _create


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
