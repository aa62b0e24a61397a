"""Rescue forces, material reserves, shelters and hazard sites."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Versioned
from .sync import Synced


class TeamType(Base):
    """A kind of rescue team (catalogue data, extensible)."""

    __tablename__ = "team_type"
    __label__ = "队伍类型"

    code: Mapped[str] = mapped_column(String(30), primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    english: Mapped[str] = mapped_column(String(80), default="")
    default_speed_kmh: Mapped[int] = mapped_column(Integer, default=40)
    assembles_on_order: Mapped[bool] = mapped_column(Boolean, default=False)


class RescueTeam(Synced, Versioned, Base):
    """A rescue team with its capability, strength, base and contact."""

    __tablename__ = "rescue_team"
    __label__ = "救援队伍"
    __table_args__ = (
        CheckConstraint("headcount >= 0", name="headcount_nonneg"),
        CheckConstraint("on_duty >= 0 AND on_duty <= headcount", name="on_duty_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    team_type: Mapped[str] = mapped_column(ForeignKey("team_type.code"), index=True)
    tier: Mapped[str] = mapped_column(String(20), default="professional")
    lead_unit: Mapped[str] = mapped_column(String(100), default="")
    host: Mapped[str] = mapped_column(String(100), default="")
    headcount: Mapped[int] = mapped_column(Integer, default=0)
    on_duty: Mapped[int] = mapped_column(Integer, default=0)
    standing: Mapped[bool] = mapped_column(Boolean, default=True)
    capabilities: Mapped[str] = mapped_column(Text, default="")  # "；"-separated tags
    equipment: Mapped[str] = mapped_column(Text, default="")
    base_address: Mapped[str] = mapped_column(String(200), default="")
    jurisdiction_code: Mapped[str | None] = mapped_column(ForeignKey("jurisdiction.code"))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    leader: Mapped[str] = mapped_column(String(40), default="")
    duty_phone: Mapped[str] = mapped_column(String(40), default="")
    radio_channel: Mapped[str] = mapped_column(String(40), default="")
    status: Mapped[str] = mapped_column(String(20), default="available", index=True)


class Warehouse(Synced, Versioned, Base):
    """A reserve depot on the city, county/district or town level."""

    __tablename__ = "warehouse"
    __label__ = "物资仓库"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    level: Mapped[str] = mapped_column(String(10))  # city/county/town
    mode: Mapped[str] = mapped_column(String(20), default="physical")
    jurisdiction_code: Mapped[str | None] = mapped_column(ForeignKey("jurisdiction.code"))
    address: Mapped[str] = mapped_column(String(200), default="")
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    manager: Mapped[str] = mapped_column(String(40), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    area_m2: Mapped[int | None] = mapped_column(Integer)

    stock: Mapped[list["StockLine"]] = relationship(back_populates="warehouse")


class MaterialItem(Synced, Versioned, Base):
    """A catalogue entry: what a material is and how it is counted."""

    __tablename__ = "material_item"
    __label__ = "物资品目"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    category: Mapped[str] = mapped_column(String(20), index=True)
    unit: Mapped[str] = mapped_column(String(10))
    spec: Mapped[str] = mapped_column(String(100), default="")
    perishable: Mapped[bool] = mapped_column(Boolean, default=False)
    shelf_life_days: Mapped[int | None] = mapped_column(Integer)
    for_vulnerable: Mapped[bool] = mapped_column(Boolean, default=False)


class StockLine(Synced, Versioned, Base):
    """Quantity of one item (and batch) held in one warehouse."""

    __tablename__ = "stock_line"
    __label__ = "库存"
    __table_args__ = (
        UniqueConstraint("warehouse_id", "item_id", "batch", name="uq_stock_line_key"),
        CheckConstraint("quantity >= 0", name="quantity_nonneg"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(
        ForeignKey("warehouse.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int] = mapped_column(ForeignKey("material_item.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer, default=0)
    batch: Mapped[str] = mapped_column(String(40), default="")
    expires_on: Mapped[date | None] = mapped_column(Date)

    warehouse: Mapped[Warehouse] = relationship(back_populates="stock")
    item: Mapped[MaterialItem] = relationship()


class Shelter(Synced, Versioned, Base):
    """An emergency shelter (避难场所) and how full it is."""

    __tablename__ = "shelter"
    __label__ = "避难场所"
    __table_args__ = (
        CheckConstraint("capacity >= 0", name="capacity_nonneg"),
        CheckConstraint("occupancy >= 0", name="occupancy_nonneg"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(12))  # central/fixed/immediate
    kind: Mapped[str] = mapped_column(String(10))  # site/building
    indoor: Mapped[bool] = mapped_column(Boolean, default=False)
    address: Mapped[str] = mapped_column(String(200), default="")
    jurisdiction_code: Mapped[str | None] = mapped_column(ForeignKey("jurisdiction.code"))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    capacity: Mapped[int] = mapped_column(Integer, default=0)
    occupancy: Mapped[int] = mapped_column(Integer, default=0)
    area_m2: Mapped[int | None] = mapped_column(Integer)
    facilities: Mapped[str] = mapped_column(Text, default="")
    manager: Mapped[str] = mapped_column(String(40), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    status: Mapped[str] = mapped_column(String(12), default="standby")


class HazardSite(Synced, Versioned, Base):
    """A key hazard site (重点风险隐患点) on the risk map."""

    __tablename__ = "hazard_site"
    __label__ = "风险隐患点"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(30), index=True)
    risk_level: Mapped[str] = mapped_column(String(10))  # major/high/medium/low
    jurisdiction_code: Mapped[str | None] = mapped_column(ForeignKey("jurisdiction.code"))
    address: Mapped[str] = mapped_column(String(200), default="")
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    owner_unit: Mapped[str] = mapped_column(String(100), default="")
    contact_name: Mapped[str] = mapped_column(String(40), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
