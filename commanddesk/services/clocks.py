"""Reporting clocks of incidents: derived from the rule set, stored, evaluated.

Deadlines are derived from rules and stored on ``ClockInstance`` rows; only
final outcomes (met, met late, waived, superseded) are stored as states. Whether
an open clock is pending, due soon or overdue is worked out from its stored
times and the clock's ``now`` on every look, so clocks survive restarts and a
clock that ran out while the app was closed shows overdue at once. A 补报期
(kind "window") is never overdue: it is open, then closed.

Facts that have no column of their own live on the timeline: when a disaster
was marked stable (kind "stability") and the ticks of a checklist rule such as
the step-up report of decree 493 art. 10 (kind "checklist", one entry per item
with its time), so no migration is needed and every tick is audited.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session, object_session

from ..clock import format_beijing
from ..models import CLOSED_STATUSES, ClockInstance, Incident, Report, TimelineEvent
from ..rules import clocks as rules

OPEN, MET, MET_LATE, WAIVED, SUPERSEDED = "open", "met", "met_late", "waived", "superseded"
WINDOW_OPEN, WINDOW_CLOSED = "window_open", "window_closed"
STATE_LABELS = {"pending": "计时中", "due_soon": "即将到时", "overdue": "已超时", MET: "已按时完成",
                MET_LATE: "迟报", WAIVED: "已豁免", SUPERSEDED: "不再适用",
                WINDOW_OPEN: "补报期内（伤亡变化时须补报）", WINDOW_CLOSED: "补报期已满（已关闭）"}
CASUALTY_KEYS = ("deaths", "missing", "serious_injuries", "injuries", "injured_unknown")
PEOPLE_KEYS = ("relocated", "affected", "drought_aid")  # people who need relocation or basic-needs relief
UNSTABLE, RELOCATED = "disaster_unstable", "people_relocated"
HORIZON_HOURS = 24


@cache
def ruleset() -> rules.RuleSet:
    """The rule set in force: the shipped default with the post's overrides, if any.

    Local-example rules (status L) are switched or retimed in
    ``<user data>/rules/clock-overrides.toml``, e.g.::

        [rules.C-XUBAO]
        times = ["09:00", "16:00"]

    A malformed override file does not stop intake or the start of the app: the shipped rules are used
    as they are (the statutory ones cannot be overridden anyway), the log says so, and
    ``ruleset_problem()`` gives the reason for the screens.
    """
    from .. import paths
    from ..errors import UserError

    override = paths.data_dir() / "rules" / "clock-overrides.toml"
    _PROBLEM.clear()
    if not override.exists():
        return rules.load_ruleset()
    try:
        return rules.load_ruleset(overrides=override)
    except UserError as exc:
        _PROBLEM.append(f"本地时限配置未生效，已按内置规则计时：{exc.message}")
        logging.getLogger(__name__).warning("%s", _PROBLEM[0])
        return rules.load_ruleset()


_PROBLEM: list[str] = []


def ruleset_problem() -> str:
    """Why the post's clock overrides are not in force ("" when they are, or when there are none)."""
    ruleset()
    return _PROBLEM[0] if _PROBLEM else ""


def facts(incident: Incident) -> rules.IncidentFacts:
    """What the rules need to know about an incident.

    The clock triggers read the event grade (``incident.grade``), never a
    response level. Besides the stored flags, ``people_relocated`` is set
    while any count or prediction of relocated or affected people is above 0.
    """
    level_at = None
    if incident.grade_basis_call_id is not None:
        level_at = next((c.received_at for c in incident.calls if c.id == incident.grade_basis_call_id), None)
    flags = set(incident.flags or ())
    if any((incident.counts or {}).get(k) or (incident.predicted or {}).get(k) for k in PEOPLE_KEYS):
        flags.add(RELOCATED)
    session = object_session(incident)
    initial = None
    if session is not None and incident.id is not None:
        initial = session.scalar(select(func.min(Report.sent_at)).where(
            Report.incident_id == incident.id, Report.kind == "initial", Report.status == "sent"))
    return rules.IncidentFacts(
        category=incident.category, type=incident.type, level=incident.grade,
        received_at=incident.received_at, occurred_at=incident.occurred_at,
        unit_received_at=incident.unit_received_at, level_received_at=level_at or incident.received_at,
        flags=frozenset(flags), stabilised_at=stabilised_at(incident), initial_sent_at=initial,
        casualty_changes=casualty_changes(incident))


def casualty_changes(incident: Incident) -> tuple[datetime, ...]:
    """Receipt times of the calls after the first that changed a dead, missing or injured figure
    (including people injured whose severity is not yet known)."""
    seen: dict = {}
    out = []
    for n, call in enumerate(incident.calls):
        merged = {**seen, **(call.counts or {})}
        if n and any(int(merged.get(k) or 0) != int(seen.get(k) or 0) for k in CASUALTY_KEYS):
            out.append(call.received_at)
        seen = merged
    return tuple(out)


def stabilised_at(incident: Incident) -> datetime | None:
    """When the disaster was marked stable, if its latest stability entry says so."""
    for event in reversed(incident.events):
        if event.kind == "stability":
            data = event.data or {}
            return datetime.fromisoformat(data["at"]) if data.get("stable") and data.get("at") else None
    return None


def of_incident(session: Session, incident_id: int) -> list[ClockInstance]:
    """Every clock of one incident (applicable or not), by deadline."""
    return list(session.scalars(select(ClockInstance).where(ClockInstance.incident_id == incident_id)
                                .order_by(ClockInstance.due_at, ClockInstance.id)))


def states_by_incident(session: Session, incident_ids: list[int], now: datetime) -> dict[int, list[str]]:
    """The state of each applicable clock of these incidents, in one query (for lists)."""
    out: dict[int, list[str]] = {}
    for c in session.scalars(select(ClockInstance).where(ClockInstance.incident_id.in_(incident_ids),
                                                         ClockInstance.inapplicable_since.is_(None))):
        out.setdefault(c.incident_id, []).append(state_of(c, now))
    return out


def state_of(inst: ClockInstance, now: datetime) -> str:
    """pending / due_soon / overdue for open clocks; window_open / window_closed for 补报期;
    the stored state otherwise."""
    if inst.kind == "window" and inst.state == OPEN:
        return WINDOW_OPEN if now < inst.due_at else WINDOW_CLOSED
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


def _recipient(session: Session, d: rules.DerivedClock, now: datetime) -> str:
    """Who a new clock reports to: the 带班领导 clock names the leader rostered when the call came in,
    with the phone the 通讯录 has for that name (none when the name is not there, or there twice)."""
    if "notify_leader" not in d.satisfied_by:
        return d.recipient
    from . import roster

    leader = roster.shift_at(session, d.anchor_at or now).leader.strip()
    if not leader:
        return d.recipient
    phone = roster.phone_of(session, leader)
    return f"{d.recipient}（{leader}{' ' + phone if phone else ''}）"[:100]


def sync(session: Session, incident: Incident, now: datetime, flush: bool = True) -> list[str]:
    """Bring an incident's clocks in line with its current facts; return what changed.

    With *flush* False the new clocks stay pending and the unit's own report is not checked: a merge
    (services/sync.py) re-derives many incidents this way, flushes once, then calls ``meet_unit_call``.
    """
    rs = ruleset()
    if incident.status in CLOSED_STATUSES:
        derived: list[rules.DerivedClock] = []
    else:
        derived = rules.derive(rs, facts(incident), now, HORIZON_HOURS)
    existing = {(c.rule_id, c.slot): c for c in session.scalars(
        select(ClockInstance).where(ClockInstance.incident_id == incident.id))}
    wanted = {(d.rule_id, d.slot): d for d in derived}
    changes: list[str] = []
    for key, d in wanted.items():
        inst = existing.get(key)
        if inst is None:
            inst = ClockInstance(
                incident_id=incident.id, rule_id=d.rule_id, ruleset_version=rs.version, slot=d.slot,
                name=d.name, kind=d.kind, recipient=_recipient(session, d, now), anchor=d.anchor, anchor_at=d.anchor_at,
                due_at=d.due_at, warn_at=d.warn_at, satisfied_by=list(d.satisfied_by), state=OPEN,
                created_at=now, note=d.note)
            session.add(inst)
            changes.append(f"开始计时：{d.name}，时限 {format_beijing(d.due_at)}" + (f"（{d.note}）" if d.note else ""))
        elif inst.state == SUPERSEDED or inst.inapplicable_since is not None:
            # applies again (e.g. re-graded back up): reopen with the newly derived deadline
            inst.state, inst.inapplicable_since, inst.note = OPEN, None, d.note
            inst.anchor, inst.anchor_at, inst.due_at, inst.warn_at = d.anchor, d.anchor_at, d.due_at, d.warn_at
            changes.append(f"重新适用：{d.name}，时限 {format_beijing(d.due_at)}")
        elif inst.state == OPEN and _anchor_corrected(inst, d):
            # the event time became known or was corrected: the clock runs from it now
            old = inst.due_at
            inst.anchor, inst.anchor_at, inst.due_at, inst.warn_at = d.anchor, d.anchor_at, d.due_at, d.warn_at
            inst.note = d.note or f"{format_beijing(now)} 起改按{rules.ANCHORS.get(d.anchor, d.anchor)}时间起算"
            changes.append(f"重新起算：{d.name}，时限 {format_beijing(old)} → {format_beijing(d.due_at)}")
    horizon = now + timedelta(hours=HORIZON_HOURS)
    for key, inst in existing.items():
        if key in wanted or inst.state == SUPERSEDED or inst.inapplicable_since is not None:
            continue
        if inst.kind == "recurring" and inst.state == OPEN and inst.due_at > horizon and \
                inst.rule_id in {k[0] for k in wanted}:
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
    if flush:
        session.flush()
        meet_unit_call(session, incident)
    return changes


def meet_unit_call(session: Session, incident: Incident) -> None:
    """The unit's own duty is judged by when its report reached us: its first call meets that clock."""
    unit_call = next((c for c in incident.calls if c.caller_unit), None)
    if unit_call is not None:
        meet(session, incident.id, {"unit_report"}, unit_call.received_at,
             why=f"事发单位（{unit_call.caller_unit}）来电")


def _anchor_corrected(inst: ClockInstance, d: rules.DerivedClock) -> bool:
    """Whether an open clock's start moved because the event time became known or was corrected."""
    if d.anchor != inst.anchor:
        return d.anchor in ("event", "unit_receipt") or inst.anchor in ("event", "unit_receipt")
    return d.anchor in ("event", "unit_receipt") and d.anchor_at != inst.anchor_at


def rule_label(rule_id: str) -> str:
    """What a rule rests on, for display: e.g. "N 国家规定：《生产安全事故报告和调查处理条例》…"."""
    try:
        rule = ruleset().rule(rule_id)
    except KeyError:
        return ""
    return f"{rule.status_label}：{rule.source}"


def late_minutes(at: datetime, due: datetime) -> int:
    """Whole minutes late, rounded up, at least 1 (a report 10 s late is 1 minute late)."""
    return max(1, int((at - due).total_seconds() + 59) // 60)


def satisfy(session: Session, report: Report, tokens: set[str]) -> list[ClockInstance]:
    """Mark the clocks a sent report meets; a sent 初报 (or a 补报 window's report) re-derives the rest.

    The first 续报 / 零报告 slot waits for the 初报, and 补报 deadlines start only
    after it, so sending one changes which slots and deadlines exist.
    """
    met = meet(session, report.incident_id, tokens, report.sent_at, report.id)
    if report.kind == "initial":
        incident = session.get(Incident, report.incident_id)
        clock = session.info.get("clock")
        sync(session, incident, clock.now() if clock is not None else report.sent_at)
    return met


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
        if inst.kind == "window":
            continue  # a 补报期 is not met by a report; its changes have their own deadlines
        items = _checklist_items(inst)
        if items:
            for item in items:
                if tokens.intersection(item.satisfied_by) and item.id not in checklist_done(session, inst):
                    _record_tick(session, incident, inst, item, at, why or _report_why(session, report_id))
            if _close_if_complete(session, inst, report_id):
                met.append(inst)
            continue
        if not tokens.intersection(inst.satisfied_by):
            continue
        if inst.anchor == "casualty_change" and at < inst.anchor_at:
            continue  # a report sent before the change did not carry it
        if inst.kind == "recurring":
            if inst.rule_id in used_rules or not _slot_open_at(session, inst, at):
                continue
            used_rules.add(inst.rule_id)
        _close(inst, at, report_id)
        if why:
            inst.note = why
        met.append(inst)
    if met:
        parts = [f"{i.name}{'（迟报 ' + str(i.late_minutes) + ' 分钟）' if i.state == MET_LATE else '（按时）'}"
                 for i in met]
        _note(session, incident, "时限完成：" + "；".join(parts), at)
    session.flush()
    return met


def _slot_open_at(session: Session, inst: ClockInstance, at: datetime) -> bool:
    """Whether a report at *at* can serve this slot: it comes after the rule's previous slot.

    Two 续报 sent before 08:00 serve the 08:00 slot once; the 17:00 slot needs one after 08:00.
    """
    previous = session.scalar(select(func.max(ClockInstance.due_at)).where(
        ClockInstance.incident_id == inst.incident_id, ClockInstance.rule_id == inst.rule_id,
        ClockInstance.due_at < inst.due_at))
    return previous is None or at > previous


def _close(inst: ClockInstance, at: datetime, report_id: int | None) -> None:
    inst.met_at = at
    inst.met_by_report_id = report_id
    if at <= inst.due_at:
        inst.state = MET
    else:
        inst.state = MET_LATE
        inst.late_minutes = late_minutes(at, inst.due_at)


def _report_why(session: Session, report_id: int | None) -> str:
    report = session.get(Report, report_id) if report_id is not None else None
    return f"随报告登记（{report.title}）" if report is not None else ""


# --- checklists (decree 493 art. 10: report up AND to the own government, notify four bodies) ---

@dataclass(frozen=True)
class ChecklistEntry:
    """One item of a clock's checklist, done or not."""

    id: str
    label: str
    required: bool
    done_at: datetime | None
    by: str
    note: str


def _checklist_items(inst: ClockInstance) -> tuple[rules.ChecklistItem, ...]:
    if "checklist" not in (inst.satisfied_by or ()):
        return ()
    try:
        return ruleset().rule(inst.rule_id).checklist
    except KeyError:
        return ()


def checklist_done(session: Session, inst: ClockInstance) -> dict[str, TimelineEvent]:
    """The ticked items of a clock: item id → the timeline entry that ticked it (first tick wins)."""
    done: dict[str, TimelineEvent] = {}
    session.flush()
    for event in session.scalars(select(TimelineEvent).where(
            TimelineEvent.incident_id == inst.incident_id, TimelineEvent.kind == "checklist")
            .order_by(TimelineEvent.id)):
        data = event.data or {}
        if data.get("clock_id") == inst.id and data.get("item") not in done:
            done[data.get("item")] = event
    return done


def checklist(session: Session, clock_id: int) -> list[ChecklistEntry]:
    """A clock's checklist with the time each item was done (empty for clocks without one)."""
    inst = session.get(ClockInstance, clock_id)
    if inst is None:
        return []
    done = checklist_done(session, inst)
    out = []
    for item in _checklist_items(inst):
        event = done.get(item.id)
        at = datetime.fromisoformat(event.data["at"]) if event is not None else None
        out.append(ChecklistEntry(item.id, item.label, item.required, at,
                                  event.actor_name if event is not None else "",
                                  (event.data or {}).get("note", "") if event is not None else ""))
    return out


def _record_tick(session: Session, incident: Incident, inst: ClockInstance, item: rules.ChecklistItem,
                 at: datetime, note: str) -> None:
    actor = session.info.get("actor")
    session.add(TimelineEvent(
        incident=incident, at=at, kind="checklist",
        summary=f"{inst.name}：{item.label}（{format_beijing(at)}）" + (f"；{note}" if note else ""),
        actor_id=getattr(actor, "operator_id", None), actor_name=getattr(actor, "name", "系统"),
        data={"clock_id": inst.id, "rule_id": inst.rule_id, "item": item.id, "at": at.isoformat(), "note": note}))
    session.flush()


def _close_if_complete(session: Session, inst: ClockInstance, report_id: int | None = None) -> bool:
    """Meet a checklist clock once every required item is done, at the last of their times."""
    if inst.state != OPEN:
        return False
    done = checklist_done(session, inst)
    required = [i for i in _checklist_items(inst) if i.required]
    if not all(i.id in done for i in required):
        return False
    _close(inst, max(datetime.fromisoformat(done[i.id].data["at"]) for i in required), report_id)
    return True


def tick(session: Session, clock_id: int, item_id: str, at: datetime | None = None, note: str = "") -> ChecklistEntry:
    """Record that one checklist item was done at *at* (default now); closes the clock when complete."""
    from ..errors import UserError, ValidationError
    from . import auth

    auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    inst = session.get(ClockInstance, clock_id)
    if inst is None:
        raise UserError("该报告时限已不存在。")
    items = {i.id: i for i in _checklist_items(inst)}
    if not items:
        raise UserError(f"“{inst.name}”没有逐项清单。")
    if item_id not in items:
        raise ValidationError(f"“{inst.name}”的清单中没有“{item_id}”这一项。", "item")
    if item_id in checklist_done(session, inst):
        raise UserError(f"“{items[item_id].label}”已登记过，如需更正请在时间线补记说明。")
    now = session.info["clock"].now()
    at = at or now
    incident = session.get(Incident, inst.incident_id)
    if at > now:
        raise ValidationError("完成时间不能晚于当前时间。", "at")
    if at < incident.received_at:
        raise ValidationError("完成时间不能早于接报时间。", "at")
    _record_tick(session, incident, inst, items[item_id], at, note.strip())
    if _close_if_complete(session, inst):
        late = f"（迟报 {inst.late_minutes} 分钟）" if inst.state == MET_LATE else "（按时）"
        _note(session, incident, f"时限完成：{inst.name}{late}", inst.met_at)
    session.flush()
    return next(e for e in checklist(session, clock_id) if e.id == item_id)


# --- disaster stability and relief ---------------------------------------------------------

def set_stable(session: Session, incident_id: int, stable: bool = True, at: datetime | None = None) -> None:
    """Mark a natural disaster stable (zero reports stop, the 核报 window starts) or unstable again."""
    from ..errors import UserError, ValidationError
    from . import auth

    auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise UserError("该事件已不存在。")
    if incident.category != "natural":
        raise UserError("只有自然灾害才有“灾情稳定”之分。")
    now = session.info["clock"].now()
    at = at or now
    if at > now:
        raise ValidationError("稳定时间不能晚于当前时间。", "at")
    if at < incident.received_at:
        raise ValidationError("稳定时间不能早于接报时间。", "at")
    flags = set(incident.flags or ())
    if stable == (UNSTABLE not in flags) and (stabilised_at(incident) is not None) == stable:
        return
    if stable:
        flags.discard(UNSTABLE)
    else:
        flags.add(UNSTABLE)
    incident.flags = sorted(flags)
    actor = session.info.get("actor")
    text = (f"灾情稳定（{format_beijing(at)}）：停止每日零报告，核报期开始" if stable
            else f"灾情重新不稳定（{format_beijing(at)}）：恢复每日零报告")
    session.add(TimelineEvent(incident=incident, at=at, kind="stability", summary=text,
                              actor_id=getattr(actor, "operator_id", None), actor_name=getattr(actor, "name", "系统"),
                              data={"stable": stable, "at": at.isoformat()}))
    session.flush()
    sync(session, incident, now)


def confirm_relief(session: Session, incident_id: int, at: datetime | None = None, note: str = "") -> list[ClockInstance]:
    """Record that the affected people's basic needs are met (the 10-hour relief target)."""
    from ..errors import UserError, ValidationError
    from . import auth

    auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise UserError("该事件已不存在。")
    now = session.info["clock"].now()
    at = at or now
    if at > now or at < incident.received_at:
        raise ValidationError("保障落实时间应在接报之后、当前时间之前。", "at")
    return meet(session, incident_id, {"relief"}, at, why=note.strip() or "受灾群众基本生活保障已落实")


def waive(session: Session, clock_id: int, reason: str, approver: str) -> None:
    """Waive a clock with a reason and the approving leader (e.g. HQ told the city directly)."""
    from ..errors import ValidationError
    from . import auth

    auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
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
    incident_number: str = ""  # as people see it: #7, or 车1-0007 for a vehicle's incident


def incident_views(session: Session, drills: bool = False) -> list[ClockView]:
    """Every open, applicable clock of real (or drill) incidents, by deadline (``deadlines.running`` adds the rest).

    补报 windows (kind "window") are not deadlines to race against; they show on
    the incident, not on the strip.
    """
    from .sites import incident_heading

    rows = session.execute(
        select(ClockInstance, Incident.title, Incident.sync_site, Incident.site_number)
        .join(Incident, Incident.id == ClockInstance.incident_id)
        .where(ClockInstance.state == OPEN, ClockInstance.inapplicable_since.is_(None),
               ClockInstance.kind != "window",
               Incident.is_drill.is_(drills))
        .order_by(ClockInstance.due_at)).all()
    return [ClockView(c.id, c.incident_id, title, c.name, c.recipient, c.due_at, c.warn_at,
                      incident_heading(site, number, c.incident_id)) for c, title, site, number in rows]


def sync_all(session: Session, now: datetime) -> int:
    """Re-derive the clocks of every open incident (recurring slots roll forward)."""
    incidents = session.scalars(select(Incident).where(
        Incident.status.not_in(CLOSED_STATUSES))).all()
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
