"""Which plans apply to an incident, and at which response level, and why."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..catalogues import label
from .library import Library
from .model import Condition, Plan, level_name

TIER_RANK = {"enterprise": 0, "township": 1, "village": 1, "special": 2, "department": 3, "overall": 4}


@dataclass(frozen=True)
class IncidentFacts:
    """What matching needs to know about an incident."""

    category: str
    type: str
    grade: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    predicted: dict[str, int] = field(default_factory=dict)
    flags: frozenset[str] = frozenset()
    measures: dict[str, float] = field(default_factory=dict)
    warning: str = ""
    jurisdiction_code: str = ""
    place_text: str = ""


@dataclass(frozen=True)
class Fired:
    """A condition that holds, and whether only the predicted figure made it hold."""

    condition: Condition
    predicted: bool
    value: object


@dataclass(frozen=True)
class Match:
    """A plan that applies, the level it proposes and the grounds."""

    plan: Plan
    level: int | None
    fired: tuple[Fired, ...]
    checklist: tuple[str, ...]  # manual conditions of the proposed (or lowest) level to check by hand
    score: int
    why: str

    @property
    def reason(self) -> str:
        """E.g. 死亡（含失踪）10 人以上，符合 Ⅱ 级响应条件（研判）."""
        if self.level is None:
            return "未达到自动判定的启动条件，请按清单人工研判"
        first = self.fired[0]
        return f"{first.condition.text}，符合{level_name(self.level)}条件" + ("（依据研判可能数字）" if first.predicted else "")


def _value(facts: IncidentFacts, cond: Condition, predicted: bool):
    """The incident's figure for a condition (None when unknown)."""
    f = cond.field
    if f == "grade":
        return facts.grade
    if f == "type":
        return facts.type
    if f == "flag":
        return facts.flags
    if f == "warning":
        return facts.warning or None
    if f == "measure":
        return facts.measures.get(cond.measure)
    if predicted:  # predicted figures stand in for actual ones where given
        keys = ("deaths", "missing") if f == "dead_missing" else (f,)
        if not any(k in facts.predicted for k in keys):
            return None
        src = {**facts.counts, **facts.predicted}
    else:
        src = facts.counts
    if f == "dead_missing":
        return src.get("deaths", 0) + src.get("missing", 0)
    return src.get(f, 0)


def _holds(cond: Condition, value) -> bool:
    if value is None:
        return False
    if cond.field == "flag":
        return cond.value in value
    op, target = cond.op, cond.value
    if op == "in":
        return value in target
    if op == "==":
        return value == target
    try:
        return {">=": value >= target, ">": value > target, "<=": value <= target, "<": value < target}[op]
    except TypeError:
        return False


def _checkable(cond: Condition, facts: IncidentFacts) -> bool:
    if cond.field == "manual":
        return False
    if cond.field == "measure":
        return cond.measure in facts.measures
    if cond.field == "warning":
        return bool(facts.warning)
    if cond.field == "grade":
        return facts.grade is not None
    return True


def evaluate(plan: Plan, facts: IncidentFacts) -> tuple[int | None, tuple[Fired, ...], tuple[str, ...]]:
    """The most severe level whose conditions hold, with the firing conditions and the open checklist."""
    for lv in plan.levels:  # most severe first
        fired = []
        for c in lv.conditions:
            if not _checkable(c, facts):
                continue
            if _holds(c, _value(facts, c, False)):
                fired.append(Fired(c, False, _value(facts, c, False)))
            elif c.predicted and _holds(c, _value(facts, c, True)):
                fired.append(Fired(c, True, _value(facts, c, True)))
        if fired:
            fired.sort(key=lambda f: f.predicted)
            manual = tuple(c.text for c in lv.conditions if not _checkable(c, facts))
            return lv.level, tuple(fired), manual
    lowest = plan.levels[-1] if plan.levels else None
    manual = tuple(c.text for lv in plan.levels for c in lv.conditions if not _checkable(c, facts))
    return None, (), manual if lowest else ()


def covers(plan: Plan, facts: IncidentFacts) -> bool:
    """Whether the plan is about this kind of incident at all."""
    if plan.types:
        return facts.type in plan.types
    return plan.category in ("all", facts.category)


def match(lib: Library, facts: IncidentFacts) -> list[Match]:
    """Applicable current plans, best first, each with its proposed level and grounds."""
    out = []
    for plan in lib.current_plans():
        if not covers(plan, facts):
            continue
        level, fired, checklist = evaluate(plan, facts)
        # a plan written for this type beats a general one; the fewer types it covers, the more specific
        score = 100 + 30 // len(plan.types) if plan.types else 40
        if plan.jurisdiction_code and facts.jurisdiction_code.startswith(plan.jurisdiction_code):
            score += 20
        if plan.tier == "enterprise" and plan.issuer and plan.issuer not in facts.place_text \
                and plan.title[:6] not in facts.place_text:
            continue  # an enterprise's own plan only when the incident is at that enterprise
        if plan.tier == "township" and plan.jurisdiction and plan.jurisdiction not in facts.place_text:
            score -= 30
        score += 10 * (5 - (level or 5))
        score -= TIER_RANK.get(plan.tier, 5)
        why = f"适用于{label('incident_type', facts.type)}" if plan.types else f"{plan.tier_label}，覆盖各类突发事件"
        out.append(Match(plan, level, fired, checklist, score, why))
    return sorted(out, key=lambda m: -m.score)
