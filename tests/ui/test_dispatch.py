"""The 调派 panel driven through its widgets (pytest-qt, offscreen); the ledger, shelters and Excel have their own files."""

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from commanddesk.models import Dispatch, RescueTeam
from commanddesk.services import incidents
from commanddesk.ui.context import AppContext
from commanddesk.ui.dispatch import OVERDUE_BG, DispatchPanel
from tests.ui.conftest import type_text



@pytest.fixture
def ctx(demo_store):
    return AppContext(demo_store, demo=True)


@pytest.fixture
def hazmat(demo_store):
    """A hazmat leak at the 徐圩 tank farm, just received."""
    with demo_store.transaction() as s:
        return incidents.record_call(s, incidents.CallInput(
            category="accident", type="accident.hazmat", place_text="徐圩新区石化基地罐区",
            caller_unit="徐圩新区管理委员会", counts={"trapped": 2})).incident_id


@pytest.fixture
def panel(qtbot, ctx, hazmat):
    w = DispatchPanel(ctx)
    qtbot.addWidget(w)
    w.resize(1240, 700)
    w.show()
    w.load(hazmat)
    return w


def test_dispatch_through_the_panel(qtbot, panel, demo_store, clock, hazmat, tmp_path):
    """Tick two recommended teams, type the task, Ctrl+Enter; move one along; a late one turns red."""
    rec = panel.recommendation
    table = panel.rec_table
    assert rec.candidates and "主责" in table.rows.text(0, 3)
    assert "预计" in panel.reason_detail.text()
    first, second = rec.candidates[0], rec.candidates[1]
    for row in (0, 1):  # click the check boxes
        rect = table.visualRect(table.rows.index(row, 0))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        if len(panel.checked_team_ids()) <= row:  # a click on the cell, not the box: use the keyboard
            table.setCurrentIndex(table.rows.index(row, 0))
            qtbot.keyClick(table, Qt.Key.Key_Space)
    assert panel.btn_dispatch.isEnabled() and "已选 2 支" in panel.selected_label.text()
    panel.task.setFocus()
    type_text(qtbot, panel.task, "到罐区东侧向现场指挥部报到，负责堵漏")
    with qtbot.waitSignal(panel.sig_changed, timeout=2000):
        qtbot.keyClick(panel.task, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    board = panel.board_table.rows
    assert board.rowCount() == 2 and panel.task.text() == ""
    assert {board.text(i, 0) for i in range(2)} == {first.name, second.name}
    assert first.team_id not in [c.team_id for c in panel.recommendation.candidates]

    panel.select_dispatch(panel.rows[0].dispatch_id)
    panel._board_selected()
    qtbot.mouseClick(panel.action_buttons["dispatched"], Qt.MouseButton.LeftButton)
    assert panel.rows[0].status == "dispatched"
    qtbot.mouseClick(panel.action_buttons["en_route"], Qt.MouseButton.LeftButton)
    assert board.text(0, 1).startswith("途中")

    clock.advance(hours=3)
    panel.refresh_board()
    late = [i for i, r in enumerate(panel.rows) if r.overdue]
    assert late and board.row(late[0]).bg == OVERDUE_BG and board.row(late[0]).bold
    assert "逾期" in panel.board_summary.text()

    pdf = tmp_path / "order.pdf"
    panel.write_order_pdf(str(pdf))
    from pypdf import PdfReader

    text = PdfReader(str(pdf)).pages[0].extract_text()
    assert "调派单" in text and first.name in text.replace("\n", "")
    with demo_store.read() as s:
        assert s.get(RescueTeam, first.team_id).status == "en_route"


def test_refusals_show_in_the_panel(qtbot, panel, demo_store):
    """No task: refused in red; unavailable asks for a reason; a stale board is told what changed."""
    panel.set_checked(panel.recommendation.candidates[0].team_id)
    assert not panel.dispatch_selected()
    assert "调派任务" in panel.message.text() and panel.board_table.rows.rowCount() == 0
    panel.task.setText("警戒")
    assert panel.dispatch_selected()
    panel.select_dispatch(panel.rows[0].dispatch_id)
    panel._board_selected()
    panel.ask_reason = lambda *_: None  # cancelled: nothing happens
    assert not panel.advance_selected("unavailable")
    with demo_store.transaction() as s:  # another seat moves the team first
        from commanddesk.services import dispatch as svc

        svc.advance(s, panel.rows[0].dispatch_id, "dispatched")
    panel.ask_reason = lambda *_: "车辆故障"
    assert not panel.advance_selected("unavailable")
    assert "其他席位" in panel.message.text() and "已调派" in panel.message.text()
    panel.select_dispatch(panel.rows[0].dispatch_id)
    assert panel.advance_selected("unavailable")
    with demo_store.read() as s:
        assert s.scalar(select(Dispatch.status)) == "withdrawn"


def test_panel_without_incident(qtbot, ctx):
    """With no incident chosen the panel says so and offers nothing to dispatch."""
    w = DispatchPanel(ctx)
    qtbot.addWidget(w)
    w.load(None)
    assert "请选择事件" in w.origin_note.text() and not w.btn_dispatch.isEnabled()
