"""Scoring names each clock for what it is: a statutory deadline, a local rule or a working target."""

from datetime import timedelta

from commanddesk.drills import scoring
from commanddesk.drills.scenario import load_scenario
from commanddesk.services import incidents


def test_clock_outcomes_say_whether_the_deadline_is_law_local_practice_or_a_target(store, officer, clock, scenario_file):
    with store.transaction() as s:
        incidents.record_call(s, incidents.CallInput(category="accident", type="accident.hazmat",
                                                     place_text="罐区", counts={"deaths": 11}))
    with store.read() as s:
        ev = scoring.evaluate(s, load_scenario(scenario_file), {}, clock.now() + timedelta(hours=3))
    kinds = {o.what: o.trigger for o in ev.clocks}
    assert kinds["报告带班领导"] == "地方规定时限"  # C-LEADER-10, status L
    assert any(k == "工作目标时限" for w, k in kinds.items() if "市政府" in w)  # C-CITY-20, status T
    assert any(k == "法定时限" for w, k in kinds.items() if "逐级上报" in w)  # C-LEVEL-2H, status N
    assert all(o.state == "missed" for o in ev.clocks)
