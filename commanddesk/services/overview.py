"""Figures for the duty overview screen (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ..clock import to_beijing
from ..models import AuditEntry, HazardSite, MaterialItem, RescueTeam, Shelter, StockLine, Warehouse


@dataclass(frozen=True)
class Overview:
    """What the duty officer sees first."""

    teams_total: int
    teams_available: int
    people_on_duty: int
    warehouses: int
    stock_lines: int
    shelters: int
    shelter_capacity: int
    shelter_free: int
    hazards_total: int
    hazards_major: int
    expiring: list[tuple[str, str, str, int, date]]  # warehouse, item, batch, qty, expiry


def overview(session: Session, now: datetime, expiry_days: int = 60) -> Overview:
    """Count the resources at hand and list stock that expires soon."""
    today = to_beijing(now).date()
    teams_total, teams_avail, on_duty = session.execute(select(
        func.count(RescueTeam.id),
        func.coalesce(func.sum(case((RescueTeam.status == "available", 1), else_=0)), 0),
        func.coalesce(func.sum(RescueTeam.on_duty), 0),
    )).one()
    cap, occ, n_sh = session.execute(select(
        func.coalesce(func.sum(Shelter.capacity), 0), func.coalesce(func.sum(Shelter.occupancy), 0),
        func.count(Shelter.id))).one()
    expiring = session.execute(
        select(Warehouse.name, MaterialItem.name, StockLine.batch, StockLine.quantity, StockLine.expires_on)
        .join(StockLine.warehouse).join(StockLine.item)
        .where(StockLine.expires_on.is_not(None), StockLine.quantity > 0,
               StockLine.expires_on <= today + timedelta(days=expiry_days))
        .order_by(StockLine.expires_on)
    ).all()
    return Overview(
        teams_total=teams_total, teams_available=teams_avail, people_on_duty=on_duty,
        warehouses=session.scalar(select(func.count(Warehouse.id))) or 0,
        stock_lines=session.scalar(select(func.count(StockLine.id))) or 0,
        shelters=n_sh, shelter_capacity=cap, shelter_free=cap - occ,
        hazards_total=session.scalar(select(func.count(HazardSite.id))) or 0,
        hazards_major=session.scalar(select(func.count(HazardSite.id)).where(HazardSite.risk_level == "major")) or 0,
        expiring=[tuple(r) for r in expiring],
    )


def recent_audit(session: Session, limit: int = 200, since: datetime | None = None) -> list[AuditEntry]:
    """The newest audit entries, newest first."""
    stmt = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if since is not None:
        stmt = stmt.where(AuditEntry.at >= since)
    return list(session.scalars(stmt))
