"""Reporting clocks of incidents: derived from the rule set, stored, evaluated.

Deadlines are derived from rules and stored on ``ClockInstance`` rows; only
final outcomes (met, met late, waived, superseded) are stored as states. Whether
an open clock is pending, due soon or overdue is worked out from its stored
times and the clock's ``now`` on every look, so clocks survive restarts and a
clock that ran out while the app was closed shows overdue at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clock import format_beijing
from ..models import ClockInstance, Incident, Report, TimelineEvent
from ..rules import clocks as rules

OPEN, MET, MET_LATE, WAIVED, SUPERSEDED = "open", "met", "met_late", "waived", "superseded"
STATE_LABELS = {"pending": "计时中", "due_soon": "即将到时", "overdue": "已超时", MET: "已按时完成",
                MET_LATE: "迟报", WAIVED: "已豁免", SUPERSEDED: "不再适用"}


@cache
def ruleset() -> rules.RuleSet:
    """The rule set in force: the shipped default with the post's overrides, if any.

    Local-example rules (status L) are switched or retimed in
    ``<user data>/rules/clock-overrides.toml``, e.g.::

        [rules.C-XUBAO]
        times = ["09:00", "16:00"]
    """
    from .. import paths

    override = paths.data_dir() / "rules" / "clock-overrides.toml"
    return rules.load_ruleset(overrides=override if override.exists() else None)


def facts(incident: Incident) -> rules.IncidentFacts:
    """What the rules need to know about an incident."""
    level_at = None
    if incident.grade_basis_call_id is not None:
        level_at = next((c.received_at for c in incident.calls if c.id == incident.grade_basis_call_id), None)
    return rules.IncidentFacts(
        category=incident.category, type=incident.type, level=incident.grade,
        received_at=incident.received_at, occurred_at=incident.occurred_at,
        unit_received_at=incident.unit_received_at, level_received_at=level_at or incident.received_at,
        flags=frozenset(incident.flags or ()))


def state_of(inst: ClockInstance, now: datetime) -> str:
    """pending / due_soon / overdue for open clocks; the stored state otherwise."""
    if inst.state != OPEN:
        return inst.state
    if now >= inst.due_at:
        return "overdue"
    if now >= inst.warn_at:
        return "due_soon"
    return "pending"


def _note(session: Session, incident: Incident, text: str, at: datetime) -> None:
    actor = session.info.get("actor")
    session.add(TimelineEvent(incident=incident, at=at, kind="clock", summary=text,
                              actor_id=getattr(actor, "operator_id", None),
                              actor_name=getattr(actor, "name", "系统")))


def sync(session: Session, incident: Incident, now: datetime) -> list[str]:
    """Bring an incident's clocks in line with its current facts; return what changed."""
    rs = ruleset()
    if incident.status in ("terminated", "reviewed", "merged", "voided"):
        derived: list[rules.DerivedClock] = []
    else:
        derived = rules.derive(rs, facts(incident), now)
    existing = {(c.rule_id, c.slot): c for c in session.scalars(
        select(ClockInstance).where(ClockInstance.incident_id == incident.id))}
    wanted = {(d.rule_id, d.slot): d for d in derived}
    changes: list[str] = []
    for key, d in wanted.items():
        inst = existing.get(key)
        if inst is None:
            inst = ClockInstance(
                incident_id=incident.id, rule_id=d.rule_id, ruleset_version=rs.version, slot=d.slot,
                name=d.name, kind=d.kind, recipient=d.recipient, anchor=d.anchor, anchor_at=d.anchor_at,
                due_at=d.due_at, warn_at=d.warn_at, satisfied_by=list(d.satisfied_by), state=OPEN,
                created_at=now)
            session.add(inst)
            changes.append(f"开始计时：{d.name}，时限 {format_beijing(d.due_at)}")
        elif inst.state == SUPERSEDED or inst.inapplicable_since is not None:
            # applies again (e.g. re-graded back up): reopen with the newly derived deadline
            inst.state, inst.inapplicable_since, inst.note = OPEN, None, ""
            inst.anchor_at, inst.due_at, inst.warn_at = d.anchor_at, d.due_at, d.warn_at
            changes.append(f"重新适用：{d.name}，时限 {format_beijing(d.due_at)}")
    for key, inst in existing.items():
        if key in wanted or inst.state == SUPERSEDED or inst.inapplicable_since is not None:
            continue
        if inst.slot and inst.state == OPEN and inst.due_at > now and inst.rule_id in {k[0] for k in wanted}:
            continue  # a future slot of a recurring rule that still applies but lies past the horizon
        if inst.state == OPEN and now < inst.due_at:
            inst.state = SUPERSEDED
            inst.note = f"{format_beijing(now)} 起不再适用（等级或类型变更）"
            changes.append(f"不再适用：{inst.name}")
        else:
            inst.inapplicable_since = now
            inst.note = f"{format_beijing(now)} 起不再适用；原状态保留为证据"
    if changes:
        _note(session, incident, "报告时限：" + "；".join(changes), now)
    session.flush()
    unit_call = next((c for c in incident.calls if c.caller_unit), None)
    if unit_call is not None:  # the unit's own duty is judged by when its report reached us
        meet(session, incident.id, {"unit_report"}, unit_call.received_at,
             why=f"事发单位（{unit_call.caller_unit}）来电")
    return changes


def late_minutes(at: datetime, due: datetime) -> int:
    """Whole minutes late, rounded up, at least 1 (a report 10 s late is 1 minute late)."""
    return max(1, int((at - due).total_seconds() + 59) // 60)


def satisfy(session: Session, report: Report, tokens: set[str]) -> list[ClockInstance]:
    """Mark the clocks a sent report meets."""
    return meet(session, report.incident_id, tokens, report.sent_at, report.id)


def meet(session: Session, incident_id: int, tokens: set[str], at: datetime, report_id: int | None = None,
         why: str = "") -> list[ClockInstance]:
    """Mark open clocks fulfilled by something done at *at*; one slot per recurring rule.

    A clock is met on time when *at* is not after its deadline, otherwise met late
    (迟报) with the minutes late.
    """
    incident = session.get(Incident, incident_id)
    met: list[ClockInstance] = []
    open_ = session.scalars(select(ClockInstance).where(
        ClockInstance.incident_id == incident_id, ClockInstance.state == OPEN,
        ClockInstance.inapplicable_since.is_(None)).order_by(ClockInstance.due_at)).all()
    used_rules: set[str] = set()
    for inst in open_:
        if not tokens.intersection(inst.satisfied_by):
            continue
        if inst.slot:
            if inst.rule_id in used_rules:
                continue
            used_rules.add(inst.rule_id)
        inst.met_at = at
        inst.met_by_report_id = report_id
        if at <= inst.due_at:
            inst.state = MET
        else:
            inst.state = MET_LATE
            inst.late_minutes = late_minutes(at, inst.due_at)
        if why:
            inst.note = why
        met.append(inst)
    if met:
        parts = [f"{i.name}{'（迟报 ' + str(i.late_minutes) + ' 分钟）' if i.state == MET_LATE else '（按时）'}"
                 for i in met]
        _note(session, incident, "时限完成：" + "；".join(parts), at)
    session.flush()
    return met


def waive(session: Session, clock_id: int, reason: str, approver: str) -> None:
    """Waive a clock with a reason and the approving leader (e.g. HQ told the city directly)."""
    from ..errors import ValidationError
    from . import auth

    auth.require(session.info.get("actor"), auth.Permission.EDIT_REGISTRY)
    if not reason.strip() or not approver.strip():
        raise ValidationError("豁免须写明理由和批准的带班领导。", "reason")
    inst = session.get(ClockInstance, clock_id)
    inst.state = WAIVED
    inst.note = f"豁免：{reason.strip()}（批准：{approver.strip()}）"
    _note(session, session.get(Incident, inst.incident_id), f"时限豁免：{inst.name}；{inst.note}",
          session.info["clock"].now())


@dataclass(frozen=True)
class ClockView:
    """An open clock as the strip shows it."""

    id: int
    incident_id: int
    incident_title: str
    name: str
    recipient: str
    due_at: datetime
    warn_at: datetime


def running(session: Session, drills: bool = False) -> list[ClockView]:
    """Every open, applicable deadline of real (or drill) incidents, by deadline.

    补报 windows (kind "window") are not deadlines to race against; they show on
    the incident, not on the strip.
    """
    rows = session.execute(
        select(ClockInstance, Incident.title).join(Incident, Incident.id == ClockInstance.incident_id)
        .where(ClockInstance.state == OPEN, ClockInstance.inapplicable_since.is_(None),
               ClockInstance.kind != "window",
               Incident.is_drill.is_(drills))
        .order_by(ClockInstance.due_at)).all()
    return [ClockView(c.id, c.incident_id, title, c.name, c.recipient, c.due_at, c.warn_at) for c, title in rows]


def sync_all(session: Session, now: datetime) -> int:
    """Re-derive the clocks of every open incident (recurring slots roll forward)."""
    incidents = session.scalars(select(Incident).where(
        Incident.status.not_in(("terminated", "reviewed", "merged", "voided")))).all()
    for inc in incidents:
        sync(session, inc, now)
    return len(incidents)


@dataclass(frozen=True)
class StripItem:
    """One clock as the strip draws it at a given moment."""

    view: ClockView
    state: str  # pending / due_soon / overdue
    seconds_left: int  # negative when overdue

    @property
    def countdown(self) -> str:
        """剩余 12:34 or 超时 03:05 (hours shown when needed)."""
        s = abs(self.seconds_left)
        h, rem = divmod(s, 3600)
        m, sec = divmod(rem, 60)
        text = f"{h}:{m:02d}:{sec:02d}" if h else f"{m:02d}:{sec:02d}"
        if h >= 48:
            text = f"{h // 24} 天"
        return ("超时 " if self.seconds_left < 0 else "剩余 ") + text


def strip(views: list[ClockView], now: datetime, due_soon_minutes: int = 5) -> list[StripItem]:
    """Running clocks, most urgent first, with their state at *now*.

    The amber window is the larger of the rule's own warning time and
    ``due_soon_minutes`` before the deadline.
    """
    out = []
    for v in views:
        left = int((v.due_at - now).total_seconds())
        if left < 0:
            state = "overdue"
        elif now >= v.warn_at or left <= due_soon_minutes * 60:
            state = "due_soon"
        else:
            state = "pending"
        out.append(StripItem(v, state, left))
    out.sort(key=lambda i: i.seconds_left)
    return out
