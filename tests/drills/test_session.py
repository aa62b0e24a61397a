"""Starting a drill from the app: a trainer only, its own database, the trainees' actions fed back."""

import hashlib

import pytest

from commanddesk.drills import session
from commanddesk.drills.scenario import load_scenario
from commanddesk.errors import UserError
from commanddesk.services import incidents

from ..conftest import sign_in


def test_only_a_trainer_starts_a_drill(store, scenario_file):
    sign_in(store, "值班员甲")
    with pytest.raises(UserError):
        session.start(store.actor, store, load_scenario(scenario_file))


def test_a_drill_gets_its_own_database_and_leaves_the_real_one_alone(store, scenario_file):
    trainer = sign_in(store, "导调丙")
    before = hashlib.sha256(store.path.read_bytes()).hexdigest()
    run = session.start(trainer, store, load_scenario(scenario_file))
    try:
        assert run.path != store.path and run.store.drill
        assert run.clock.now() == run.scenario.start and run.elapsed().total_seconds() == 0
    finally:
        run.store.close()
    assert hashlib.sha256(store.path.read_bytes()).hexdigest() == before


def test_the_feed_shows_what_trainees_did_after_the_last_line(store, scenario_file):
    trainer = sign_in(store, "导调丙")
    run = session.start(trainer, store, load_scenario(scenario_file))
    try:
        run.store.actor = trainer.in_drill()  # in the drill the trainer may log calls like a trainee
        with run.store.transaction() as s:
            incidents.record_call(s, incidents.CallInput(category="accident", type="accident.hazmat",
                                                         place_text="罐区"))
        first = run.events_since(0)
        assert first and all(line.summary for line in first)
        assert [line.at for line in first] == sorted(line.at for line in first)
        assert run.events_since(first[-1].id) == []
    finally:
        run.store.close()
