"""The time of receipt on the 接报 form: stamped when a call is opened and kept; live while idle."""

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from commanddesk.clock import BEIJING, FixedClock, format_beijing
from commanddesk.models import AuditEntry, CallRecord, Incident, TimelineEvent
from tests.ui.conftest import type_text

CTRL = Qt.KeyboardModifier.ControlModifier


def _ctrl_n(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    return window.page("intake")


def _pick(qtbot, box, code):
    """Choose *code* in a combo box with the arrow keys, as an officer does."""
    box.setFocus()
    for _ in range(box.count()):
        if box.currentData() == code:
            return
        qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.currentData() == code


def _fill_call(qtbot, page, place="墟沟街道某仓库"):
    """Caller, place, category and type, typed in the order of the paper log."""
    page.w["caller_unit"].setFocus()
    type_text(qtbot, page.w["caller_unit"], "墟沟派出所")
    page.w["place_text"].setFocus()
    type_text(qtbot, page.w["place_text"], place)
    _pick(qtbot, page.w["category"], "accident")
    _pick(qtbot, page.w["type"], "accident.fire")
    page.w["course"].setFocus()
    type_text(qtbot, page.w["course"], "仓库起火，火势较大")


def _saved_call(store) -> CallRecord:
    with store.read() as s:
        call = s.scalars(select(CallRecord)).one()
        s.expunge(call)
        return call


def _receipt_edits(store) -> list[str]:
    with store.read() as s:
        return list(s.scalars(select(TimelineEvent.summary).where(TimelineEvent.kind == "receipt_edit")))


def _nav(qtbot, window, key):
    """Click an entry of the navigation list."""
    from commanddesk.ui.main_window import PAGE_KEYS

    item = window.nav.item(PAGE_KEYS.index(key))
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.nav.visualItemRect(item).center())
    assert window.stack.currentWidget() is window.page(key)


@pytest.mark.parametrize("minutes", [3, 30])
def test_a_call_saved_minutes_after_ctrl_n_keeps_its_receipt_time(qtbot, window, demo_store, clock, minutes):
    """Ctrl+N at 22:00, the officer types while the caller talks, Ctrl+Enter much later: no reason asked."""
    page = _ctrl_n(qtbot, window)
    assert page.w["received_at"].text() == "2026-11-23 22:00:00"
    for step in range(minutes):  # the call goes on; the clock moves under the form
        clock.advance(minutes=1)
        if step == 0:
            _fill_call(qtbot, page)
    qtbot.wait(1200)  # more than one beat of the live timer: an opened call does not follow it
    assert page.w["received_at"].text() == "2026-11-23 22:00:00"
    assert page.receipt_state.text() == "已定格"
    qtbot.keyClick(page.w["course"], Qt.Key.Key_Return, CTRL)
    assert page.error.text() == ""
    call = _saved_call(demo_store)
    assert format_beijing(call.received_at) == "2026-11-23 22:00:00"
    assert call.stamped_at == call.received_at and call.receipt_edit_reason == ""
    assert _receipt_edits(demo_store) == []
    with demo_store.read() as s:
        assert format_beijing(s.scalars(select(Incident)).one().received_at) == "2026-11-23 22:00:00"


def test_hand_edit_of_the_receipt_time_needs_a_reason_which_is_kept(qtbot, window, demo_store, clock):
    """The officer back-dates the receipt to 21:52: refused without a reason, stored and audited with one."""
    page = _ctrl_n(qtbot, window)
    _fill_call(qtbot, page)
    clock.advance(minutes=2)
    field = page.w["received_at"]
    field.setFocus()
    field.selectAll()
    type_text(qtbot, field, "21:52")
    assert page.receipt_state.text() == "已手工修改，须填写修改原因"
    clock.advance(minutes=3)
    qtbot.keyClick(field, Qt.Key.Key_Return, CTRL)
    assert "修改原因" in page.error.text() and "21:52" in page.error.text()
    assert QApplication.focusWidget() is page.w["receipt_edit_reason"]
    with demo_store.read() as s:
        assert s.query(Incident).count() == 0
    reason = "来电时正在接听另一部电话，按通话记录补录"
    type_text(qtbot, page.w["receipt_edit_reason"], reason)
    qtbot.keyClick(page.w["receipt_edit_reason"], Qt.Key.Key_Enter, CTRL | Qt.KeyboardModifier.KeypadModifier)
    assert page.error.text() == ""
    call = _saved_call(demo_store)
    assert format_beijing(call.received_at) == "2026-11-23 21:52:00"
    assert format_beijing(call.stamped_at) == "2026-11-23 22:00:00" and call.receipt_edit_reason == reason
    edits = _receipt_edits(demo_store)
    assert len(edits) == 1 and reason in edits[0] and "21:52:00" in edits[0]
    with demo_store.read() as s:
        assert any(reason in a.after for a in s.scalars(select(AuditEntry).where(AuditEntry.entity == "call_record")))


def test_intake_reached_by_navigation_after_ten_idle_minutes_shows_the_time_now(qtbot, window, clock):
    """No stale stamp: an idle form shows the live time and is stamped when the officer starts typing."""
    _nav(qtbot, window, "intake")
    page = window.page("intake")
    assert page.w["received_at"].text() == "2026-11-23 22:00:00"
    assert page.receipt_state.text() == "实时（开始录入时定格）"
    _nav(qtbot, window, "duty")
    clock.advance(minutes=10)
    _nav(qtbot, window, "intake")
    assert page.w["received_at"].text() == "2026-11-23 22:10:00"
    clock.advance(seconds=30)  # idle on the page: the field follows the clock
    qtbot.waitUntil(lambda: page.w["received_at"].text() == "2026-11-23 22:10:30", timeout=3000)
    page.w["caller_name"].setFocus()
    type_text(qtbot, page.w["caller_name"], "王")  # the call is opened by the first keystroke
    assert page.receipt_state.text() == "已定格"
    clock.advance(minutes=3)
    qtbot.wait(1200)
    assert page.w["received_at"].text() == "2026-11-23 22:10:30"


def test_ctrl_n_after_idle_minutes_stamps_the_time_of_the_key(qtbot, window, clock):
    """The page was built long ago; Ctrl+N stamps now."""
    window.page("intake")
    clock.advance(minutes=10)
    page = _ctrl_n(qtbot, window)
    assert page.w["received_at"].text() == "2026-11-23 22:10:00" and page.receipt_state.text() == "已定格"


def test_a_saved_form_goes_idle_and_the_next_call_gets_its_own_stamp(qtbot, window, demo_store, clock):
    page = _ctrl_n(qtbot, window)
    _fill_call(qtbot, page)
    clock.advance(minutes=6)
    qtbot.keyClick(page.w["course"], Qt.Key.Key_Return, CTRL)
    assert page.error.text() == "" and not page._opened
    clock.advance(minutes=20)
    page = _ctrl_n(qtbot, window)
    assert page.w["received_at"].text() == "2026-11-23 22:26:00"


def test_drill_at_ten_times_saved_after_a_real_minute(qtbot, tmp_path, demo_template):
    """A drill clock at 10×: 60 real seconds are 10 drill minutes; the call keeps its drill-time stamp."""
    import shutil

    from commanddesk.drills.clock import DrillClock
    from commanddesk.services import demo
    from commanddesk.store import open_store
    from commanddesk.ui.context import AppContext
    from commanddesk.ui.main_window import MainWindow
    from tests.conftest import sign_in

    real = FixedClock(datetime(2026, 11, 23, 9, 0, tzinfo=BEIJING))
    drill_clock = DrillClock(datetime(2026, 7, 18, 3, 0, tzinfo=BEIJING), real=real, speed=10)
    drill_clock.start()
    path = tmp_path / "drill.sqlite"
    shutil.copyfile(demo_template, path)
    store = open_store(path, drill_clock)
    store.drill = True
    sign_in(store, demo.DEMO_OFFICER, "111111")
    window = MainWindow(AppContext(store))
    qtbot.addWidget(window)
    window.show()
    page = _ctrl_n(qtbot, window)
    assert page.w["received_at"].text() == "2026-07-18 03:00:00"
    real.advance(seconds=20)
    _fill_call(qtbot, page, place="云台街道山林")
    real.advance(seconds=40)
    assert drill_clock.now() - datetime(2026, 7, 18, 3, 0, tzinfo=BEIJING) == timedelta(minutes=10)
    qtbot.keyClick(page.w["course"], Qt.Key.Key_Return, CTRL)
    assert page.error.text() == ""
    call = _saved_call(store)
    assert format_beijing(call.received_at) == "2026-07-18 03:00:00" and call.receipt_edit_reason == ""
    with store.read() as s:
        assert s.scalars(select(Incident)).one().is_drill
    window.close()
    store.close()


def test_a_call_turned_into_a_follow_up_keeps_the_time_it_was_answered(qtbot, window, demo_store, clock):
    """The officer sees the call is about an open incident two minutes in: the receipt time stays."""
    from commanddesk.services import incidents as svc

    with demo_store.transaction() as s:
        first = svc.record_call(s, svc.CallInput(category="accident", type="accident.fire",
                                                 place_text="墟沟街道某仓库", counts={"injuries": 1}))
    clock.advance(minutes=15)
    page = _ctrl_n(qtbot, window)
    _fill_call(qtbot, page)
    clock.advance(minutes=2)
    assert page.duplicates.count() >= 1
    page.duplicates.itemActivated.emit(page.duplicates.item(0))
    assert page.incident_id == first.incident_id
    assert page.w["received_at"].text() == "2026-11-23 22:15:00" and page.receipt_state.text() == "已定格"
    qtbot.keyClick(page.w["course"], Qt.Key.Key_Return, CTRL)
    assert page.error.text() == ""
    with demo_store.read() as s:
        calls = s.scalars(select(CallRecord).order_by(CallRecord.id)).all()
        assert [format_beijing(c.received_at) for c in calls] == ["2026-11-23 22:00:00", "2026-11-23 22:15:00"]
        assert calls[1].receipt_edit_reason == ""
