"""The resource registers' invariants are the database's own: no code path can write a negative count."""

import pytest
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from commanddesk.models import MaterialItem, RescueTeam, Shelter, StockLine, TeamType, Warehouse


@pytest.fixture
def ids(store):
    with store.transaction() as s:
        s.add(TeamType(code="t_test", name="测试队伍类型"))
        s.flush()
        team = RescueTeam(code="T1", name="测试救援队", team_type="t_test", headcount=20, on_duty=12)
        shelter = Shelter(code="S1", name="测试小学", level="fixed", kind="building", capacity=100, occupancy=10)
        depot = Warehouse(code="W1", name="测试储备库", level="county")
        item = MaterialItem(code="M1", name="帐篷", category="shelter", unit="顶")
        s.add_all([team, shelter, depot, item])
        s.flush()
        line = StockLine(warehouse_id=depot.id, item_id=item.id, quantity=5, batch="2026A")
        s.add(line)
        s.flush()
        return {"team": team.id, "shelter": shelter.id, "depot": depot.id, "item": item.id, "line": line.id}


@pytest.mark.parametrize("model, key, values", [
    (Shelter, "shelter", {"occupancy": -1}),
    (Shelter, "shelter", {"capacity": -5}),
    (RescueTeam, "team", {"headcount": -1, "on_duty": 0}),
    (RescueTeam, "team", {"on_duty": 21}),
    (RescueTeam, "team", {"on_duty": -1}),
    (StockLine, "line", {"quantity": -1}),
])
def test_negative_or_impossible_counts_are_refused_by_the_database(store, ids, model, key, values):
    with pytest.raises(IntegrityError):
        with store.transaction() as s:
            s.execute(update(model).where(model.id == ids[key]).values(**values))
    with store.read() as s:
        row = s.get(model, ids[key])
        assert all(getattr(row, k) != v for k, v in values.items())  # nothing saved


def test_on_duty_may_equal_headcount(store, ids):
    with store.transaction() as s:
        s.execute(update(RescueTeam).where(RescueTeam.id == ids["team"]).values(on_duty=20))
    with store.read() as s:
        assert s.get(RescueTeam, ids["team"]).on_duty == 20


@pytest.mark.parametrize("make", [
    lambda ids: Shelter(code="S1", name="另一所小学", level="fixed", kind="building", capacity=10),
    lambda ids: Warehouse(code="W2", name="测试储备库", level="town"),
    lambda ids: MaterialItem(code="M1", name="折叠床", category="shelter", unit="张"),
    lambda ids: StockLine(warehouse_id=ids["depot"], item_id=ids["item"], quantity=1, batch="2026A"),
])
def test_codes_names_and_stock_keys_are_unique(store, ids, make):
    with pytest.raises(IntegrityError):
        with store.transaction() as s:
            s.add(make(ids))


def test_another_batch_of_the_same_item_is_its_own_line(store, ids):
    with store.transaction() as s:
        s.add(StockLine(warehouse_id=ids["depot"], item_id=ids["item"], quantity=1, batch="2026B"))
    with store.read() as s:
        assert len(s.get(Warehouse, ids["depot"]).stock) == 2
