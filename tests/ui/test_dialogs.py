"""Dialogs: whole content visible, Ctrl+Enter confirms, Esc cancels; file dialogs and names."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit, QWidget

from commanddesk.errors import ValidationError
from commanddesk.services import incidents
from commanddesk.ui import dialogs
from commanddesk.ui.dialogs import FormDialog

LONG_INTRO = ("《连云港市危险化学品事故应急预案》（2024 版）。启动权限：Ⅰ级由市政府主要负责人决定；"
              "Ⅱ级由市政府分管负责人决定；Ⅲ级由市应急管理局主要负责人决定；Ⅳ级由县区应急管理局决定。")


def _assert_nothing_clipped(dlg: QDialog) -> None:
    """Every visible child lies inside the dialog, and wrapped labels get their full height."""
    inner = dlg.rect()
    for w in dlg.findChildren(QWidget):
        if not w.isVisibleTo(dlg) or w.window() is not dlg:
            continue
        top_left = w.mapTo(dlg, w.rect().topLeft())
        bottom_right = w.mapTo(dlg, w.rect().bottomRight())
        assert inner.contains(top_left) and inner.contains(bottom_right), (w.objectName() or type(w).__name__)
        if isinstance(w, QLabel) and w.wordWrap() and w.text():
            assert w.height() >= w.heightForWidth(w.width()), w.text()[:20]
        if isinstance(w, QLineEdit) and not isinstance(w.parent(), QComboBox):  # a combo's own edit is inset
            assert w.height() >= w.minimumSizeHint().height()


def _activate(qtbot, dlg: QDialog) -> None:
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.activateWindow()
    qtbot.waitUntil(lambda: dlg.isActiveWindow(), timeout=2000)


def test_start_plan_dialog_shows_its_whole_text_and_fields(qtbot):
    """The 启动预案 dialog used to open at 460×171 with its text and fields cut off."""
    levels = {"3": "Ⅲ级响应", "4": "Ⅳ级响应"}
    dlg = FormDialog("启动预案", [("level", "响应级别", levels), ("decider", "决定人（姓名、职务）", ""),
                                 ("grounds", "启动依据", "死亡 1 人，危化品泄漏")], lambda v: None, LONG_INTRO)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    assert dlg.height() > 171 and dlg.width() >= 460
    _assert_nothing_clipped(dlg)
    assert dlg.height() >= dlg.layout().totalHeightForWidth(dlg.width())


def test_refusal_text_makes_room_for_itself(qtbot):
    def refuse(_values):
        raise ValidationError("“决定人”必须填写姓名和职务，例如“张三 市应急管理局局长”。" * 3, "decider")

    dlg = FormDialog("启动预案", [("decider", "决定人", "")], refuse, LONG_INTRO)
    qtbot.addWidget(dlg)
    _activate(qtbot, dlg)
    qtbot.keyClick(dlg.widgets["decider"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dlg.isVisible() and "决定人" in dlg.error.text()
    _assert_nothing_clipped(dlg)


def test_ctrl_enter_confirms_even_from_a_text_field_and_esc_cancels(qtbot):
    seen = []
    dlg = FormDialog("改派任务", [("owner", "新的责任单位或工作组", "")], seen.append)
    qtbot.addWidget(dlg)
    _activate(qtbot, dlg)
    field = dlg.widgets["owner"]
    field.setFocus()
    qtbot.keyClicks(field, "xf")
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert seen == [{"owner": "xf"}] and dlg.result() == QDialog.DialogCode.Accepted

    other = FormDialog("改派任务", [("owner", "新的责任单位或工作组", "")], seen.append)
    qtbot.addWidget(other)
    _activate(qtbot, other)
    qtbot.keyClick(other.widgets["owner"], Qt.Key.Key_Escape)
    assert not other.isVisible() and other.result() == QDialog.DialogCode.Rejected
    assert len(seen) == 1  # Esc ran nothing


def test_stock_dialogs_get_ctrl_enter_when_focused(qtbot, qapp):
    from PySide6.QtWidgets import QInputDialog

    dialogs.install(qapp)
    dlg = QInputDialog()
    dlg.setLabelText("数量")
    dlg.setTextValue("5")
    qtbot.addWidget(dlg)
    _activate(qtbot, dlg)
    qtbot.waitUntil(lambda: bool(dlg.property("cd_keys")), timeout=2000)
    qtbot.keyClick(dlg.focusWidget() or dlg, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    assert dlg.result() == QDialog.DialogCode.Accepted and dlg.textValue() == "5"


def test_sign_in_dialog_fits_and_confirms_with_ctrl_enter(qtbot, store):
    from commanddesk.ui.context import AppContext
    from commanddesk.ui.signin import SignInDialog

    ctx = AppContext(store)
    dlg = SignInDialog(ctx)
    qtbot.addWidget(dlg)
    _activate(qtbot, dlg)
    _assert_nothing_clipped(dlg)
    dlg.name.setCurrentText("值班员甲")
    qtbot.keyClicks(dlg.pin, "123456")
    qtbot.keyClick(dlg.pin, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dlg.result() == QDialog.DialogCode.Accepted and store.actor.name == "值班员甲"


def test_action_card_fits_a_1366x768_screen(qtbot, window, demo_store):
    with demo_store.transaction() as s:
        inc = incidents.record_call(s, incidents.CallInput(
            category="accident", type="accident.hazmat", place_text="徐圩新区罐区", counts={"deaths": 1})).incident_id
    window.open_incident(inc)
    window.action_card()
    card = window.page("incidents").plan_panel.card_dialog
    qtbot.waitExposed(card)
    avail = card.screen().availableGeometry()
    assert card.height() <= avail.height() - 60 and card.width() >= 600


def test_file_names_say_what_the_file_is():
    assert dialogs.file_name("初报", "事件4", "连云港海晟化工", ext="pdf", day=date(2026, 12, 3)) \
        == "初报-事件4-连云港海晟化工-20261203.pdf"
    assert dialogs.file_name("调派单", "DP/2026:07*", ext=".pdf") == "调派单-DP 2026 07.pdf"
    assert dialogs.file_name("", None, ext="xlsx") == "commanddesk.xlsx"
    assert len(dialogs.file_name("x" * 200, ext="pdf", limit=30)) == 30 + len(".pdf")


class _Asked(list):
    """The (title, proposal, filters) each file dialog was opened with; *answer* is what the user picks."""

    answer: list[str]


@pytest.fixture
def asked(monkeypatch):
    """Stand in for the modal file dialog: record what it proposes, answer with the proposal or *answer*."""
    from PySide6.QtWidgets import QFileDialog

    calls = _Asked()
    calls.answer = []

    def pick(parent, title, proposal, filters):
        calls.append((title, proposal, filters))
        return (calls.answer.pop(0) if calls.answer else proposal), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(pick))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(pick))
    monkeypatch.setattr(dialogs, "_last_folder", [])
    return calls


def test_save_dialog_starts_in_documents_and_adds_the_extension(asked, tmp_path):
    asked.answer.append("")  # cancelled
    assert dialogs.save_path(None, "导出报告", "初报-事件4-20261203.pdf", "PDF (*.pdf)") == ""
    assert Path(asked[-1][1]) == dialogs.documents_dir() / "初报-事件4-20261203.pdf"
    asked.answer.append(str(tmp_path / "给市局"))
    assert dialogs.save_path(None, "导出报告", "初报.pdf", "PDF (*.pdf)") == str(tmp_path / "给市局.pdf")
    # the next dialog opens where the user saved last
    dialogs.open_path(None, "导入", "Excel (*.xlsx)")
    assert asked[-1][1] == str(tmp_path)


def test_report_export_proposes_kind_incident_place_and_date(qtbot, window, demo_store, asked, tmp_path):
    """Not report-4.pdf in the source folder: 初报-事件N-<place>-<date>.pdf in Documents."""
    from commanddesk.services import reports

    with demo_store.transaction() as s:
        inc = incidents.record_call(s, incidents.CallInput(
            category="accident", type="accident.hazmat", place_text="连云港海晟化工", counts={"deaths": 1})).incident_id
        report = reports.draft(s, inc, "initial")
    window.open_incident(inc)
    panel = window.page("incidents").report_panel
    panel.select(report.id)
    asked.answer.append(str(tmp_path / "out.pdf"))
    panel.export("pdf")
    proposal = Path(asked[-1][1])
    assert proposal.parent == dialogs.documents_dir()
    assert proposal.name == f"初报-事件{inc}-连云港海晟化工-20261123.pdf"  # the test clock's day (Beijing)
    assert (tmp_path / "out.pdf").is_file()


def test_ctrl_enter_in_a_question_box_is_its_default_answer_never_the_destructive_one(qtbot, qapp):
    from PySide6.QtWidgets import QMessageBox

    dialogs.install(qapp)
    box = QMessageBox(QMessageBox.Icon.Question, "放弃本次接报", "已录入的内容将被清除，且不会保存。确定放弃吗？")
    discard = box.addButton("放弃", QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton("继续录入", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    qtbot.addWidget(box)
    _activate(qtbot, box)
    qtbot.waitUntil(lambda: bool(box.property("cd_keys")), timeout=2000)
    qtbot.keyClick(box.focusWidget() or box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert box.clickedButton() is keep and box.clickedButton() is not discard
