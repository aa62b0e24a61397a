"""The drill clock: simulated time that starts paused, runs at a speed, pauses and only jumps forward."""

from datetime import datetime, timedelta

import pytest

from commanddesk.clock import BEIJING, FixedClock
from commanddesk.drills.clock import DrillClock

START = datetime(2026, 7, 1, 8, 0, tzinfo=BEIJING)


@pytest.fixture
def real():
    return FixedClock(datetime(2026, 11, 23, 22, 0, tzinfo=BEIJING))


def test_starts_paused_at_the_scenario_start(real):
    c = DrillClock(START, real)
    real.advance(minutes=10)
    assert c.paused
    assert c.now() == START


def test_naive_start_is_beijing_time(real):
    c = DrillClock(datetime(2026, 7, 1, 8, 0), real)
    assert c.now() == START


def test_runs_with_real_time_at_its_speed(real):
    c = DrillClock(START, real, speed=5)
    c.start()
    real.advance(minutes=2)
    assert c.now() == START + timedelta(minutes=10)


def test_pause_freezes_and_resume_does_not_count_the_pause(real):
    c = DrillClock(START, real)
    c.start()
    real.advance(minutes=3)
    c.pause()
    real.advance(hours=1)
    assert c.now() == START + timedelta(minutes=3)
    c.start()
    real.advance(minutes=1)
    assert c.now() == START + timedelta(minutes=4)


def test_start_and_pause_twice_change_nothing(real):
    c = DrillClock(START, real)
    c.start()
    real.advance(minutes=1)
    c.start()
    real.advance(minutes=1)
    assert c.now() == START + timedelta(minutes=2)
    c.pause()
    c.pause()
    assert c.now() == START + timedelta(minutes=2)


def test_speed_change_applies_from_now_on(real):
    c = DrillClock(START, real)
    c.start()
    real.advance(minutes=4)
    c.set_speed(10)
    real.advance(minutes=1)
    assert c.now() == START + timedelta(minutes=14)
    assert c.speed == 10


@pytest.mark.parametrize("speed", [0, -2])
def test_speed_must_be_positive(real, speed):
    c = DrillClock(START, real)
    with pytest.raises(ValueError):
        c.set_speed(speed)
    assert c.speed == 1.0


def test_jump_forward_then_keeps_running(real):
    c = DrillClock(START, real, speed=2)
    c.start()
    c.jump(START + timedelta(hours=2))
    assert c.now() == START + timedelta(hours=2)
    real.advance(minutes=1)
    assert c.now() == START + timedelta(hours=2, minutes=2)


def test_jump_backward_is_ignored(real):
    c = DrillClock(START, real)
    c.start()
    real.advance(minutes=30)
    c.jump(START)
    assert c.now() == START + timedelta(minutes=30)


def test_jump_while_paused_stays_paused(real):
    c = DrillClock(START, real)
    c.jump(START + timedelta(hours=1))
    real.advance(minutes=5)
    assert c.paused
    assert c.now() == START + timedelta(hours=1)
