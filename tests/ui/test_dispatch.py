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


# --- re-tasking, the printed order, who may dispatch ----------------------------------------------------------


def _dispatch_first(panel, task="警戒"):
    team = panel.recommendation.candidates[0]
    panel.set_checked(team.team_id)
    panel.task.setText(task)
    assert panel.dispatch_selected(), panel.message.text()
    return team


@pytest.fixture
def fire(demo_store):
    """A second open incident, a building fire in 海州区."""
    with demo_store.transaction() as s:
        return incidents.record_call(s, incidents.CallInput(
            category="accident", type="accident.fire", place_text="海州区朝阳东路某小区")).incident_id


def test_a_team_on_its_way_is_re_tasked_to_another_incident(qtbot, panel, demo_store, fire, monkeypatch):
    """直接转调: the team leaves this board's active list and is dispatched to the other incident with the new task."""
    from commanddesk.ui import dispatch as dispatch_ui

    team = _dispatch_first(panel)
    panel.select_dispatch(panel.rows[0].dispatch_id)
    panel._board_selected()
    assert not panel.btn_transfer.isEnabled()  # alerted only: not yet under way, nothing to re-task
    assert panel.advance_selected("dispatched") and panel.advance_selected("en_route")
    assert panel.btn_transfer.isEnabled()
    offered: list = []

    def exec_(dlg):
        offered.append([dlg.widgets["incident"].itemData(i) for i in range(dlg.widgets["incident"].count())])
        dlg.widgets["incident"].setCurrentIndex(dlg.widgets["incident"].findData(fire))
        dlg.widgets["task"].setText("转赴火场外围警戒")
        dlg.widgets["reason"].setText("火场更急")
        dlg.try_accept()
        assert not dlg.error.text(), dlg.error.text()
        return 1

    monkeypatch.setattr(dispatch_ui.FormDialog, "exec", exec_)
    with qtbot.waitSignal(panel.sig_changed):
        panel.transfer_selected()
    assert offered == [[fire]]  # only the other open incidents, never this one
    assert not any(r.active and r.team_id == team.team_id for r in panel.rows)
    with demo_store.read() as s:
        moved = s.scalar(select(Dispatch).where(Dispatch.incident_id == fire))
    assert moved.team_id == team.team_id and moved.task == "转赴火场外围警戒"


def test_with_no_other_incident_there_is_nowhere_to_re_task(panel):
    """Only this incident open: 直接转调 says so and opens nothing."""
    _dispatch_first(panel)
    panel.select_dispatch(panel.rows[0].dispatch_id)
    panel.transfer_selected()
    assert panel.message.text() == "没有其他事件可以转调。"


def test_the_order_is_saved_under_its_number_and_needs_a_team_chosen(panel, monkeypatch, tmp_path):
    """导出调派单 suggests 调派单-<number>-<day>.pdf and writes it; without a board row nothing is asked or written."""
    from commanddesk.ui import dialogs

    asked: list = []
    monkeypatch.setattr(dialogs, "save_path", lambda parent, title, name, filters: asked.append(name) or
                        str(tmp_path / name))
    panel.export_order()
    assert asked == []
    _dispatch_first(panel)
    panel.select_dispatch(panel.rows[0].dispatch_id)
    panel.export_order()
    number = panel.rows[0].order_number
    assert len(asked) == 1 and asked[0].startswith("调派单-") and asked[0].endswith(".pdf")
    assert (tmp_path / asked[0]).read_bytes().startswith(b"%PDF") and number
    panel.board_table.clearSelection()
    with pytest.raises(Exception, match="请先在调派看板中选择一支队伍"):
        panel.write_order_pdf(str(tmp_path / "x.pdf"))


def test_a_trainer_may_look_but_not_dispatch(panel, demo_store):
    """Ticking a team as a trainer leaves 调派 off; the board's actions are off too."""
    from tests.conftest import sign_in

    _dispatch_first(panel)
    sign_in(demo_store, "陈静", "333333")
    panel.refresh_permission()
    panel.set_checked(panel.recommendation.candidates[0].team_id)
    assert not panel.btn_dispatch.isEnabled()
    panel.select_dispatch(panel.rows[0].dispatch_id)
    panel._board_selected()
    assert not any(b.isEnabled() for b in panel.action_buttons.values()) and not panel.btn_transfer.isEnabled()
    assert panel.btn_pdf.isEnabled()  # reading and printing the order stay open
