"""Scoring a drill: expected actions and statutory clocks, met, late (by how much) or missed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import CallRecord, ClockInstance, Grading, Incident, PlanActivation, Report, TimelineEvent
from ..services import clocks
from .scenario import KIND_LABELS, Expectation, Scenario

# What kind of deadline a clock is, by its rule's source status (rules/clocks.py STATUSES)
CLOCK_KINDS = {"N": "法定时限", "L": "地方规定时限", "T": "工作目标时限", "U": "时限（依据未核实）"}


@dataclass(frozen=True)
class Outcome:
    """One scored item."""

    what: str
    trigger: str
    due_at: datetime
    done_at: datetime | None
    state: str  # met / late / missed
    late_minutes: int = 0
    note: str = ""


@dataclass(frozen=True)
class Evaluation:
    """The score of a drill."""

    scenario_id: str
    title: str
    outcomes: tuple[Outcome, ...]
    clocks: tuple[Outcome, ...]
    kpis: dict[str, int | None]  # minutes from T+0
    events: tuple[tuple[datetime, str, str], ...]  # (time, kind, text) for the timeline chart

    @property
    def counts(self) -> dict[str, int]:
        """How many expectations and clocks were met, late and missed."""
        every = self.outcomes + self.clocks
        return {s: sum(o.state == s for o in every) for s in ("met", "late", "missed")}

    @property
    def score(self) -> int:
        """Percent: met counts 1, late ½, missed 0."""
        every = self.outcomes + self.clocks
        if not every:
            return 100
        return round(100 * sum({"met": 1, "late": 0.5}.get(o.state, 0) for o in every) / len(every))

    def as_dict(self) -> dict:
        """The evaluation as plain data for ``drill run --json``."""
        def o(x: Outcome) -> dict:
            return {"what": x.what, "trigger": x.trigger, "due": x.due_at.isoformat(),
                    "done": x.done_at.isoformat() if x.done_at else None, "state": x.state,
                    "late_minutes": x.late_minutes, "note": x.note}
        return {"scenario": self.scenario_id, "title": self.title, "score": self.score, "counts": self.counts,
                "kpis": self.kpis, "expectations": [o(x) for x in self.outcomes], "clocks": [o(x) for x in self.clocks]}


def _done_times(session: Session, action: str, params: dict) -> list[datetime]:
    """When each instance of an action happened in the drill database."""
    if action == "log_call":
        return [c.received_at for c in session.scalars(select(CallRecord))]
    if action == "grade":
        level = params.get("level")
        return [g.at for g in session.scalars(select(Grading)) if g.chosen is not None
                and (level is None or g.chosen <= level)]
    kinds = {"notify_leader": ("notify", None), "phone_city": ("phone", "city"), "initial_report": ("initial", None),
             "followup_report": ("followup", None), "zero_report": ("zero", None)}
    if action in kinds:
        kind, level = kinds[action]
        return [r.sent_at for r in session.scalars(select(Report).where(Report.kind == kind, Report.status == "sent"))
                if level is None or r.recipient_level == level]
    if action == "activate_plan":
        plan, level = params.get("plan"), params.get("level")
        return [a.activated_at for a in session.scalars(select(PlanActivation))
                if (plan is None or a.plan_id == plan) and (level is None or a.level <= level)]
    if action == "terminate":
        return [a.terminated_at for a in session.scalars(select(PlanActivation)) if a.terminated_at]
    if action == "change_level":
        return [e.at for e in session.scalars(select(TimelineEvent).where(TimelineEvent.kind == "plan"))
                if "响应级别调整" in e.summary]
    if action == "dispatch":
        from ..models import Dispatch, RescueTeam

        rows = session.execute(select(Dispatch.ordered_at, RescueTeam.team_type)
                               .join(RescueTeam, RescueTeam.id == Dispatch.team_id)).all()
        wanted = params.get("team_type")
        return [at for at, ttype in rows if wanted is None or ttype == wanted]
    if action == "issue_material":
        from ..models import StockMovement

        return [m.at for m in session.scalars(select(StockMovement)) if m.kind == "issue"]
    return []


def _judge(what: str, trigger: str, start: datetime, exp: Expectation, done: list[datetime]) -> Outcome:
    due = start + timedelta(minutes=exp.within)
    after = sorted(t for t in done if t is not None and t >= start - timedelta(seconds=1))
    if not after:
        return Outcome(what, trigger, due, None, "missed", note=exp.note)
    first = after[0]
    if first <= due:
        return Outcome(what, trigger, due, first, "met", note=exp.note)
    late = clocks.late_minutes(first, due)
    return Outcome(what, trigger, due, first, "late", late, exp.note)


def _inject_label(inject) -> str:
    """An inject as the trainer reads it: kind, source and minute (e.g. 来电·园区消防站（T+12）)."""
    return f"{KIND_LABELS.get(inject.kind, '信息')}·{inject.source}（T+{inject.at}）"


def evaluate(session: Session, scenario: Scenario, fired: dict[str, datetime], now: datetime) -> Evaluation:
    """Score the drill as it stands at *now* (fired: inject id → simulated time it fired)."""
    outcomes = []
    t0 = fired.get("initial", scenario.start)
    for exp in scenario.expect:
        outcomes.append(_judge(exp.label, "初始来电", t0, exp, _done_times(session, exp.action, exp.params)))
    for inject in scenario.injects:
        at = fired.get(inject.id)
        for exp in inject.expect:
            if at is None:
                outcomes.append(Outcome(exp.label, _inject_label(inject), scenario.at(inject.at), None, "missed",
                                        note="插入事件未触发"))
                continue
            outcomes.append(_judge(exp.label, _inject_label(inject), at, exp,
                                   _done_times(session, exp.action, exp.params)))
    clock_outcomes = []
    kinds = {r.id: CLOCK_KINDS.get(r.status, "时限") for r in clocks.ruleset().rules}
    for c in session.scalars(select(ClockInstance).order_by(ClockInstance.due_at)):
        state = clocks.state_of(c, now)
        if state in ("superseded", "waived", "pending", "due_soon") or c.kind == "window":
            continue
        label = c.name + (f"（{c.slot}）" if c.slot else "")
        kind = kinds.get(c.rule_id, "时限")
        if state == clocks.MET:
            clock_outcomes.append(Outcome(label, kind, c.due_at, c.met_at, "met"))
        elif state == clocks.MET_LATE:
            clock_outcomes.append(Outcome(label, kind, c.due_at, c.met_at, "late", c.late_minutes or 0, "迟报"))
        else:
            clock_outcomes.append(Outcome(label, kind, c.due_at, None, "missed", note="超时未报"))

    def first(action: str, **params) -> int | None:
        times = [t for t in _done_times(session, action, params) if t is not None]
        return int((min(times) - t0).total_seconds() // 60) if times else None

    kpis = {"定级": first("grade"), "首次报告": min((v for v in (first("phone_city"), first("initial_report"))
                                                if v is not None), default=None),
            "启动预案": first("activate_plan"), "首次调派": first("dispatch")}
    events: list[tuple[datetime, str, str]] = [(fired.get("initial", t0), "inject", "初始来电")]
    events += [(at, "inject", _inject_label(scenario.inject(iid)) if scenario.inject(iid) else "插入事件")
               for iid, at in fired.items() if iid != "initial"]
    incidents = session.scalars(select(Incident.id)).all()
    for e in session.scalars(select(TimelineEvent).where(TimelineEvent.incident_id.in_(incidents))):
        events.append((e.at, "action", e.summary))
    events += [(o.due_at, "deadline", o.what) for o in clock_outcomes]
    return Evaluation(scenario.id, scenario.title, tuple(outcomes), tuple(clock_outcomes), kpis,
                      tuple(sorted(events, key=lambda x: x[0])))
