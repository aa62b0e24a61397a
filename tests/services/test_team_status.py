"""A team's states: every move leads to a known state, the buttons say what the move means, reasons where due."""

from commanddesk.services import team_status as ts


def test_every_move_leads_to_a_known_state_and_back_to_standby():
    for current, targets in ts.TRANSITIONS.items():
        assert current in ts.STATUS_LABELS
        assert all(t in ts.STATUS_LABELS for t in targets)
    assert all("unavailable" in targets for state, targets in ts.TRANSITIONS.items() if state != "unavailable")
    assert ts.TRANSITIONS["unavailable"] == ("available",)


def test_buttons_name_the_move_not_the_state():
    assert ts.action_label("alerted", "available") == "取消调派"
    assert ts.action_label("returning", "available") == "已归队"
    assert ts.action_label("unavailable", "available") == "恢复待命"
    assert ts.action_label("en_route", "returning") == "召回"
    assert ts.action_label("on_scene", "returning") == "返回"


def test_a_recall_or_taking_a_team_out_needs_a_reason():
    assert ts.needs_reason("on_scene", "unavailable") and ts.needs_reason("dispatched", "returning")
    assert not ts.needs_reason("on_scene", "returning") and not ts.needs_reason("alerted", "assembling")


def test_finished_dispatches_read_in_chinese():
    assert ts.label_status("closed") == "已归队" and ts.label_status("transferred") == "已转调"
    assert all(ts.label_status(code) != code for code in ts.ACTIVE)
