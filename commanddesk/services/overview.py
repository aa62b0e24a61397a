"""Figures for the duty overview screen (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ..clock import to_beijing
from ..models import CLOSED_STATUSES, AuditEntry, HazardSite, MaterialItem, RescueTeam, Shelter, StockLine, Warehouse


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
    """The newest audit entries, newest first; with *since*, only those written since then.

    The log is appended as things happen, so what was written since a moment is its newest entries: the
    newest *limit* are read by the primary key and the older ones dropped. (Filtering on ``at`` in SQL
    read the whole log whenever the shift had written fewer than *limit*: 0.28 s on a ten-year store.)
    """
    rows = list(session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)))
    return rows if since is None else [e for e in rows if e.at >= since]


def describe(entry: AuditEntry) -> tuple[str, str, str]:
    """(action, record, what changed) of an audit entry, in Chinese; the wording is ``audit_sentences.describe``'s."""
    from . import audit_sentences

    d = audit_sentences.describe(entry)
    return d.action, d.subject, d.detail


# --- the duty board: open incidents and what each needs next ---



@dataclass(frozen=True)
class IncidentLine:
    """One open incident as the duty page lists it (time-independent; states come from ``clocks.strip``)."""

    id: int
    title: str
    type_label: str
    grade_label: str
    received_at: datetime
    clocks: tuple  # clocks.ClockView of its running deadlines, earliest due first
    drafts: tuple[str, ...]  # labels of its written reports not yet sent, e.g. ("初报",)
    open_tasks: int  # open tasks of its active plan responses
    next_task: str  # the open task due first ("" if none)
    next_task_due: datetime | None
    number: str = ""  # the number people see: #7, or 车1-0007 on a vehicle's own

    @property
    def first_due(self) -> datetime | None:
        """The earliest deadline of the incident's running clocks."""
        return self.clocks[0].due_at if self.clocks else None


def duty_board(session: Session, drills: bool | None = None) -> list[IncidentLine]:
    """The open incidents, the one with the earliest running deadline first.

    Four queries whatever the number of incidents: incidents, their running
    clocks, their unsent reports and their open plan tasks.
    """
    from ..models import ClockInstance, Incident, PlanActivation, PlanTask, Report
    from . import incidents as inc_svc
    from . import reports
    from .clocks import OPEN, ClockView

    if drills is None:
        drills = bool(session.info.get("drill"))
    incidents = list(session.scalars(
        select(Incident).where(Incident.status.not_in(CLOSED_STATUSES), Incident.is_drill.is_(drills))
        .order_by(Incident.received_at.desc(), Incident.id.desc())))
    if not incidents:
        return []
    ids = [i.id for i in incidents]
    titles = {i.id: i.title for i in incidents}
    views: dict[int, list[ClockView]] = {}
    for c in session.scalars(
            select(ClockInstance).where(ClockInstance.incident_id.in_(ids), ClockInstance.state == OPEN,
                                        ClockInstance.inapplicable_since.is_(None), ClockInstance.kind != "window")
            .order_by(ClockInstance.due_at, ClockInstance.id)):
        views.setdefault(c.incident_id, []).append(
            ClockView(c.id, c.incident_id, titles[c.incident_id], c.name, c.recipient, c.due_at, c.warn_at))
    drafts: dict[int, list[str]] = {}
    for r in session.scalars(select(Report).where(Report.incident_id.in_(ids), Report.status == "draft")
                             .order_by(Report.id)):
        drafts.setdefault(r.incident_id, []).append(reports.kind_label(r))
    tasks: dict[int, list[PlanTask]] = {}
    for t in session.scalars(
            select(PlanTask).join(PlanActivation, PlanActivation.id == PlanTask.activation_id)
            .where(PlanTask.incident_id.in_(ids), PlanTask.state == "open", PlanActivation.status == "active")):
        tasks.setdefault(t.incident_id, []).append(t)
    lines = []
    for inc in incidents:
        open_tasks = sorted(tasks.get(inc.id, []), key=lambda t: (t.due_at is None, t.due_at or inc.received_at, t.id))
        first = open_tasks[0] if open_tasks else None
        lines.append(IncidentLine(
            id=inc.id, title=inc.title, type_label=inc_svc.type_label(inc.type),
            grade_label=inc_svc.grade_label(inc.grade), received_at=inc.received_at,
            clocks=tuple(views.get(inc.id, ())), drafts=tuple(drafts.get(inc.id, ())),
            open_tasks=len(open_tasks), next_task=first.text if first else "",
            next_task_due=first.due_at if first else None, number=inc_svc.heading(inc)))
    # incidents with a running deadline first (earliest first), then the rest newest first
    order = {line.id: n for n, line in enumerate(lines)}
    lines.sort(key=lambda line: (line.first_due is None, line.first_due or line.received_at, order[line.id]))
    return lines


def next_step(line: IncidentLine, item) -> str:
    """What the officer should do next for an incident, given its most urgent clock at this moment.

    *item* is the ``clocks.StripItem`` of the first clock (or None).
    """
    if item is not None and item.state == "overdue":
        return f"立即完成：{item.view.name}（已超时）"
    if line.drafts:
        return f"完成并报送{line.drafts[0]}"
    if item is not None and item.state == "due_soon":
        return f"抓紧：{item.view.name}"
    if line.open_tasks:
        return f"跟进预案任务：{line.next_task}"
    if item is not None:
        return f"下一时限：{item.view.name}"
    return "续报新情况或按程序终止"


# --- what an incident has been issued from the depots ---


@dataclass(frozen=True)
class IssuedItem:
    """One item issued to an incident, with what has since been accounted for."""

    item: str
    unit: str
    issued: int
    settled: int  # returned, written off as damaged or recorded as consumed

    @property
    def outstanding(self) -> int:
        """Issued for the incident and neither returned nor consumed."""
        return self.issued - self.settled


@dataclass(frozen=True)
class IssuedMove:
    """One issue or return movement booked against an incident."""

    id: int
    at: datetime
    doc_number: str
    kind: str
    warehouse: str
    item: str
    unit: str
    quantity: int  # positive: units issued (for an issue) or accounted for (for a return)
    reason: str
    counterparty: str
    approver: str
    actor_name: str


@dataclass(frozen=True)
class IncidentMaterials:
    """Everything the depots booked against one incident."""

    moves: list[IssuedMove]  # in time order
    items: list[IssuedItem]  # by first issue

    @property
    def issued_any(self) -> bool:
        """Whether anything has been issued for the incident."""
        return any(i.issued for i in self.items)


def incident_materials(session: Session, incident_id: int) -> IncidentMaterials:
    """Issues and returns booked against an incident, and per item what is still out (one query)."""
    from ..models import StockMovement

    rows = session.execute(
        select(StockMovement, Warehouse.name, MaterialItem.name, MaterialItem.unit)
        .join(Warehouse, Warehouse.id == StockMovement.warehouse_id)
        .join(MaterialItem, MaterialItem.id == StockMovement.item_id)
        .where(StockMovement.incident_id == incident_id, StockMovement.kind.in_(("issue", "return")))
        .order_by(StockMovement.at, StockMovement.id)).all()
    moves: list[IssuedMove] = []
    totals: dict[int, list] = {}  # item id → [name, unit, issued, settled]
    for m, house, item, unit in rows:
        qty = -m.quantity if m.kind == "issue" else (m.settled or 0)
        moves.append(IssuedMove(m.id, m.at, m.doc_number, m.kind, house, item, unit, qty, m.reason,
                                m.counterparty, m.approver, m.actor_name))
        t = totals.setdefault(m.item_id, [item, unit, 0, 0])
        if m.kind == "issue":
            t[2] += -m.quantity
        t[3] += m.settled or 0
    items = [IssuedItem(name, unit, issued, settled) for name, unit, issued, settled in totals.values()]
    return IncidentMaterials(moves, items)


def shift_started_at(session: Session, actor) -> datetime | None:
    """When the signed-in operator's shift began (None when nobody is signed in)."""
    from ..models import Shift

    if actor is None or not getattr(actor, "shift_id", None):
        return None
    shift = session.get(Shift, actor.shift_id)
    return shift.started_at if shift else None
