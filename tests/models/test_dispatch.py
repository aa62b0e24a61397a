"""The ledger's rules are the database's own: the ledger rows cannot be edited or deleted, a transfer moves
something, a depot's quota is one per item and never negative, no movement leaves a negative balance."""

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from commanddesk.models import MaterialItem, RescueTeam, Shelter, TeamType, Warehouse
from commanddesk.models.dispatch import (
    ShelterAssignment,
    StockLevel,
    StockMovement,
    StockTransfer,
    TeamStatusChange,
)


@pytest.fixture
def rows(store, clock):
    """One row of each ledger table, a transfer and a quota, in an otherwise empty store."""
    now = clock.now()
    with store.transaction() as s:
        s.add(TeamType(code="t_test", name="测试队伍类型"))
        s.flush()
        team = RescueTeam(code="T1", name="测试救援队", team_type="t_test", headcount=20, on_duty=12)
        shelter = Shelter(code="S1", name="测试小学", level="fixed", kind="building", capacity=100, occupancy=10)
        depot, other = Warehouse(code="W1", name="测试储备库", level="county"), Warehouse(code="W2", name="乙库",
                                                                                      level="county")
        item = MaterialItem(code="M1", name="帐篷", category="shelter", unit="顶")
        s.add_all([team, shelter, depot, other, item])
        s.flush()
        made = {
            "stock_movement": StockMovement(doc_number="RK-1", kind="in", at=now, warehouse_id=depot.id,
                                            item_id=item.id, stock_line_id=1, quantity=5, balance_after=5,
                                            reason="入库"),
            "team_status_change": TeamStatusChange(team_id=team.id, at=now, from_status="standby",
                                                   to_status="dispatched"),
            "shelter_assignment": ShelterAssignment(shelter_id=shelter.id, at=now, people=10, occupancy_after=10),
            "stock_transfer": StockTransfer(doc_number="DB-1", item_id=item.id, quantity=2, status="in_transit",
                                            from_warehouse_id=depot.id, to_warehouse_id=other.id, sent_at=now),
            "stock_level": StockLevel(warehouse_id=depot.id, item_id=item.id, minimum=3),
        }
        s.add_all(made.values())
        s.flush()
        return {table: row.id for table, row in made.items()}


def _row(store, table: str, row_id: int):
    with store.read() as s:
        return s.execute(text(f"SELECT * FROM {table} WHERE id = :i"), {"i": row_id}).one()


@pytest.mark.parametrize("table", ["stock_movement", "team_status_change", "shelter_assignment"])
def test_a_ledger_row_cannot_be_changed_or_deleted(store, rows, table):
    """Corrections are new rows: an UPDATE or a DELETE of a ledger row is refused and the row stays as it was."""
    before = _row(store, table, rows[table])
    for sql in (f"UPDATE {table} SET actor_name = 'x' WHERE id = :i", f"DELETE FROM {table} WHERE id = :i"):
        with pytest.raises(DBAPIError, match="append-only"):
            with store.transaction() as s:
                s.execute(text(sql), {"i": rows[table]})
    assert _row(store, table, rows[table]) == before


def test_the_ledger_takes_new_rows(store, rows, clock):
    """The triggers refuse changes, not additions: a correcting movement goes in next to the first."""
    with store.transaction() as s:
        first = s.get(StockMovement, rows["stock_movement"])
        s.add(StockMovement(doc_number="CK-1", kind="out", at=clock.now(), warehouse_id=first.warehouse_id,
                            item_id=first.item_id, stock_line_id=1, quantity=-5, balance_after=0, reason="出库"))
    with store.read() as s:
        assert [m.balance_after for m in s.scalars(select(StockMovement).order_by(StockMovement.id))] == [5, 0]


def test_no_movement_leaves_a_negative_balance(store, rows, clock):
    """Issuing more than the depot holds is refused by the database, not only by the ledger service."""
    with store.read() as s:
        first = s.get(StockMovement, rows["stock_movement"])
        depot, item = first.warehouse_id, first.item_id
    with pytest.raises(DBAPIError):
        with store.transaction() as s:
            s.add(StockMovement(doc_number="CK-2", kind="out", at=clock.now(), warehouse_id=depot, item_id=item,
                                stock_line_id=1, quantity=-6, balance_after=-1, reason="出库"))
    with store.read() as s:
        assert s.scalar(select(StockMovement.doc_number).where(StockMovement.doc_number == "CK-2")) is None


@pytest.mark.parametrize(("table", "column", "value"), [("stock_transfer", "quantity", 0),
                                                       ("stock_transfer", "quantity", -2),
                                                       ("stock_level", "minimum", -1)])
def test_a_transfer_of_nothing_or_a_negative_quota_is_refused(store, rows, table, column, value):
    """A transfer moves at least one unit; a reserve quota is never below zero."""
    before = _row(store, table, rows[table])
    with pytest.raises(DBAPIError):
        with store.transaction() as s:
            s.execute(text(f"UPDATE {table} SET {column} = :v WHERE id = :i"), {"v": value, "i": rows[table]})
    assert _row(store, table, rows[table]) == before


def test_one_quota_per_item_and_depot(store, rows):
    """A second quota for the same item in the same depot is refused; the first stays."""
    with store.read() as s:
        level = s.get(StockLevel, rows["stock_level"])
        key = (level.warehouse_id, level.item_id)
    with pytest.raises(DBAPIError):
        with store.transaction() as s:
            s.add(StockLevel(warehouse_id=key[0], item_id=key[1], minimum=9))
    with store.read() as s:
        assert [lv.minimum for lv in s.scalars(select(StockLevel))] == [3]
