"""Team dispatch: order teams to an incident and move them through their states.

Which teams to send is ``dispatch_recommend``; the board ``dispatch_board``; the printed order
``dispatch_order`` (its HTML in ``documents.dispatch_order``); the states themselves ``team_status``.

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

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..clock import format_beijing, to_beijing
from ..errors import ConflictError, UserError, ValidationError
from ..models import Dispatch, Incident, RescueTeam, TeamPosition, TeamStatusChange
from ..rules import dispatch as rules_mod
from ..rules.dispatch import DispatchRules
from . import auth, settings, timeline
from .dispatch_recommend import candidate, incident_type, team_types
from .incidents import heading
from .origin import Origin, incident_origin
from .team_status import ACTIVE, END_LABELS, STATUS_LABELS, TRANSFERABLE, TRANSITIONS, needs_reason


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
        where = f"，正在处置事件 {heading(session.get(Incident, current.incident_id))}"
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
    itype = incident_type(incident)
    origin = origin or incident_origin(session, incident)
    types = team_types(session)
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
        c = candidate(rules, origin, itype, tid, team.version, team.code, team.name, team.team_type, type_name,
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
                speed = rules.speed(team.team_type, team_types(session).get(team.team_type, ("", None))[1])
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
        speed = rules.speed(team.team_type, team_types(session).get(team.team_type, ("", None))[1])
        est = rules_mod.estimate(rules, rules_mod.haversine_km(here[0], here[1], origin.lat, origin.lon), speed, 0)
    source = session.get(Incident, old.incident_id)
    to_text, from_text = heading(target), heading(source)
    old.status, old.closed_at, old.close_reason = "transferred", now, f"转调至事件 {to_text}：{reason}"
    new = Dispatch(incident_id=incident_id, team_id=team.id, order_number=order_number, task=task,
                   status="dispatched", ordered_at=now, close_reason="",
                   eta_at=now + timedelta(minutes=est.travel_minutes) if est else None,
                   distance_km=round(est.road_km, 2) if est else None,
                   travel_minutes=est.travel_minutes if est else None, assembly_minutes=0,
                   basis=f"由事件 {from_text} 直接转调：{reason}", ruleset=rules.label,
                   transferred_from_id=old.id,
                   actor_id=getattr(session.info.get("actor"), "operator_id", None),
                   actor_name=getattr(session.info.get("actor"), "name", "系统"))
    session.add(new)
    session.flush()
    from_status = team.status
    _transition(session, team, "dispatched", new, f"直接转调（原事件 {from_text}）：{reason}")
    timeline.record(session, source, "team_status",
              f"{team.name} 转调至事件 {to_text}（{STATUS_LABELS[from_status]}时转调）。原因：{reason}",
              {"dispatch_id": old.id, "team_id": team.id, "to_incident": incident_id})
    timeline.record(session, target, "dispatch",
              f"{team.name} 由事件 {from_text} 直接转调而来（{order_number}）：{task}",
              {"dispatch_id": new.id, "team_id": team.id, "order_number": order_number})
    session.flush()
    return new


def history(session: Session, team_id: int, limit: int = 100) -> list[TeamStatusChange]:
    """A team's state changes, newest first."""
    return list(session.scalars(select(TeamStatusChange).where(TeamStatusChange.team_id == team_id)
                                .order_by(TeamStatusChange.id.desc()).limit(limit)))
