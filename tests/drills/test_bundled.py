"""The three bundled drills load, and their scripted runs score as intended (regression tests)."""

import pytest

from commanddesk.drills import runner
from commanddesk.drills.scenario import SCENARIOS_DIR, bundled, find


def test_three_bundled_scenarios_load():
    """Chemical park, typhoon, forest fire: all valid, each with a dozen injects."""
    ids = {s.id for s in bundled()}
    assert ids == {"chem-park-explosion", "typhoon-flood", "forest-fire-night"}
    assert all(len(s.injects) >= 8 for s in bundled())


@pytest.mark.parametrize("sid", ["chem-park-explosion", "typhoon-flood", "forest-fire-night"])
def test_on_time_beats_late(sid):
    """The on-time script scores at least 95 with no lateness; the late one is clearly worse."""
    sc = find(sid)
    good = runner.run(sc, runner.load_actions(SCENARIOS_DIR / "actions" / f"{sid}-ontime.toml"))
    bad = runner.run(sc, runner.load_actions(SCENARIOS_DIR / "actions" / f"{sid}-late.toml"))
    assert good.score >= 95 and good.counts["missed"] <= 1
    assert bad.score <= good.score - 15 and bad.counts["late"] + bad.counts["missed"] >= 6
