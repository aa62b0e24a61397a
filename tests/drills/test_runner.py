"""The drill runner: scripted actions read strictly, injects fired on simulated time, the trainer's console,
and a whole run that never touches the reference store."""

import hashlib
import json
from datetime import datetime, timedelta, timezone

import pytest

from commanddesk.clock import FixedClock
from commanddesk.drills import runner, workspace
from commanddesk.drills.clock import DrillClock
from commanddesk.drills.scenario import load_scenario
from commanddesk.errors import PermissionDenied, UserError
from commanddesk.services import settings
from commanddesk.store import open_store
from tests.conftest import sign_in


@pytest.fixture
def drill(tmp_path, scenario_file, demo_template):
    """A drill of the test scenario on its own copy of the demo, the clock paused at the scenario's start."""
    sc = load_scenario(scenario_file)
    real = FixedClock(datetime(2026, 1, 1, tzinfo=timezone.utc))
    store = open_store(workspace.create(demo_template, tmp_path / "d.sqlite"), DrillClock(sc.start, real))
    d = runner.Drill(sc, store)
    d.real = real
    yield d
    store.close()


def _actions(tmp_path, text: str):
    path = tmp_path / "actions.toml"
    path.write_text(text, encoding="utf-8")
    return runner.load_actions(path)


def test_actions_are_read_in_time_order_with_their_parameters(tmp_path):
    """Written in any order, the actions come back sorted by minute, their parameters kept."""
    acts = _actions(tmp_path, '[[actions]]\nat = 16\naction = "notify_leader"\nleader = "周建华"\n'
                              '[[actions]]\nat = 2.5\naction = "log_call"\ninject = "initial"\n')
    assert [(a.at, a.action) for a in acts] == [(2.5, "log_call"), (16.0, "notify_leader")]
    assert acts[1].params == {"leader": "周建华"}


@pytest.mark.parametrize("body, reason", [
    ('[[actions]]\nat = 3\naction = "grade"\n', "须写明 level"),
    ('[[actions]]\nat = 3\naction = "grade"\nlevel = 5\n', "level 应为 1 至 4 的整数"),
    ('[[actions]]\nat = 3\naction = "phone_city"\nitems = ["x"]\n', "没有 items 参数"),
    ('[[actions]]\nat = 3\naction = "checklist"\nitems = [1]\n', "items 应为事项编号的列表"),
    ('[[actions]]\nat = 3\naction = "issue_material"\nitems = [{ item = "A1", quantity = 0 }]\n', "A1 的 quantity"),
    ('[[actions]]\nat = 3\naction = "log_call"\ninject = "a\\u0001b"\n', "inject 应为不超过"),
])
def test_a_wrong_parameter_names_the_action_and_what_is_wrong(tmp_path, body, reason):
    """Each refusal says which action (by its number in the file) and what is wrong with it, in Chinese."""
    with pytest.raises(UserError) as err:
        _actions(tmp_path, body)
    assert "动作脚本 actions.toml 第 1 条" in err.value.message and reason in err.value.message


def test_a_fired_inject_is_told_once_and_remembered_in_the_drill_store(drill):
    """The first call and each inject are delivered once, with who said it; the drill store keeps what fired."""
    start = drill.scenario.start
    assert drill.due_injects(start - timedelta(minutes=1)) == []
    assert drill.fire("initial", start) == "来电：罐区管线泄漏"
    assert drill.due_injects(start + timedelta(minutes=12)) == ["i1"]
    text = drill.fire("i1", start + timedelta(minutes=12))
    assert text == "园区消防站（来电）：现场死亡增至 10 人"
    assert drill.due_injects(start + timedelta(minutes=40)) == ["i2"]
    assert [t for _, t in drill.received()] == ["来电：罐区管线泄漏", text]
    with drill.store.read() as s:
        assert set(json.loads(settings.get(s, "drill_fired"))) == {"initial", "i1"}


def test_only_the_trainer_sees_whats_coming_and_steers_the_clock(drill):
    """A trainer sees the injects still to come and can run, pause, speed up and jump; a trainee cannot."""
    trainer = sign_in(drill.store, "陈静", "333333")
    officer = sign_in(drill.store, "李晓明", "111111")
    assert [u[0] for u in drill.upcoming(trainer)] == ["initial", "i1", "i2"]
    with pytest.raises(PermissionDenied):
        drill.upcoming(officer)
    with pytest.raises(PermissionDenied):
        drill.start_clock(officer)
    start = drill.scenario.start
    assert drill.jump_next(trainer) == start  # the first call first
    drill.fire("initial", drill.clock.now())
    assert drill.jump_next(trainer) == start + timedelta(minutes=12) and drill.clock.now() == start + timedelta(minutes=12)
    drill.set_speed(trainer, 10)
    drill.start_clock(trainer)
    drill.real.advance(minutes=1)
    assert drill.clock.now() == start + timedelta(minutes=22)
    drill.pause(trainer)
    drill.real.advance(minutes=5)
    assert drill.clock.now() == start + timedelta(minutes=22)
    assert drill.fire_now(trainer, "i2", drill.clock.now()).startswith("市政府总值班室")
    assert [u[0] for u in drill.upcoming(trainer)] == ["i1"]


def test_nothing_left_to_jump_to(drill):
    """Once every inject has fired, 跳到下一条 has nowhere to go and time stays put."""
    trainer = sign_in(drill.store, "陈静", "333333")
    for inject in ("initial", "i1", "i2"):
        drill.fire(inject, drill.scenario.start)
    before = drill.clock.now()
    assert drill.jump_next(trainer) is None and drill.clock.now() == before


def test_ending_the_drill_freezes_time_and_scores_it(drill):
    """结束并评估: the clock stops, and the evaluation lists what was expected (nothing done: missed)."""
    trainer = sign_in(drill.store, "陈静", "333333")
    drill.fire("initial", drill.scenario.start)
    drill.start_clock(trainer)
    ev = drill.evaluate(drill.scenario.end, trainer)
    assert drill.clock.paused and ev.outcomes and ev.counts["missed"] >= 1
    assert drill.incident_id() is None  # the trainees never logged the call


def test_injects_fire_at_their_simulated_times(tmp_path, scenario_file, demo_template):
    """With an accelerated clock, each inject is due exactly when simulated time reaches it."""
    sc = load_scenario(scenario_file)
    path = workspace.create(demo_template, tmp_path / "d.sqlite")
    real = FixedClock(datetime(2026, 1, 1, tzinfo=timezone.utc))
    clock = DrillClock(sc.start, real, speed=5)
    store = open_store(path, clock)
    drill = runner.Drill(sc, store)
    clock.start()
    assert drill.due_injects(clock.now()) == ["initial"]
    drill.fire("initial", clock.now())
    real.advance(minutes=2, seconds=23)  # 11.9 simulated minutes
    assert drill.due_injects(clock.now()) == []
    real.advance(seconds=1)  # 12 simulated minutes
    assert drill.due_injects(clock.now()) == ["i1"]
    store.close()


def test_drill_leaves_real_store_byte_identical(tmp_path, scenario_file, action_files, demo_store):
    """Running a whole drill from a real store changes not one byte of it."""
    path = demo_store.path
    demo_store.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    ev = runner.run(load_scenario(scenario_file), runner.load_actions(action_files[0]), reference=path)
    assert ev.outcomes
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_kept_drill_file_holds_what_the_trainees_did(tmp_path, scenario_file, action_files):
    """keep=: the drill database stays for the debrief, with the incident the script logged."""
    kept = tmp_path / "kept.sqlite"
    runner.run(load_scenario(scenario_file), runner.load_actions(action_files[0]), keep=kept)
    store = open_store(kept, FixedClock(datetime(2026, 7, 14, tzinfo=timezone.utc)))
    try:
        from sqlalchemy import func, select

        from commanddesk.models import Incident

        with store.read() as s:
            assert s.scalar(select(func.count()).select_from(Incident)) >= 1
    finally:
        store.close()


def test_a_reference_that_is_not_a_store_is_refused_and_left_alone(tmp_path, scenario_file):
    """A reference that is not a commanddesk database: refused in Chinese before anything is copied."""
    bad = tmp_path / "ref.sqlite"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(UserError) as err:
        runner.run(load_scenario(scenario_file), [], reference=bad)
    assert err.value.message and bad.read_bytes() == b"not a database at all" * 100
