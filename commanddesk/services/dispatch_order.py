"""What a printed dispatch order (调派单) shows, collected from the store; ``documents.dispatch_order`` lays it out."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clock import format_beijing
from ..errors import UserError
from ..models import Dispatch, Incident, RescueTeam
from . import settings
from .dispatch_recommend import team_types
from .incidents import grade_label, type_label


@dataclass(frozen=True)
class OrderTeam:
    """One team on a dispatch order."""

    name: str
    type_name: str
    leader: str
    phone: str
    radio: str
    strength: str
    task: str
    eta: str


@dataclass(frozen=True)
class OrderDocument:
    """The content of a printed dispatch order (调派单)."""

    order_number: str
    issuing_unit: str
    post_name: str
    post_phone: str
    incident_title: str
    incident_type: str
    grade: str
    place: str
    issued_at: str
    issued_by: str
    teams: tuple[OrderTeam, ...]


def order_document(session: Session, order_number: str) -> OrderDocument:
    """Collect what the printed dispatch order shows."""
    ds = list(session.scalars(select(Dispatch).where(Dispatch.order_number == order_number).order_by(Dispatch.id)))
    if not ds:
        raise UserError(f"找不到调派单 {order_number}。")
    incident = session.get(Incident, ds[0].incident_id)
    types = team_types(session)
    all_settings = settings.get_all(session)
    teams = []
    for d in ds:
        t = session.get(RescueTeam, d.team_id)
        eta = (f"{format_beijing(d.eta_at, False)}（约 {d.assembly_minutes + (d.travel_minutes or 0)} 分钟）"
               if d.eta_at else "未估算")
        teams.append(OrderTeam(t.name, types.get(t.team_type, (t.team_type,))[0], t.leader, t.duty_phone,
                               t.radio_channel, f"{t.on_duty}/{t.headcount} 人", d.task, eta))
    return OrderDocument(order_number, all_settings["issuing_unit"], all_settings["post_name"],
                         all_settings["post_phone"], incident.title, type_label(incident.type),
                         grade_label(incident.grade), incident.place_text, format_beijing(ds[0].ordered_at, False),
                         ds[0].actor_name, tuple(teams))
