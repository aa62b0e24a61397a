"""The 值班 home page: open incidents with their next step, live countdowns, one keystroke to the incident."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget

from commanddesk.services import incidents as svc
from commanddesk.services import reports
from commanddesk.ui.duty_page import B_DRAFTS, B_DUE, B_EVENT, B_LEFT, B_NEXT, B_STATE


def _hazmat(store, place: str) -> int:
    with store.transaction() as s:
        return svc.record_call(s, svc.CallInput(
            category="accident", type="accident.hazmat", place_text=place, counts={"deaths": 11})).incident_id


def _duty(window):
    window.show_page("duty")
    page = window.page("duty")
    page.reload()
    return page


def test_duty_page_lists_open_incident_with_most_urgent_clock(qtbot, window, demo_store):
    """The incident, its nearest deadline with due time and time left, in the state's colours, and the next step."""
    inc = _hazmat(demo_store, "徐圩新区某罐区")
    page = _duty(window)
    assert page.board.rows.rowCount() == 1
    row = page.board.rows.row(0)
    assert row.texts[B_EVENT] == f"#{inc} 徐圩新区某罐区危险化学品事故"
    assert row.texts[2].startswith("报告带班领导")  # the 10-minute clock comes first
    assert row.texts[B_DUE].endswith("22:10:00") and row.texts[B_LEFT] == "10:00"
    assert row.texts[B_STATE] == "计时中" and row.cell_bg[B_STATE] == "#e8f1e8"
    assert row.texts[B_NEXT].startswith("下一时限：报告带班领导")
    assert "1 起" in page.board_note.text()


def test_duty_page_follows_the_clock(qtbot, window, demo_store, clock):
    """Time passes: the countdown drops, then the clock is overdue in red and the next step says so."""
    _hazmat(demo_store, "徐圩新区某罐区")
    page = _duty(window)
    clock.advance(minutes=6)
    page.tick()
    row = page.board.rows.row(0)
    assert row.texts[B_LEFT] == "04:00" and row.texts[B_STATE] == "即将到时"
    clock.advance(minutes=5)
    page.tick()
    row = page.board.rows.row(0)
    assert row.texts[B_LEFT] == "超时 01:00" and row.texts[B_STATE] == "已超时"
    assert row.cell_bg[B_STATE] == "#c62828" and row.cell_fg[B_LEFT] == "#c62828"
    assert row.texts[B_NEXT] == "立即完成：报告带班领导（已超时）"


def test_most_urgent_incident_first_with_unsent_reports(qtbot, window, demo_store, clock):
    """Two incidents: the one with the nearer deadline leads; an unsent draft is named."""
    first = _hazmat(demo_store, "甲地罐区")
    clock.advance(minutes=4)
    second = _hazmat(demo_store, "乙地罐区")
    with demo_store.transaction() as s:
        reports.draft(s, second, "initial")
    page = _duty(window)
    assert [line.id for line in page.lines] == [first, second]
    assert page.board.rows.row(1).texts[B_DRAFTS] == "初报 草稿"
    assert page.board.rows.row(0).texts[B_DRAFTS] == "—"


def test_a_vehicles_incident_is_listed_by_its_own_number(qtbot, window, demo_store):
    """On the board and in its tooltip a vehicle's incident reads 车1-0007, not its local id."""
    from commanddesk.models import Incident

    inc = _hazmat(demo_store, "徐圩新区某罐区")
    with demo_store.transaction() as s:
        s.get(Incident, inc).sync_site, s.get(Incident, inc).site_number = "车1", 7
    row = _duty(window).board.rows.row(0)
    assert row.texts[B_EVENT] == "车1-0007 徐圩新区某罐区危险化学品事故" and row.tip.startswith("车1-0007 ")


def test_new_incident_appears_without_leaving_the_page(qtbot, window, demo_store):
    """A change announced by another page refreshes the board while it is shown."""
    page = _duty(window)
    assert page.board.rows.rowCount() == 0 and "没有在办事件" in page.board_note.text()
    _hazmat(demo_store, "徐圩新区某罐区")
    window.ctx.notifier.sig_data_changed.emit("incidents")
    assert page.board.rows.rowCount() == 1


def test_enter_and_double_click_open_the_incident(qtbot, window, demo_store):
    """Enter on the selected row, or a double-click on any row, opens that incident."""
    ids = [_hazmat(demo_store, f"{n}号罐区") for n in range(2)]
    page = _duty(window)
    board = page.board
    board.setFocus()
    board.select_source(1)
    qtbot.keyClick(board, Qt.Key.Key_Return)
    incidents = window.page("incidents")
    assert window.stack.currentWidget() is incidents and incidents.current_id == page.lines[1].id
    page = _duty(window)
    rect = board.visualRect(board.rows.index(0, B_EVENT))
    qtbot.mouseClick(board.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a double click's first half
    qtbot.mouseDClick(board.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.stack.currentWidget() is incidents and incidents.current_id == page.lines[0].id
    assert set(ids) == {line.id for line in page.lines}


def test_duty_tables_fit_1366x768(qtbot, window, demo_store):
    """Board, expiring stock and shift log all fit the width (no horizontal scrollbar)."""
    for n in range(3):
        _hazmat(demo_store, f"{n}号罐区非常长的地名用来测试省略显示效果")
    page = _duty(window)
    qtbot.wait(30)
    assert window.width() == 1366
    expiring = page.findChild(QTableWidget, "expiry_table")
    assert expiring is not None  # the demo county has stock expiring within 60 days
    for t in (page.board, expiring, page.log_box.findChild(QTableWidget)):
        assert not t.horizontalScrollBar().isVisible(), t.objectName()
        assert sum(t.columnWidth(c) for c in range(t.model().columnCount())) <= t.viewport().width()
