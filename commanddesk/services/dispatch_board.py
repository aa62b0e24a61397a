"""An incident's dispatch board: every team sent, its state, times, lateness and the moves it may make next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clock import format_beijing
from ..models import Dispatch, RescueTeam
from ..rules import dispatch as rules_mod
from ..rules.dispatch import DispatchRules
from .dispatch_recommend import team_types
from .team_status import ACTIVE, AWAITING_ARRIVAL, END_LABELS, STATUS_LABELS, TRANSITIONS, action_label


@dataclass(frozen=True)
class BoardRow:
    """One team on an incident's dispatch board, with derived times."""

    dispatch_id: int
    version: int
    team_id: int
    team_name: str
    type_name: str
    leader: str
    phone: str
    radio: str
    status: str
    status_label: str
    order_number: str
    task: str
    ordered_at: datetime
    minutes_since: int
    eta_at: datetime | None
    arrived_at: datetime | None
    overdue_minutes: int  # > 0: arrival overdue by this much (after the grace time)
    active: bool
    actions: tuple[tuple[str, str], ...]  # (target state, button text)

    @property
    def overdue(self) -> bool:
        """The team should have arrived by now."""
        return self.overdue_minutes > 0

    def eta_text(self, now: datetime) -> str:
        """ETA as clock time plus what is left (or how late)."""
        if self.arrived_at is not None:
            return f"{format_beijing(self.arrived_at, False)[11:]} 已到场"
        if self.eta_at is None:
            return "未估算"
        left = int((self.eta_at - now).total_seconds() // 60)
        when = format_beijing(self.eta_at, False)[11:]
        if not self.active:
            return when
        return f"{when}（剩 {left} 分钟）" if left >= 0 else f"{when}（已超 {-left} 分钟）"


def board(session: Session, incident_id: int, now: datetime, rules: DispatchRules | None = None) -> list[BoardRow]:
    """Every team dispatched to an incident: active ones first, then those finished."""
    rules = rules or rules_mod.load()
    types = team_types(session)
    grace = timedelta(minutes=rules.travel.arrival_grace_minutes)
    rows = []
    for d, team in session.execute(select(Dispatch, RescueTeam).join(RescueTeam, RescueTeam.id == Dispatch.team_id)
                                   .where(Dispatch.incident_id == incident_id).order_by(Dispatch.id)):
        active = d.status in ACTIVE
        overdue = 0
        if active and d.status in AWAITING_ARRIVAL and d.eta_at is not None and now > d.eta_at + grace:
            overdue = int((now - d.eta_at).total_seconds() // 60)
        actions = ()
        if active:
            actions = tuple((t, action_label(team.status, t)) for t in TRANSITIONS.get(team.status, ())
                            if t != "alerted" and not (t == "assembling" and team.standing))
        rows.append(BoardRow(
            d.id, d.version, team.id, team.name, types.get(team.team_type, (team.team_type,))[0], team.leader,
            team.duty_phone, team.radio_channel, d.status,
            STATUS_LABELS.get(d.status) or END_LABELS.get(d.status, d.status), d.order_number, d.task,
            d.ordered_at, int((now - d.ordered_at).total_seconds() // 60), d.eta_at, d.arrived_at, overdue,
            active, actions))
    rows.sort(key=lambda r: (not r.active, r.ordered_at, r.dispatch_id))
    return rows
