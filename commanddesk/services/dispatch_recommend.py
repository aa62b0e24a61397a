"""Which teams to send: capable teams ranked by estimated arrival, with the reasons for each place.

The ranking follows the dispatch rules (``rules/dispatch``): the incident type's capability matrix,
assembly times, road factor and speeds; teams busy elsewhere are listed apart with where they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import UserError
from ..models import Dispatch, Incident, RescueTeam, TeamPosition, TeamStatusChange, TeamType
from ..rules import dispatch as rules_mod
from ..rules.dispatch import DispatchRules
from .incidents import type_label
from .origin import Origin, incident_origin
from .sites import incident_heading
from .team_status import ACTIVE, STATUS_LABELS


@dataclass(frozen=True)
class Candidate:
    """A team that could go, with its estimated arrival and the reasons for its place.

    The reasons are written on first use: ranking 5,000 teams needs only the numbers.
    """

    team_id: int
    version: int
    code: str
    name: str
    team_type: str
    type_name: str
    role: str | None
    standing: bool
    on_duty: int
    headcount: int
    assembly_minutes: int
    estimate: rules_mod.Estimate | None
    from_position: bool
    context: tuple  # (rules, origin, incident type label, has base coordinates)

    @property
    def distance_km(self) -> float | None:
        """Estimated road distance to the incident, if the team's base is known."""
        return self.estimate.road_km if self.estimate else None

    @property
    def eta_minutes(self) -> int | None:
        """Estimated minutes until the team arrives (assembly and travel)."""
        return self.estimate.eta_minutes if self.estimate else None

    @property
    def travel_minutes(self) -> int | None:
        """Estimated minutes on the road."""
        return self.estimate.travel_minutes if self.estimate else None

    @property
    def role_label(self) -> str:
        """The team's role for this incident type in the capability matrix."""
        return rules_mod.ROLES.get(self.role, "未列入矩阵") if self.role else "未列入矩阵"

    @cached_property
    def reasons(self) -> tuple[str, ...]:
        """Why the team is recommended (or not), one phrase each."""
        rules, origin, itype_label, located = self.context
        return _reasons(rules, origin, itype_label, self.type_name, self.role, self.standing, self.on_duty,
                        self.headcount, self.assembly_minutes, self.estimate, self.from_position, located)

    @property
    def reason(self) -> str:
        """The reasons as one line."""
        return "；".join(self.reasons)


@dataclass(frozen=True)
class Busy:
    """A capable team that cannot be sent now, and why."""

    team_id: int
    name: str
    type_name: str
    role: str
    why: str


@dataclass(frozen=True)
class Recommendation:
    """Capable, available teams ranked by arrival time, and capable teams that are busy."""

    incident_id: int
    incident_type: str
    origin: Origin | None
    candidates: list[Candidate]
    busy: list[Busy]
    ruleset: str
    note: str


def incident_type(incident: Incident) -> str:
    """The incident's type code, or its category's "other" when no type was chosen."""
    return incident.type or f"{incident.category}.other"


def team_types(session: Session) -> dict[str, tuple[str, int]]:
    """Team type code → (name, default speed in km/h) from the store's team types."""
    return {c: (n, s) for c, n, s in session.execute(
        select(TeamType.code, TeamType.name, TeamType.default_speed_kmh))}


def _reasons(rules: DispatchRules, origin: Origin | None, itype_label: str, type_name: str, role: str | None,
             standing: bool, on_duty: int, headcount: int, assembly: int, est: rules_mod.Estimate | None,
             from_position: bool, located: bool) -> tuple[str, ...]:
    """Why a team is where it is in the list, in the officer's words."""
    if role is None:
        reasons = [f"{type_name}未列入“{itype_label}”的能力矩阵，由值班员指定"]
    else:
        reasons = [f"{type_name}是{itype_label}的{rules_mod.ROLES[role]}力量"]
    if origin is None:
        reasons.append("事发地点无坐标，无法估算距离")
    elif not located or est is None:
        reasons.append("驻地无坐标，无法估算到达时间")
    else:
        where = "当前位置" if from_position else "驻地"
        reasons.append(f"{where}距事发地约 {est.road_km:.1f} 千米（直线 {est.straight_km:.1f} 千米 × 道路系数 "
                       f"{rules.travel.road_factor:g}），按 {est.speed_kmh:g} 千米/小时约行驶 {est.travel_minutes} 分钟")
    reasons.append(f"常备值守，出动准备 {assembly} 分钟" if standing else f"接令后集结，约需 {assembly} 分钟")
    reasons.append(f"在岗 {on_duty}/{headcount} 人")
    if est is not None:
        reasons.append(f"预计 {est.eta_minutes} 分钟到达")
    return tuple(reasons)


def candidate(rules: DispatchRules, origin: Origin | None, itype: str, team_id: int, version: int, code: str,
               name: str, team_type: str, type_name: str, catalogue_speed: int | None, standing: bool, on_duty: int,
               headcount: int, lat: float | None, lon: float | None, from_position: bool,
               role: str | None) -> Candidate:
    """One team as a candidate: assembly, road distance and arrival estimate under the rules."""
    assembly = rules.assembly(team_type, not standing)
    est = None
    if origin is not None and lat is not None and lon is not None:
        est = rules_mod.estimate(rules, rules_mod.haversine_km(lat, lon, origin.lat, origin.lon),
                                 rules.speed(team_type, catalogue_speed), assembly)
    return Candidate(team_id, version, code, name, team_type, type_name, role, standing, on_duty, headcount,
                     assembly, est, from_position, (rules, origin, type_label(itype), lat is not None))


def recommend(session: Session, incident_id: int, origin: Origin | None = None, limit: int | None = None,
              rules: DispatchRules | None = None) -> Recommendation:
    """Capable and available teams for an incident, fastest arrival first, each with its reasons."""
    rules = rules or rules_mod.load()
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise UserError("该事件已不存在。")
    itype = incident_type(incident)
    origin = origin or incident_origin(session, incident)
    capable = rules_mod.capable_types(rules, itype)
    types = team_types(session)
    stmt = (select(RescueTeam.id, RescueTeam.version, RescueTeam.code, RescueTeam.name, RescueTeam.team_type,
                   RescueTeam.standing, RescueTeam.on_duty, RescueTeam.headcount, RescueTeam.lat, RescueTeam.lon,
                   RescueTeam.status, TeamPosition.lat, TeamPosition.lon)
            .outerjoin(TeamPosition, TeamPosition.team_id == RescueTeam.id)
            .where(RescueTeam.team_type.in_(capable)))
    candidates, busy_ids = [], []
    for tid, ver, code, name, ttype, standing, on_duty, head, lat, lon, status, plat, plon in \
            session.connection().execute(stmt):  # Core rows: no ORM overhead for 5,000 teams
        if status != "available":
            busy_ids.append(tid)
            continue
        type_name, speed = types.get(ttype, (ttype, None))
        moved = plat is not None
        candidates.append(candidate(rules, origin, itype, tid, ver, code, name, ttype, type_name, speed,
                                     bool(standing), on_duty, head, plat if moved else lat, plon if moved else lon,
                                     moved, capable[ttype]))
    candidates.sort(key=lambda c: (c.eta_minutes is None, c.eta_minutes or 0, c.role != "primary", c.code))
    if limit is not None:
        candidates = candidates[:limit]
    busy = _busy(session, busy_ids, capable, types)
    note = origin.how if origin else "事发地点无坐标：按主责、常备和编号排序，未估算到达时间"
    return Recommendation(incident_id, itype, origin, candidates, busy, rules.label, note)


def _busy(session: Session, team_ids: list[int], capable: dict[str, str],
          types: dict[str, tuple[str, int]]) -> list[Busy]:
    if not team_ids:
        return []
    open_by_team = {t: (incident_heading(site_, n, i), s) for t, i, site_, n, s in session.execute(
        select(Dispatch.team_id, Dispatch.incident_id, Incident.sync_site, Incident.site_number, Dispatch.status)
        .join(Incident, Incident.id == Dispatch.incident_id)
        .where(Dispatch.status.in_(ACTIVE), Dispatch.team_id.in_(team_ids)))}
    last = select(func.max(TeamStatusChange.id)).where(TeamStatusChange.team_id.in_(team_ids)) \
        .group_by(TeamStatusChange.team_id)
    reasons = {t: r for t, r in session.execute(
        select(TeamStatusChange.team_id, TeamStatusChange.reason).where(TeamStatusChange.id.in_(last)))}
    out = []
    for tid, name, ttype, status in session.execute(
            select(RescueTeam.id, RescueTeam.name, RescueTeam.team_type, RescueTeam.status)
            .where(RescueTeam.id.in_(team_ids)).order_by(RescueTeam.code)):
        why = STATUS_LABELS.get(status, status)
        if tid in open_by_team:
            why = f"{why}，正在处置事件 {open_by_team[tid][0]}"
        elif reasons.get(tid):
            why = f"{why}：{reasons[tid]}"
        out.append(Busy(tid, name, types.get(ttype, (ttype,))[0], rules_mod.ROLES[capable[ttype]], why))
    return out
