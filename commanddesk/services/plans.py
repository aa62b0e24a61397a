"""Plans on incidents: match, activate at a level, work the measures, change level, terminate.

Every step is one transaction, lands on the incident timeline and (through the
ORM) in the audit log.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import UserError, ValidationError
from ..models import Incident
from ..models.plans import PlanActivation, PlanTask
from ..plans import library as plan_library
from ..plans.library import Library
from ..plans.matching import IncidentFacts, Match, match
from ..plans.model import Plan, level_name
from . import auth, timeline

DEMO_SETTING = "demo_data"  # "1" in stores built from the bundled demo county (and drills copied from them)


def is_demo(session: Session) -> bool:
    """Whether the store holds the bundled demonstration data."""
    from ..models import Setting

    return session.scalar(select(Setting.value).where(Setting.key == DEMO_SETTING)) == "1"


def library(session: Session) -> Library:
    """The store's plan library: a post's own plans; a demo store also has the shipped demonstration plans."""
    return plan_library.library(is_demo(session))

TASK_STATES = {"open": "待办", "done": "已完成", "na": "不适用", "removed": "因级别调整取消"}


def facts(incident: Incident) -> IncidentFacts:
    """Matching facts of an incident.

    The warning colour is the one recorded on the incident, or else the highest
    colour of the live warnings in the register that cover its division.
    """
    return IncidentFacts(
        category=incident.category, type=incident.type, grade=incident.grade, counts=dict(incident.counts or {}),
        predicted=dict(incident.predicted or {}), flags=frozenset(incident.flags or ()),
        measures=dict(incident.measures or {}), warning=incident.warning or _area_warning(incident),
        jurisdiction_code=incident.jurisdiction_code or "", place_text=incident.place_text)


def _area_warning(incident: Incident) -> str:
    """The colour of the live warnings covering the incident's division ("" if none or unknown)."""
    from sqlalchemy.orm import object_session

    from . import warnings

    session = object_session(incident)
    if session is None or "clock" not in session.info or not incident.jurisdiction_code:
        return ""
    return warnings.colour_for(session, incident.jurisdiction_code)


def matches(session: Session, incident_id: int) -> list[Match]:
    """Applicable plans for an incident, best first."""
    incident = session.get(Incident, incident_id)
    return match(library(session), facts(incident))


def _plan(session: Session, plan_id: str, edition: str) -> Plan:
    plan = library(session).get(plan_id, edition)
    if plan is None:
        raise UserError(f"找不到预案 {plan_id}（{edition} 版）。")
    if not plan.usable:
        raise UserError("草稿预案不能启动，请先由管理员发布。")
    return plan


def _name(plan: Plan) -> str:
    """《short》, saying so when it is a demonstration plan (the timeline and the report quote it)."""
    return f"《{plan.short}》" + ("（演示预案）" if plan.demo else "")


def _tasks_for(session: Session, activation: PlanActivation, plan: Plan, level: int, start) -> list[PlanTask]:
    lv = plan.level(level)
    if lv is None:
        raise ValidationError(f"该预案没有{level_name(level)}。", "level")
    return [PlanTask(activation_id=activation.id, incident_id=activation.incident_id, measure_id=m.id, text=m.text,
                     owner=plan.group_name(m.group), level=level,
                     due_at=start + timedelta(minutes=m.due_minutes) if m.due_minutes else None, state="open")
            for m in lv.measures]


def active(session: Session, incident_id: int) -> list[PlanActivation]:
    """The incident's activations that are still running."""
    return list(session.scalars(select(PlanActivation).where(
        PlanActivation.incident_id == incident_id, PlanActivation.status == "active").order_by(PlanActivation.id)))


def activate(session: Session, incident_id: int, plan_id: str, edition: str, level: int, decider: str,
             grounds: str) -> PlanActivation:
    """Record a decision to activate a plan at a level and create its measures as tasks."""
    actor = auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    if not decider.strip():
        raise ValidationError("请填写作出启动决定的领导（姓名、职务）。", "decider")
    if not grounds.strip():
        raise ValidationError("请写明启动依据。", "grounds")
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise UserError("该事件已不存在。")
    plan = _plan(session, plan_id, edition)
    if any(a.plan_id == plan_id for a in active(session, incident_id)):
        raise UserError("该预案已在本事件中启动；如需调整，请使用“调整响应级别”。")
    now = session.info["clock"].now()
    act = PlanActivation(incident_id=incident_id, plan_id=plan.id, edition=plan.edition, plan_title=plan.marked_title,
                         content_hash=plan.content_hash, level=level, decider=decider.strip(),
                         grounds=grounds.strip(), activated_at=now, recorded_by=actor.operator_id, status="active")
    session.add(act)
    session.flush()
    tasks = _tasks_for(session, act, plan, level, now)
    session.add_all(tasks)
    incident.status = "response_active"
    timeline.record(session, incident, "plan", f"启动{_name(plan)}{level_name(level)}（决定：{decider.strip()}；依据："
              f"{grounds.strip()}），生成任务 {len(tasks)} 项", {"activation_id": act.id})
    session.flush()
    return act


def change_level(session: Session, activation_id: int, level: int, decider: str, grounds: str) -> list[str]:
    """Move an activation to another level; keep done work, add and cancel tasks as needed."""
    auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    act = _activation(session, activation_id)
    if level == act.level:
        raise ValidationError("新级别与当前级别相同。", "level")
    if not grounds.strip() or not decider.strip():
        raise ValidationError("调整响应级别须写明决定人和依据。", "grounds")
    plan = _plan(session, act.plan_id, act.edition)
    now = session.info["clock"].now()
    new_tasks = {t.measure_id: t for t in _tasks_for(session, act, plan, level, now)}
    changes = []
    for task in session.scalars(select(PlanTask).where(PlanTask.activation_id == act.id)):
        if task.measure_id in new_tasks:
            fresh = new_tasks.pop(task.measure_id)
            if task.state == "removed":
                task.state, task.note = "open", ""
            task.level, task.text = level, fresh.text
        elif task.state == "open":
            task.state = "removed"
            task.note = f"{level_name(act.level)}调整为{level_name(level)}，此项取消"
            changes.append(f"取消：{task.text}")
    for task in new_tasks.values():
        session.add(task)
        changes.append(f"新增：{task.text}")
    old = act.level
    act.level = level
    incident = session.get(Incident, act.incident_id)
    timeline.record(session, incident, "plan", f"{_name(plan)}响应级别调整：{level_name(old)} → {level_name(level)}"
              f"（决定：{decider.strip()}；依据：{grounds.strip()}）；" + ("；".join(changes) or "任务不变"),
              {"activation_id": act.id})
    session.flush()
    return changes


def terminate(session: Session, activation_id: int, decider: str, grounds: str) -> None:
    """End a response, recording who decided and on what grounds."""
    auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    act = _activation(session, activation_id)
    if not grounds.strip() or not decider.strip():
        raise ValidationError("终止响应须写明决定人和终止依据。", "grounds")
    now = session.info["clock"].now()
    act.status, act.terminated_at = "terminated", now
    act.termination_grounds, act.terminated_by = grounds.strip(), decider.strip()
    incident = session.get(Incident, act.incident_id)
    open_tasks = session.scalars(select(PlanTask).where(PlanTask.activation_id == act.id, PlanTask.state == "open")).all()
    timeline.record(session, incident, "plan", f"终止《{act.plan_title}》{level_name(act.level)}（决定：{decider.strip()}；"
              f"依据：{grounds.strip()}）" + (f"；尚有 {len(open_tasks)} 项任务未完成" if open_tasks else ""),
              {"activation_id": act.id})
    if not active(session, act.incident_id):
        incident.status = "terminated"
        from . import clocks

        clocks.sync(session, incident, now)
    session.flush()


def _activation(session: Session, activation_id: int) -> PlanActivation:
    act = session.get(PlanActivation, activation_id)
    if act is None or act.status != "active":
        raise UserError("该预案响应不存在或已终止。")
    return act


def _task(session: Session, task_id: int) -> PlanTask:
    task = session.get(PlanTask, task_id)
    if task is None:
        raise UserError("该任务已不存在。")
    return task


def complete(session: Session, task_id: int, note: str = "") -> None:
    """Tick a task off."""
    actor = auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    task = _task(session, task_id)
    if task.state != "open":
        raise UserError(f"该任务当前为“{TASK_STATES[task.state]}”，不能再完成。")
    task.state, task.done_at, task.done_by, task.note = "done", session.info["clock"].now(), actor.name, note.strip()
    timeline.record(session, session.get(Incident, task.incident_id), "task", f"任务完成：{task.text}（{task.owner}）"
              + (f"；{note.strip()}" if note.strip() else ""), {"task_id": task.id})


def not_applicable(session: Session, task_id: int, reason: str) -> None:
    """Mark a task not applicable, with the reason."""
    auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    if not reason.strip():
        raise ValidationError("标记“不适用”须写明理由。", "reason")
    task = _task(session, task_id)
    if task.state != "open":
        raise UserError(f"该任务当前为“{TASK_STATES[task.state]}”。")
    task.state, task.note = "na", reason.strip()
    timeline.record(session, session.get(Incident, task.incident_id), "task", f"任务不适用：{task.text}；理由：{reason.strip()}",
              {"task_id": task.id})


def reassign(session: Session, task_id: int, owner: str) -> None:
    """Give a task to another group or unit."""
    auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    if not owner.strip():
        raise ValidationError("请填写新的责任单位或工作组。", "owner")
    task = _task(session, task_id)
    old, task.owner = task.owner, owner.strip()
    timeline.record(session, session.get(Incident, task.incident_id), "task", f"任务改派：{task.text}（{old} → {task.owner}）",
              {"task_id": task.id})


def tasks(session: Session, incident_id: int) -> list[PlanTask]:
    """All tasks of an incident, open ones first by due time."""
    order = {"open": 0, "done": 1, "na": 2, "removed": 3}
    rows = list(session.scalars(select(PlanTask).where(PlanTask.incident_id == incident_id)))
    return sorted(rows, key=lambda t: (order[t.state], t.due_at is None, t.due_at or t.id, t.id))


def set_assessment(session: Session, incident_id: int, warning: str, measures: dict[str, float]) -> None:
    """Record the warning colour and assessed figures (wind level, outage share …) used by matching."""
    auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    if warning not in ("", "red", "orange", "yellow", "blue"):
        raise ValidationError("预警颜色须为 红、橙、黄、蓝 之一。", "warning")
    incident = session.get(Incident, incident_id)
    old = (incident.warning, dict(incident.measures or {}))
    incident.warning, incident.measures = warning, dict(measures)
    if old != (warning, measures):
        names = {"red": "红色", "orange": "橙色", "yellow": "黄色", "blue": "蓝色", "": "无"}
        text = f"研判数据：预警 {names[warning]}；" + "；".join(f"{k}={v:g}" for k, v in measures.items())
        timeline.record(session, incident, "assessment", text)
        from . import incidents as _incidents

        _incidents.regrade(session, incident)  # magnitude, burned area, outage share feed the grade
