"""The dispatch board: late arrivals highlighted after the grace time."""

from datetime import timedelta

from commanddesk.rules import dispatch as rules
from commanddesk.services import dispatch as svc
from commanddesk.services import dispatch_board
from tests.services.test_dispatch import post  # noqa: F401 - a fixture


def test_board_highlights_overdue_arrivals(post, clock):
    """The board derives time since dispatch and ETA from the clock; late arrivals are overdue."""
    store, inc, ids = post
    with store.transaction() as s:
        [d] = svc.dispatch(s, inc, [ids["far"]], "洗消")
        eta = d.eta_at
    with store.read() as s:
        row = dispatch_board.board(s, inc, clock.now())[0]
    assert not row.overdue and row.minutes_since == 0 and "剩" in row.eta_text(clock.now())
    assert ("dispatched", "已出动") in row.actions and ("available", "取消调派") in row.actions
    clock.set(eta + timedelta(minutes=rules.load().travel.arrival_grace_minutes + 3))
    with store.read() as s:
        row = dispatch_board.board(s, inc, clock.now())[0]
    assert row.overdue and row.overdue_minutes >= 8 and "已超" in row.eta_text(clock.now())
