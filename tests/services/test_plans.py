"""Activating and working a plan on an incident (services, no Qt)."""

import pytest
from sqlalchemy import select

from commanddesk.errors import ValidationError
from commanddesk.models import Incident, PlanTask, TimelineEvent
from commanddesk.services import incidents, plans


@pytest.fixture
def explosion(demo_store):
    with demo_store.transaction() as s:
        return incidents.record_call(s, incidents.CallInput(
            category="accident", type="accident.explosion", place_text="连云港海晟化工有限公司",
            counts={"deaths": 3, "serious_injuries": 4})).incident_id


def _hazmat(demo_store, incident_id):
    with demo_store.read() as s:
        found = plans.matches(s, incident_id)
    return next(m for m in found if m.plan.id == "special.hazmat")


def test_explosion_matches_hazmat_plan_level_three(demo_store, explosion):
    """3 dead in a chemical explosion: the hazmat plan, Ⅲ-level response, with the condition."""
    m = _hazmat(demo_store, explosion)
    assert m.level == 3 and "Ⅲ级响应条件" in m.reason and m.plan.edition == "2024"


def test_activate_change_level_terminate(demo_store, explosion, clock):
    """Activation creates tasks; a level change keeps done work; termination records grounds."""
    m = _hazmat(demo_store, explosion)
    with demo_store.transaction() as s:
        act = plans.activate(s, explosion, m.plan.id, m.plan.edition, 3, "周建华（副局长）", m.reason)
        act_id = act.id
    with demo_store.read() as s:
        tasks = plans.tasks(s, explosion)
        assert len(tasks) == len(m.plan.level(3).measures) and all(t.state == "open" for t in tasks)
        assert all(t.owner for t in tasks) and any(t.due_at for t in tasks)
        first = tasks[0]
    with demo_store.transaction() as s:
        plans.complete(s, first.id, "已到场")
    clock.advance(minutes=30)
    with demo_store.transaction() as s:
        plans.change_level(s, act_id, 2, "周建华（副局长）", "死亡人数升至 10 人")
    with demo_store.read() as s:
        rows = {t.measure_id: t for t in s.scalars(select(PlanTask).where(PlanTask.incident_id == explosion))}
    assert rows[first.measure_id].state == "done"  # what was done stays done
    assert {t.level for t in rows.values() if t.state == "open"} == {2}
    level2 = {mm.id for mm in m.plan.level(2).measures}
    assert all(t.state == "removed" for mid, t in rows.items() if mid not in level2 and t.state != "done")
    with pytest.raises(ValidationError, match="终止依据"):
        with demo_store.transaction() as s:
            plans.terminate(s, act_id, "周建华", "")
    with demo_store.transaction() as s:
        plans.terminate(s, act_id, "周建华（副局长）", "明火扑灭，被困人员全部救出，周边监测正常")
    with demo_store.read() as s:
        inc = s.get(Incident, explosion)
        texts = [e.summary for e in s.scalars(select(TimelineEvent).where(TimelineEvent.incident_id == explosion))]
    assert inc.status == "terminated"
    assert any("启动《" in t for t in texts) and any("调整" in t for t in texts) and any("终止《" in t for t in texts)


def test_task_needs_reason_to_be_not_applicable(demo_store, explosion):
    """Not applicable needs a reason; reassignment changes the owner."""
    m = _hazmat(demo_store, explosion)
    with demo_store.transaction() as s:
        plans.activate(s, explosion, m.plan.id, m.plan.edition, 3, "周建华", "依据")
    with demo_store.read() as s:
        task = plans.tasks(s, explosion)[0]
    with pytest.raises(ValidationError, match="理由"):
        with demo_store.transaction() as s:
            plans.not_applicable(s, task.id, " ")
    with demo_store.transaction() as s:
        plans.reassign(s, task.id, "区住建局")
        plans.not_applicable(s, task.id, "现场无此设施")
    with demo_store.read() as s:
        t = s.get(PlanTask, task.id)
        assert (t.owner, t.state, t.note) == ("区住建局", "na", "现场无此设施")
