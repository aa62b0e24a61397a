"""Plan activations and their tasks as stored: what was decided, by whom, and each task's state."""

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from commanddesk.models import AuditEntry, PlanActivation, PlanTask
from commanddesk.services import incidents


@pytest.fixture
def incident(store, officer):
    with store.transaction() as s:
        return incidents.record_call(s, incidents.CallInput(category="accident", type="accident.hazmat",
                                                            place_text="徐圩新区石化基地罐区")).incident_id


def _activate(store, incident, officer):
    now = store.clock.now()
    with store.transaction() as s:
        act = PlanActivation(incident_id=incident, plan_id="special.hazmat", edition="2024", plan_title="危化品预案",
                             level=3, decider="周建华（副局长）", grounds="死亡 1 人", activated_at=now,
                             recorded_by=officer.operator_id)
        s.add(act)
        s.flush()
        s.add_all([PlanTask(activation_id=act.id, incident_id=incident, measure_id=f"m{i}", text=f"任务{i}",
                            owner="综合协调组", level=3, due_at=now + timedelta(minutes=30 * i)) for i in (1, 2)])
        return act.id


def test_a_new_activation_is_active_and_its_tasks_open(store, incident, officer):
    """Defaults a duty officer relies on: active, not terminated; tasks open, undone, due in order."""
    act_id = _activate(store, incident, officer)
    with store.read() as s:
        act = s.get(PlanActivation, act_id)
        tasks = s.scalars(select(PlanTask).where(PlanTask.activation_id == act_id).order_by(PlanTask.due_at)).all()
    assert act.status == "active" and act.terminated_at is None and act.terminated_by == ""
    assert act.activated_at == store.clock.now()
    assert [t.state for t in tasks] == ["open", "open"] and all(t.done_at is None for t in tasks)
    assert tasks[0].due_at < tasks[1].due_at


def test_decisions_and_task_changes_are_audited_under_their_names(store, incident, officer):
    """The activation and each task change leave audit entries (预案启动 / 预案任务) naming the officer."""
    act_id = _activate(store, incident, officer)
    with store.transaction() as s:
        task = s.scalar(select(PlanTask).where(PlanTask.activation_id == act_id).limit(1))
        task.state, task.done_by, task.done_at = "done", "值班员甲", store.clock.now()
    with store.read() as s:
        entities = [e for e, in s.execute(select(AuditEntry.entity).where(AuditEntry.actor_name == "值班员甲"))]
    assert "plan_activation" in entities and entities.count("plan_task") == 3
    assert PlanActivation.__label__ == "预案启动" and PlanTask.__label__ == "预案任务"


def test_an_activation_needs_a_real_incident(store, officer):
    """An activation for an incident that does not exist is refused by the database."""
    with pytest.raises(IntegrityError):
        with store.transaction() as s:
            s.add(PlanActivation(incident_id=99999, plan_id="x", edition="1", plan_title="x", level=3, decider="x",
                                 grounds="x", activated_at=store.clock.now()))
