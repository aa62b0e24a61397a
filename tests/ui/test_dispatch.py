"""Dispatch, the ledger, shelters and Excel driven through their widgets (pytest-qt, offscreen)."""

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from commanddesk.models import Dispatch, RescueTeam, StockLine, StockMovement
from commanddesk.services import incidents, spreadsheets
from commanddesk.ui.context import AppContext
from commanddesk.ui.dispatch import OVERDUE_BG, DispatchPanel
from commanddesk.ui.ledger import LedgerPage
from commanddesk.ui.shelters import SheltersPanel
from commanddesk.ui.spreadsheets import SpreadsheetBar
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


def test_ledger_page_issue_alert_and_fill_plan(qtbot, ctx, demo_store, hazmat):
    """Issue from a stock line, see the refusal for too much, and confirm a fill plan."""
    page = LedgerPage(ctx)
    qtbot.addWidget(page)
    page.resize(1240, 700)
    page.show()
    assert page.stock_table.rows.total >= 900 and "预警" in page.tabText(4)
    type_text(qtbot, page.filter, "救生衣 市救灾")
    assert page.stock_table.rows.rowCount() == 1
    page.stock_table.selectRow(0)
    row = page.current_line()
    assert page.do_issue({"quantity": str(row.quantity + 1), "reason": "超量", "incident": hazmat}) is False
    assert "库存不足" in page.message.text()
    assert page.do_issue({"quantity": "100", "reason": "危化品泄漏现场防护", "incident": hazmat})
    with demo_store.read() as s:
        assert s.get(StockLine, row.line_id).quantity == row.quantity - 100
    assert page.move_table.rows.text(0, 2) == "出库"

    plan = page.plan_panel
    page.setCurrentWidget(plan)
    plan.load(hazmat)
    assert plan.context_label.text() == f"为事件 #{hazmat} 调用物资" and plan.incident_box.currentText().startswith(f"#{hazmat} ")
    plan.request.setText("救生衣 2000 件、发电机 20 台，送海州区")
    qtbot.mouseClick(plan.btn_plan, Qt.MouseButton.LeftButton)
    assert plan.table.rows.rowCount() >= 2 and "救生衣：需 2,000 件" in plan.summary.text()
    assert not plan.confirm() and "调用事由" in plan.message.text()
    plan.reason.setText("防汛转移安置群众")
    with demo_store.read() as s:
        before = s.scalar(select(StockMovement.id).order_by(StockMovement.id.desc()).limit(1))
    assert plan.confirm(), plan.message.text()
    assert "已出库" in plan.message.text()
    with demo_store.read() as s:
        docs = set(s.scalars(select(StockMovement.doc_number).where(StockMovement.id > before)))
    assert len(docs) == 1


def test_shelter_panel_capacity_and_override(qtbot, ctx, demo_store, hazmat):
    """Placing more people than free places is refused until overridden with a reason."""
    w = SheltersPanel(ctx)
    qtbot.addWidget(w)
    w.show()
    w.load(hazmat)
    target = min(w.options[:5], key=lambda o: o.free)
    w.select(target.shelter_id)
    w.people.setText(str(target.free + 5))
    assert not w.assign_selected() and "超员" in w.message.text()
    w.override.setChecked(True)
    w.override_reason.setText("夜间转运困难")
    assert w.assign_selected(), w.message.text()
    assert w.history.rows.rowCount() == 1 and w.history.rows.text(0, 5) == "夜间转运困难"


def test_excel_bar_reports_bad_rows_and_imports_nothing(qtbot, ctx, demo_store, tmp_path):
    """An import with a bad row imports nothing and lists the row, column and reason."""
    from openpyxl import load_workbook

    bar = SpreadsheetBar(ctx, "teams")
    qtbot.addWidget(bar)
    path = tmp_path / "teams.xlsx"
    bar.write(str(path))
    wb = load_workbook(path)
    ws = wb["救援队伍"]
    ws.cell(row=2, column=[c.value for c in ws[1]].index("总人数") + 1, value="很多")
    wb.save(path)
    with demo_store.read() as s:
        before = [t.headcount for t in s.scalars(select(RescueTeam).order_by(RescueTeam.id))]
    result = bar.import_path(str(path))
    assert not result.ok and result.errors[0].row == 2 and "须为整数" in result.errors[0].reason
    assert "未导入任何数据" in bar.status.text()
    with demo_store.read() as s:
        assert [t.headcount for t in s.scalars(select(RescueTeam).order_by(RescueTeam.id))] == before
    assert spreadsheets.EXCHANGED


def test_panel_without_incident(qtbot, ctx):
    """With no incident chosen the panel says so and offers nothing to dispatch."""
    w = DispatchPanel(ctx)
    qtbot.addWidget(w)
    w.load(None)
    assert "请选择事件" in w.origin_note.text() and not w.btn_dispatch.isEnabled()
