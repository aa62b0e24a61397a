"""Team dispatch: recommend capable teams by arrival time, dispatch them, track their state.

A team moves through the states of domain §8.3::

    available → alerted → [assembling] → dispatched → en_route → on_scene → returning → available
    alerted / assembling → available          (stand-down)
    dispatched / en_route → returning         (recalled)
    any → unavailable (with a reason) → available

Every transition is a ``TeamStatusChange`` row (time, incident, dispatch order,
user, position if known) and, while the team works an incident, an entry on
that incident's timeline. A team works one incident at a time; re-tasking goes
through ``returning`` or a logged direct ``transfer``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..catalogues import catalogue, label
from ..clock import format_beijing, to_beijing
from ..errors import ConflictError, UserError, ValidationError
from ..models import Dispatch, Incident, RescueTeam, TeamPosition, TeamStatusChange, TeamType
from ..rules import dispatch as rules_mod
from ..rules.dispatch import DispatchRules
from . import auth, settings, timeline
from .incidents import grade_label, type_label
from .origin import Origin, incident_origin

STATUS_LABELS: dict[str, str] = dict(catalogue("team_status"))
END_LABELS = {"closed": "已归队", "stood_down": "已取消调派", "withdrawn": "已撤出（不可用）", "transferred": "已转调"}
ACTIVE = ("alerted", "assembling", "dispatched", "en_route", "on_scene", "returning")
AWAITING_ARRIVAL = ("alerted", "assembling", "dispatched", "en_route")
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "available": ("alerted", "unavailable"),
    "alerted": ("assembling", "dispatched", "available", "unavailable"),
    "assembling": ("dispatched", "available", "unavailable"),
    "dispatched": ("en_route", "returning", "unavailable"),
    "en_route": ("on_scene", "returning", "unavailable"),
    "on_scene": ("returning", "unavailable"),
    "returning": ("available", "unavailable"),
    "unavailable": ("available",),
}
TRANSFERABLE = ("dispatched", "en_route", "on_scene", "returning")


def action_label(current: str, target: str) -> str:
    """Button text for moving a team from *current* to *target*."""
    if target == "available":
        return {"returning": "已归队", "unavailable": "恢复待命"}.get(current, "取消调派")
    if target == "returning" and current in ("dispatched", "en_route"):
        return "召回"
    return {"alerted": "通知", "assembling": "集结中", "dispatched": "已出动", "en_route": "途中",
            "on_scene": "已到场", "returning": "返回", "unavailable": "不可用…"}[target]


def needs_reason(current: str, target: str) -> bool:
    """Whether moving from *current* to *target* must be explained."""
    return target == "unavailable" or (target == "returning" and current in ("dispatched", "en_route"))


# --- recommendation ----------------------------------------------------------

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


def _incident_type(incident: Incident) -> str:
    return incident.type or f"{incident.category}.other"


def _team_types(session: Session) -> dict[str, tuple[str, int]]:
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


def _candidate(rules: DispatchRules, origin: Origin | None, itype: str, team_id: int, version: int, code: str,
               name: str, team_type: str, type_name: str, catalogue_speed: int | None, standing: bool, on_duty: int,
               headcount: int, lat: float | None, lon: float | None, from_position: bool,
               role: str | None) -> Candidate:
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
    itype = _incident_type(incident)
    origin = origin or incident_origin(session, incident)
    capable = rules_mod.capable_types(rules, itype)
    types = _team_types(session)
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
        candidates.append(_candidate(rules, origin, itype, tid, ver, code, name, ttype, type_name, speed,
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
    open_by_team = {t: (i, s) for t, i, s in session.execute(
        select(Dispatch.team_id, Dispatch.incident_id, Dispatch.status)
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
            why = f"{why}，正在处置事件 #{open_by_team[tid][0]}"
        elif reasons.get(tid):
            why = f"{why}：{reasons[tid]}"
        out.append(Busy(tid, name, types.get(ttype, (ttype,))[0], rules_mod.ROLES[capable[ttype]], why))
    return out


# --- dispatching and transitions ---------------------------------------------

def _next_order_number(session: Session, now: datetime) -> str:
    from . import sites

    prefix = settings.get(session, "doc_prefix")
    year = to_beijing(now).year
    stem = f"{sites.prefix(session)}{prefix}调〔{year}〕"  # 车1-… on a command vehicle
    n = session.scalar(select(func.count(func.distinct(Dispatch.order_number)))
                       .where(Dispatch.order_number.like(f"{stem}%"))) or 0
    return f"{stem}{n + 1}号"


def _last_change(session: Session, team_id: int) -> TeamStatusChange | None:
    return session.scalar(select(TeamStatusChange).where(TeamStatusChange.team_id == team_id)
                          .order_by(TeamStatusChange.id.desc()).limit(1))


def _who_when(change: TeamStatusChange | None) -> str:
    if change is None:
        return ""
    return f"（{change.actor_name} {format_beijing(change.at, False)}）"


def _busy_message(session: Session, team: RescueTeam) -> str:
    change = _last_change(session, team.id)
    where = ""
    current = _open_dispatch(session, team.id)
    if current is not None:
        where = f"，正在处置事件 #{current.incident_id}"
    return (f"队伍“{team.name}”当前为“{STATUS_LABELS.get(team.status, team.status)}”{where}"
            f"{_who_when(change)}，不能调派。请刷新推荐列表。")


def _open_dispatch(session: Session, team_id: int) -> Dispatch | None:
    return session.scalar(select(Dispatch).where(Dispatch.team_id == team_id, Dispatch.status.in_(ACTIVE))
                          .order_by(Dispatch.id.desc()).limit(1))


def _check_transition(team: RescueTeam, target: str) -> None:
    current = team.status
    if target not in STATUS_LABELS:
        raise ValidationError(f"未知的队伍状态“{target}”。", "status")
    allowed = TRANSITIONS.get(current, ())
    if target not in allowed:
        options = "、".join(f"“{STATUS_LABELS[s]}”" for s in allowed) or "无"
        raise ValidationError(
            f"队伍“{team.name}”当前为“{STATUS_LABELS.get(current, current)}”，不能直接改为“{STATUS_LABELS[target]}”。"
            f"可改为：{options}。", "status")
    if target == "assembling" and team.standing:
        raise ValidationError(f"队伍“{team.name}”为常备值守队伍，无需集结，请直接改为“已调派”。", "status")


def _transition(session: Session, team: RescueTeam, target: str, dispatch: Dispatch | None, reason: str = "",
                lat: float | None = None, lon: float | None = None) -> TeamStatusChange:
    actor = session.info.get("actor")
    change = TeamStatusChange(
        team_id=team.id, at=session.info["clock"].now(), from_status=team.status, to_status=target,
        incident_id=dispatch.incident_id if dispatch else None, dispatch_id=dispatch.id if dispatch else None,
        reason=reason, lat=lat, lon=lon, actor_id=getattr(actor, "operator_id", None),
        actor_name=getattr(actor, "name", "系统"))
    session.add(change)
    team.status = target
    return change


def dispatch(session: Session, incident_id: int, team_ids: list[int], task: str,
             origin: Origin | None = None, rules: DispatchRules | None = None) -> list[Dispatch]:
    """Order teams to an incident with a task: one dispatch order, each team alerted."""
    auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    rules = rules or rules_mod.load()
    task = task.strip()
    if not team_ids:
        raise ValidationError("请至少选择一支队伍。", "teams")
    if not task:
        raise ValidationError("请填写调派任务（到达后做什么、向谁报到）。", "task")
    if len(set(team_ids)) != len(team_ids):
        raise ValidationError("同一支队伍选择了两次。", "teams")
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise UserError("该事件已不存在。")
    now = session.info["clock"].now()
    itype = _incident_type(incident)
    origin = origin or incident_origin(session, incident)
    types = _team_types(session)
    order_number = _next_order_number(session, now)
    made = []
    for tid in team_ids:
        team = session.get(RescueTeam, tid)
        if team is None:
            raise UserError("所选队伍已不存在（可能已被其他席位删除）。")
        if team.status != "available":
            raise ConflictError(_busy_message(session, team))
        _check_transition(team, "alerted")
        pos = session.get(TeamPosition, tid)
        here = (pos.lat, pos.lon) if pos is not None else (team.lat, team.lon)
        type_name, speed = types.get(team.team_type, (team.team_type, None))
        c = _candidate(rules, origin, itype, tid, team.version, team.code, team.name, team.team_type, type_name,
                       speed, team.standing, team.on_duty, team.headcount, here[0], here[1], pos is not None,
                       rules_mod.role(rules, team.team_type, itype))
        est, assembly, reasons = c.estimate, c.assembly_minutes, c.reasons
        d = Dispatch(incident_id=incident.id, team_id=tid, order_number=order_number, task=task,
                     status="alerted", ordered_at=now, close_reason="",
                     eta_at=now + timedelta(minutes=est.eta_minutes) if est else None,
                     distance_km=round(est.road_km, 2) if est else None,
                     travel_minutes=est.travel_minutes if est else None, assembly_minutes=assembly,
                     basis="；".join(reasons), ruleset=rules.label,
                     actor_id=getattr(session.info.get("actor"), "operator_id", None),
                     actor_name=getattr(session.info.get("actor"), "name", "系统"))
        session.add(d)
        session.flush()
        _transition(session, team, "alerted", d, f"调派单 {order_number}：{task}")
        eta = f"，预计 {est.eta_minutes} 分钟到达（{format_beijing(d.eta_at, False)}）" if est else "，到达时间未估算"
        timeline.record(session, incident, "dispatch", f"调派 {team.name}（{order_number}）：{task}{eta}",
                  {"dispatch_id": d.id, "team_id": tid, "order_number": order_number})
        made.append(d)
    session.flush()
    return made


def _stale(session: Session, d: Dispatch, expected_version: int | None) -> None:
    if expected_version is None or d.version == expected_version:
        return
    team = session.get(RescueTeam, d.team_id)
    change = session.scalar(select(TeamStatusChange).where(TeamStatusChange.dispatch_id == d.id)
                            .order_by(TeamStatusChange.id.desc()).limit(1))
    now_text = END_LABELS.get(d.status) or STATUS_LABELS.get(d.status, d.status)
    raise ConflictError(f"“{team.name}”的调派已被其他席位更新（现为“{now_text}”{_who_when(change)}），"
                        "您的操作未执行。请查看最新状态后再操作。")


def advance(session: Session, dispatch_id: int, target: str, reason: str = "", expected_version: int | None = None,
            lat: float | None = None, lon: float | None = None, rules: DispatchRules | None = None) -> Dispatch:
    """Move a dispatched team to its next state (from the dispatch board)."""
    auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    d = session.get(Dispatch, dispatch_id)
    if d is None:
        raise UserError("该调派记录已不存在。")
    _stale(session, d, expected_version)
    if d.status not in ACTIVE:
        raise ValidationError(f"该调派已结束（{END_LABELS.get(d.status, d.status)}），不能再改变状态。", "status")
    team = session.get(RescueTeam, d.team_id)
    _apply(session, team, d, target, reason, lat, lon, rules or rules_mod.load())
    return d


def change_status(session: Session, team_id: int, target: str, reason: str = "",
                  expected_version: int | None = None, lat: float | None = None, lon: float | None = None,
                  rules: DispatchRules | None = None) -> TeamStatusChange:
    """Change a team's state directly (e.g. unavailable for maintenance, back to standby)."""
    auth.require(session.info.get("actor"), auth.Permission.EDIT_REGISTRY)
    team = session.get(RescueTeam, team_id)
    if team is None:
        raise UserError("该队伍已不存在。")
    if expected_version is not None and team.version != expected_version:
        change = _last_change(session, team.id)
        raise ConflictError(f"队伍“{team.name}”已被其他席位修改（现为“{STATUS_LABELS.get(team.status, team.status)}”"
                            f"{_who_when(change)}），您的操作未执行。")
    if target == "alerted":
        raise ValidationError("通知队伍须通过调派：选择事件、填写任务后调派。", "status")
    return _apply(session, team, _open_dispatch(session, team.id), target, reason, lat, lon,
                  rules or rules_mod.load())


def _apply(session: Session, team: RescueTeam, d: Dispatch | None, target: str, reason: str,
           lat: float | None, lon: float | None, rules: DispatchRules) -> TeamStatusChange:
    reason = reason.strip()
    current = team.status
    _check_transition(team, target)
    if needs_reason(current, target) and not reason:
        what = "不可用" if target == "unavailable" else "召回"
        raise ValidationError(f"改为“{what}”须填写原因。", "reason")
    for value, name in ((lat, "纬度"), (lon, "经度")):
        if value is not None and not (-180 <= value <= 180):
            raise ValidationError(f"{name}不正确。", "lat")
    now = session.info["clock"].now()
    change = _transition(session, team, target, d, reason, lat, lon)
    if lat is not None and lon is not None:
        _set_position(session, team.id, lat, lon, now, reason)
    if d is not None:
        _update_dispatch(session, d, current, target, reason, now, lat, lon, rules, team)
    if target == "available":
        pos = session.get(TeamPosition, team.id)
        if pos is not None:
            session.delete(pos)  # back at base (or stood down there)
    session.flush()
    return change


def _update_dispatch(session: Session, d: Dispatch, current: str, target: str, reason: str, now: datetime,
                     lat: float | None, lon: float | None, rules: DispatchRules, team: RescueTeam) -> None:
    if target in ("dispatched", "en_route") and d.travel_minutes is not None:
        travel = d.travel_minutes
        if lat is not None and lon is not None:
            origin = incident_origin(session, session.get(Incident, d.incident_id))
            if origin is not None:
                speed = rules.speed(team.team_type, _team_types(session).get(team.team_type, ("", None))[1])
                travel = rules_mod.estimate(rules, rules_mod.haversine_km(lat, lon, origin.lat, origin.lon),
                                            speed, 0).travel_minutes
        d.eta_at = now + timedelta(minutes=travel)
    if target == "en_route":
        d.departed_at = now
    elif target == "on_scene":
        d.arrived_at = now
    elif target == "returning":
        d.left_scene_at = now
    if target == "available":
        d.status = "closed" if current == "returning" else "stood_down"
        d.closed_at, d.close_reason = now, reason
    elif target == "unavailable":
        d.status = "withdrawn"
        d.closed_at, d.close_reason = now, reason
    else:
        d.status = target
    incident = session.get(Incident, d.incident_id)
    text = f"{team.name}：{STATUS_LABELS[current]} → {STATUS_LABELS[target]}"
    if target == "available":
        text = f"{team.name}：{END_LABELS[d.status]}（{STATUS_LABELS[current]} → 待命）"
    if target == "on_scene" and d.departed_at is not None:
        text += f"，自出发用时 {int((now - d.departed_at).total_seconds() // 60)} 分钟"
    if target == "on_scene":
        text += f"，自调派用时 {int((now - d.ordered_at).total_seconds() // 60)} 分钟"
    if reason:
        text += f"。原因：{reason}"
    timeline.record(session, incident, "team_status", text,
              {"dispatch_id": d.id, "team_id": team.id, "from": current, "to": target})


def _set_position(session: Session, team_id: int, lat: float, lon: float, at: datetime, note: str) -> None:
    pos = session.get(TeamPosition, team_id)
    if pos is None:
        session.add(TeamPosition(team_id=team_id, lat=lat, lon=lon, at=at, note=note[:200]))
    else:
        pos.lat, pos.lon, pos.at, pos.note = lat, lon, at, note[:200]


def report_position(session: Session, team_id: int, lat: float, lon: float, note: str = "") -> None:
    """Record where a team is now (used for distances until it is back at base)."""
    auth.require(session.info.get("actor"), auth.Permission.EDIT_REGISTRY)
    if not (3 <= lat <= 54 and 73 <= lon <= 136):
        raise ValidationError("位置不在中国境内（纬度 3–54，经度 73–136，WGS-84）。", "lat")
    if session.get(RescueTeam, team_id) is None:
        raise UserError("该队伍已不存在。")
    _set_position(session, team_id, lat, lon, session.info["clock"].now(), note.strip())
    session.flush()


def transfer(session: Session, dispatch_id: int, incident_id: int, task: str, reason: str,
             expected_version: int | None = None, rules: DispatchRules | None = None) -> Dispatch:
    """Re-task a mobilised team straight to another incident (a logged direct transfer)."""
    auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    rules = rules or rules_mod.load()
    old = session.get(Dispatch, dispatch_id)
    if old is None:
        raise UserError("该调派记录已不存在。")
    _stale(session, old, expected_version)
    team = session.get(RescueTeam, old.team_id)
    task, reason = task.strip(), reason.strip()
    if old.status not in TRANSFERABLE:
        raise ValidationError(f"队伍“{team.name}”当前为“{STATUS_LABELS.get(old.status, old.status)}”，"
                              "只有已出动、途中、到场或返回中的队伍可以直接转调。", "status")
    if incident_id == old.incident_id:
        raise ValidationError("转调的目标事件与当前事件相同。", "incident")
    if not task or not reason:
        raise ValidationError("直接转调须填写新任务和转调原因。", "task" if not task else "reason")
    target = session.get(Incident, incident_id)
    if target is None:
        raise UserError("目标事件已不存在。")
    now = session.info["clock"].now()
    order_number = _next_order_number(session, now)
    origin = incident_origin(session, target)
    pos = session.get(TeamPosition, team.id)
    here = (pos.lat, pos.lon) if pos is not None else (team.lat, team.lon)
    est = None
    if origin is not None and here[0] is not None:
        speed = rules.speed(team.team_type, _team_types(session).get(team.team_type, ("", None))[1])
        est = rules_mod.estimate(rules, rules_mod.haversine_km(here[0], here[1], origin.lat, origin.lon), speed, 0)
    old.status, old.closed_at, old.close_reason = "transferred", now, f"转调至事件 #{incident_id}：{reason}"
    new = Dispatch(incident_id=incident_id, team_id=team.id, order_number=order_number, task=task,
                   status="dispatched", ordered_at=now, close_reason="",
                   eta_at=now + timedelta(minutes=est.travel_minutes) if est else None,
                   distance_km=round(est.road_km, 2) if est else None,
                   travel_minutes=est.travel_minutes if est else None, assembly_minutes=0,
                   basis=f"由事件 #{old.incident_id} 直接转调：{reason}", ruleset=rules.label,
                   transferred_from_id=old.id,
                   actor_id=getattr(session.info.get("actor"), "operator_id", None),
                   actor_name=getattr(session.info.get("actor"), "name", "系统"))
    session.add(new)
    session.flush()
    from_status = team.status
    _transition(session, team, "dispatched", new, f"直接转调（原事件 #{old.incident_id}）：{reason}")
    timeline.record(session, session.get(Incident, old.incident_id), "team_status",
              f"{team.name} 转调至事件 #{incident_id}（{STATUS_LABELS[from_status]}时转调）。原因：{reason}",
              {"dispatch_id": old.id, "team_id": team.id, "to_incident": incident_id})
    timeline.record(session, target, "dispatch",
              f"{team.name} 由事件 #{old.incident_id} 直接转调而来（{order_number}）：{task}",
              {"dispatch_id": new.id, "team_id": team.id, "order_number": order_number})
    session.flush()
    return new


# --- the dispatch board ------------------------------------------------------

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
    types = _team_types(session)
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


def history(session: Session, team_id: int, limit: int = 100) -> list[TeamStatusChange]:
    """A team's state changes, newest first."""
    return list(session.scalars(select(TeamStatusChange).where(TeamStatusChange.team_id == team_id)
                                .order_by(TeamStatusChange.id.desc()).limit(limit)))


# --- the printable dispatch order ---------------------------------------------

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
    types = _team_types(session)
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


def order_html(doc: OrderDocument) -> str:
    """The dispatch order as simple HTML (for QTextDocument printing or PDF)."""
    e = html.escape
    rows = "".join(
        f"<tr><td>{i}</td><td>{e(t.name)}<br/><small>{e(t.type_name)}</small></td><td>{e(t.leader)}<br/>{e(t.phone)}"
        f"<br/><small>{e(t.radio)}</small></td><td>{e(t.strength)}</td><td>{e(t.task)}</td><td>{e(t.eta)}</td></tr>"
        for i, t in enumerate(doc.teams, 1))
    return (
        "<html><body style='font-size:11pt'>"
        f"<p align='center' style='color:#d40000;font-size:20pt;font-weight:bold'>{e(doc.issuing_unit)}</p>"
        "<p align='center' style='font-size:18pt;font-weight:bold'>应急救援队伍调派单</p>"
        f"<p align='right'>{e(doc.order_number)}</p>"
        "<table width='100%' cellspacing='0' cellpadding='4' border='1' style='border-collapse:collapse'>"
        f"<tr><td width='18%'>事件</td><td colspan='3'>{e(doc.incident_title)}</td></tr>"
        f"<tr><td>类型 / 等级</td><td>{e(doc.incident_type)}</td><td width='18%'>事发地点</td>"
        f"<td>{e(doc.place)}</td></tr>"
        f"<tr><td>调派时间</td><td>{e(doc.issued_at)}（北京时间）</td><td>签发值班员</td><td>{e(doc.issued_by)}</td></tr>"
        f"<tr><td>事件等级</td><td colspan='3'>{e(doc.grade)}</td></tr>"
        "</table><p></p>"
        "<table width='100%' cellspacing='0' cellpadding='4' border='1' style='border-collapse:collapse'>"
        "<tr style='font-weight:bold'><td>序号</td><td>队伍</td><td>负责人 / 联系</td><td>在岗 / 总数</td>"
        f"<td>任务</td><td>预计到达</td></tr>{rows}</table>"
        "<p>请接令后立即按任务出动，出发、到场、返回时向值班室报告。</p>"
        f"<p>{e(doc.post_name)}　值班电话：{e(doc.post_phone)}</p>"
        "<p>带班领导签发：＿＿＿＿＿＿　　接令人：＿＿＿＿＿＿　　接令时间：＿＿＿＿＿＿</p>"
        "</body></html>")


def label_status(code: str) -> str:
    """Chinese label of a team or dispatch status."""
    return STATUS_LABELS.get(code) or END_LABELS.get(code) or label("team_status", code)
