"""Dispatch of teams, the material ledger, transfers, requests and shelter placements.

The ledger tables (``stock_movement``, ``team_status_change``,
``shelter_assignment``) are append-only: database triggers refuse updates and
deletes, corrections are new rows. ``StockLine.quantity`` and
``Shelter.occupancy`` are balances kept in the same transaction as each row.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, TZDateTime, Versioned
from .sync import Synced


class Dispatch(Synced, Versioned, Base):
    """One team tasked to one incident, from the order until it is back or stood down."""

    __tablename__ = "dispatch"
    __label__ = "队伍调派"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incident.id"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("rescue_team.id"), index=True)
    order_number: Mapped[str] = mapped_column(String(60), index=True)
    task: Mapped[str] = mapped_column(Text, default="")
    # alerted/assembling/dispatched/en_route/on_scene/returning, or closed/stood_down/withdrawn/transferred
    status: Mapped[str] = mapped_column(String(20), index=True)
    ordered_at: Mapped[datetime] = mapped_column(TZDateTime)
    departed_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    arrived_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    left_scene_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    close_reason: Mapped[str] = mapped_column(Text, default="")
    eta_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    distance_km: Mapped[float | None] = mapped_column(Float)
    travel_minutes: Mapped[int | None] = mapped_column(Integer)
    assembly_minutes: Mapped[int] = mapped_column(Integer, default=0)
    basis: Mapped[str] = mapped_column(Text, default="")  # the recommendation's reasons at the time
    ruleset: Mapped[str] = mapped_column(String(60), default="")  # rule file id and version used
    transferred_from_id: Mapped[int | None] = mapped_column(Integer)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))
    actor_name: Mapped[str] = mapped_column(String(40), default="")


class TeamStatusChange(Synced, Base):
    """One transition of a team's state: when, from what to what, why, by whom."""

    __tablename__ = "team_status_change"
    __label__ = "队伍状态变更"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("rescue_team.id"), index=True)
    at: Mapped[datetime] = mapped_column(TZDateTime)
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incident.id"), index=True)
    dispatch_id: Mapped[int | None] = mapped_column(ForeignKey("dispatch.id"))
    reason: Mapped[str] = mapped_column(Text, default="")
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))
    actor_name: Mapped[str] = mapped_column(String(40), default="")


class TeamPosition(Base):
    """A team's last reported position away from its base (cleared when it is back)."""

    __tablename__ = "team_position"
    __label__ = "队伍位置"

    team_id: Mapped[int] = mapped_column(ForeignKey("rescue_team.id"), primary_key=True)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    at: Mapped[datetime] = mapped_column(TZDateTime)
    note: Mapped[str] = mapped_column(String(200), default="")


class StockTransfer(Versioned, Base):
    """A transfer between depots: sent (in transit), then received or cancelled."""

    __tablename__ = "stock_transfer"
    __label__ = "物资调拨"
    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_number: Mapped[str] = mapped_column(String(40), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("material_item.id"))
    batch: Mapped[str] = mapped_column(String(40), default="")
    expires_on: Mapped[date | None] = mapped_column(Date)
    quantity: Mapped[int] = mapped_column(Integer)
    from_warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.id"), index=True)
    to_warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), index=True)  # in_transit/received/cancelled
    sent_at: Mapped[datetime] = mapped_column(TZDateTime)
    received_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    reason: Mapped[str] = mapped_column(Text, default="")
    approver: Mapped[str] = mapped_column(String(40), default="")
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incident.id"))
    sent_by: Mapped[str] = mapped_column(String(40), default="")
    received_by: Mapped[str] = mapped_column(String(40), default="")


class MaterialRequest(Versioned, Base):
    """A request for materials to a destination, as filled by one confirmed plan."""

    __tablename__ = "material_request"
    __label__ = "物资调用"

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_number: Mapped[str] = mapped_column(String(40), index=True)
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incident.id"), index=True)
    destination: Mapped[str] = mapped_column(String(100), default="")
    jurisdiction_code: Mapped[str | None] = mapped_column(ForeignKey("jurisdiction.code"))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    requested_at: Mapped[datetime] = mapped_column(TZDateTime)
    status: Mapped[str] = mapped_column(String(12), default="filled")  # filled/partial
    reason: Mapped[str] = mapped_column(Text, default="")
    approver: Mapped[str] = mapped_column(String(40), default="")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))
    actor_name: Mapped[str] = mapped_column(String(40), default="")


class MaterialRequestLine(Base):
    """One item of a request: how much was asked for and how much was issued."""

    __tablename__ = "material_request_line"
    __label__ = "物资调用明细"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("material_request.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("material_item.id"))
    requested: Mapped[int] = mapped_column(Integer)
    issued: Mapped[int] = mapped_column(Integer, default=0)


class StockMovement(Synced, Base):
    """One line of the warehouse ledger; the stock of a line is the sum of its movements."""

    __tablename__ = "stock_movement"
    __label__ = "出入库记录"
    __table_args__ = (CheckConstraint("balance_after >= 0", name="balance_nonneg"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_number: Mapped[str] = mapped_column(String(40), index=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    at: Mapped[datetime] = mapped_column(TZDateTime, index=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("material_item.id"), index=True)
    # no foreign key: a stock line emptied to zero may be deleted, its history stays
    stock_line_id: Mapped[int] = mapped_column(Integer, index=True)
    batch: Mapped[str] = mapped_column(String(40), default="")
    expires_on: Mapped[date | None] = mapped_column(Date)
    quantity: Mapped[int] = mapped_column(Integer)  # signed: + into the depot, − out of it
    balance_after: Mapped[int] = mapped_column(Integer)
    counted: Mapped[int | None] = mapped_column(Integer)  # stocktake: the counted quantity
    settled: Mapped[int] = mapped_column(Integer, default=0)  # return: issued units accounted for
    condition: Mapped[str] = mapped_column(String(12), default="")  # return: good/damaged/consumed
    reason: Mapped[str] = mapped_column(Text)
    counterparty: Mapped[str] = mapped_column(String(100), default="")
    approver: Mapped[str] = mapped_column(String(40), default="")
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incident.id"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("rescue_team.id"))
    transfer_id: Mapped[int | None] = mapped_column(ForeignKey("stock_transfer.id"))
    request_id: Mapped[int | None] = mapped_column(ForeignKey("material_request.id"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))
    actor_name: Mapped[str] = mapped_column(String(40), default="")


class StockLevel(Versioned, Base):
    """The reserve quota of one item in one depot: below it, a low-stock alert."""

    __tablename__ = "stock_level"
    __label__ = "储备定额"
    __table_args__ = (
        UniqueConstraint("warehouse_id", "item_id", name="uq_stock_level_key"),
        CheckConstraint("minimum >= 0", name="minimum_nonneg"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("material_item.id"))
    minimum: Mapped[int] = mapped_column(Integer, default=0)


class ShelterAssignment(Base):
    """People placed in (positive) or leaving (negative) a shelter, from an incident."""

    __tablename__ = "shelter_assignment"
    __label__ = "避难场所安置"

    id: Mapped[int] = mapped_column(primary_key=True)
    shelter_id: Mapped[int] = mapped_column(ForeignKey("shelter.id"), index=True)
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incident.id"), index=True)
    at: Mapped[datetime] = mapped_column(TZDateTime)
    people: Mapped[int] = mapped_column(Integer)
    occupancy_after: Mapped[int] = mapped_column(Integer)
    group_text: Mapped[str] = mapped_column(String(200), default="")
    override_reason: Mapped[str] = mapped_column(Text, default="")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))
    actor_name: Mapped[str] = mapped_column(String(40), default="")
