"""Every running deadline in one list: an incident's reporting clocks and a leader's instruction, soonest first."""

from datetime import timedelta

from commanddesk.services import clocks, deadlines, incidents, instructions


def test_incident_clocks_and_instruction_feedback_are_one_list_by_deadline(store, officer, clock):
    with store.transaction() as s:
        inc = incidents.record_call(s, incidents.CallInput(category="accident", type="accident.hazmat",
                                                           place_text="某罐区", counts={"deaths": 1})).incident_id
        row = instructions.record(s, "周建华", "十分钟内报告现场情况", due_at=clock.now() + timedelta(minutes=10))
    with store.read() as s:
        own = clocks.incident_views(s)
        views = deadlines.running(s)
    assert own and all(v.incident_id == inc for v in own)
    assert {v.id for v in views} == {v.id for v in own} | {-row.id}
    assert [v.due_at for v in views] == sorted(v.due_at for v in views)


def test_a_drill_workspace_sees_none_of_the_real_deadlines(store, officer, clock):
    with store.transaction() as s:
        incidents.record_call(s, incidents.CallInput(category="accident", type="accident.hazmat",
                                                     place_text="某罐区", counts={"deaths": 1}))
        instructions.record(s, "周建华", "报告", due_at=clock.now() + timedelta(minutes=10))
    with store.read() as s:
        assert deadlines.running(s) and deadlines.running(s, drills=True) == []
