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


_HIDDEN = {"id", "version", "pin_hash"}


def _labels() -> dict[str, tuple[str, dict[str, str], dict[str, str]]]:
    """table → (record noun, {column: label}, {column: code list}) from the registry specs."""
    from ..models import Base
    from .registry import REGISTRIES

    out = {m.local_table.name: (m.class_.__label__ or m.local_table.name, {}, {})
           for m in Base.registry.mappers}
    for spec in REGISTRIES.values():
        out[spec.model.__tablename__] = (spec.model.__label__, {f.key: f.label for f in spec.fields},
                                         {f.key: f.catalogue for f in spec.fields if f.catalogue})
    out["shift"] = ("值班班次", {"role": "角色", "started_at": "上岗", "ended_at": "下岗", "workstation": "工作站"},
                    {"role": "operator_role"})
    return out


ACTION_LABELS = {"insert": "新增", "update": "修改", "delete": "删除", "sign_in": "签到上岗",
                 "sign_in_failed": "签到失败", "set_pin": "修改 PIN"}


def describe(entry: AuditEntry) -> tuple[str, str, str]:
    """(action, record kind, readable change) of an audit entry, in Chinese."""
    import json

    from ..catalogues import label

    noun, labels, codes = _labels().get(entry.entity, (entry.entity, {}, {}))
    before = json.loads(entry.before) if entry.before else {}
    after = json.loads(entry.after) if entry.after else {}

    def show(k: str, v) -> str:
        if v in (None, ""):
            return "（空）"
        return label(codes[k], v) if k in codes else str(v)

    keys = [k for k in (after or before) if k not in _HIDDEN]
    if entry.action == "update":
        text = "；".join(f"{labels.get(k, k)}：{show(k, before.get(k))} → {show(k, after.get(k))}" for k in keys)
    else:
        data = after or before
        text = "；".join(f"{labels.get(k, k)}：{show(k, data[k])}" for k in keys if labels.get(k) or not labels)
    return ACTION_LABELS.get(entry.action, entry.action), f"{noun} #{entry.entity_id}", text
