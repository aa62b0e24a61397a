"""A malformed rules/clock-overrides.toml no longer refuses every intake save (nor the start of the app): the
shipped rules run as they are, and the reason is there for the screens and the log."""

from __future__ import annotations

import pytest

from sqlalchemy import select

from commanddesk import paths
from commanddesk.models import ClockInstance
from commanddesk.services import clocks
from commanddesk.services import incidents as svc

BAD = {"not TOML": b"[rules\n", "not UTF-8": bytes(range(128, 256)), "rules is a number": b"rules = 5\n",
       "unknown rule": b"[rules.NOPE]\nenabled = false\n", "times are numbers": b"[rules.C-XUBAO]\ntimes = [1, 2]\n",
       "a statutory rule retimed": b"[rules.C-LEVEL-2H]\noffset_minutes = 999\n",
       "nested 3000 deep": b"x = " + b"[" * 3000 + b"]" * 3000}


@pytest.fixture
def overrides():
    path = paths.data_dir() / "rules" / "clock-overrides.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    clocks.ruleset.cache_clear()
    yield path
    path.unlink(missing_ok=True)
    clocks.ruleset.cache_clear()


@pytest.mark.sqlite_only
@pytest.mark.parametrize("name", BAD)
def test_a_bad_override_file_falls_back_to_the_shipped_rules(store, officer, overrides, name):
    overrides.write_bytes(BAD[name])
    assert clocks.ruleset().rules  # the shipped set, statutory clocks included
    assert "本地时限配置未生效" in clocks.ruleset_problem() and "clock-overrides.toml" in clocks.ruleset_problem()
    with store.transaction() as s:
        result = svc.record_call(s, svc.CallInput(category="accident", type="accident.explosion",
                                                  place_text="海州区某厂", counts={"deaths": 1}))
    with store.read() as s:
        assert s.scalars(select(ClockInstance).where(ClockInstance.incident_id == result.incident_id)).first()


def test_a_good_override_file_is_in_force_and_no_problem_is_reported(overrides):
    overrides.write_text('[rules.C-XUBAO]\ntimes = ["09:00"]\n', encoding="utf-8")
    assert clocks.ruleset().rule("C-XUBAO").times == ("09:00",)
    assert clocks.ruleset_problem() == ""
