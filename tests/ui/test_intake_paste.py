"""粘贴识别 on the 接报 form: a pasted message fills suggestions the officer sees, keeps or undoes."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from commanddesk.clock import format_beijing
from commanddesk.models import CallRecord, Incident
from commanddesk.ui.intake_paste import TINT
from tests.ui.conftest import type_text
from tests.ui.test_intake_time import _ctrl_n

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
MESSAGE = ("开发区消防救援大队报告：今晚8点许，开发区朝阳街道东巷村一仓库起火，3名工人被困，"
           "已疏散周边群众200余人，1人受伤送医，直接经济损失初步估计50万元。")


def _paste(qtbot, window, text=MESSAGE):
    page = _ctrl_n(qtbot, window)
    QApplication.clipboard().setText(text)
    qtbot.keyClick(page.w["caller_name"], Qt.Key.Key_V, CTRL_SHIFT)
    qtbot.waitUntil(lambda: page.paste_assist.reading is not None, timeout=5000)
    return page


def _answer(button_text):
    asked = []

    def click():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        asked.append(box.text())
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(0, click)
    return asked


def test_ctrl_shift_v_fills_the_form_with_marked_suggestions(qtbot, window):
    page = _paste(qtbot, window)
    w = page.w
    assert w["caller_unit"].text() == "开发区消防救援大队"
    assert w["occurred_at"].text().endswith("20:00") and w["occurred_precision"].currentData() == "approx"
    assert "东巷村" in w["place_text"].text()
    assert w["category"].currentData() == "accident" and w["type"].currentData() == "accident.fire"
    assert (w["count_trapped"].text(), w["count_relocated"].text(), w["count_injured_unknown"].text()) == ("3", "200", "1")
    assert w["direct_loss"].text() == "50"
    assert w["count_trapped"].styleSheet() == TINT
    assert "3名工人被困" in w["count_trapped"].toolTip()
    assert page.paste_assist.panel.isVisible()
    assert page.paste_assist.view.toPlainText() == MESSAGE
    assert "较大" in page.suggestion.text() or "一般" in page.suggestion.text()  # live grading reads the counts


def test_the_field_with_the_cursor_shows_its_words(qtbot, window):
    page = _paste(qtbot, window)
    page.w["count_trapped"].setFocus()
    qtbot.waitUntil(lambda: page.w["count_trapped"].hasFocus())
    a, b = page.paste_assist.suggested["trapped"]["span"]
    assert MESSAGE[a:b] == "3名工人被困"
    assert (a, b) in page.paste_assist.highlighted()


def test_paste_never_changes_the_receipt_time(qtbot, window, clock):
    page = _ctrl_n(qtbot, window)
    stamp = page.w["received_at"].text()
    clock.advance(minutes=3)
    QApplication.clipboard().setText("接报时间2026年11月23日21时05分。今晚8点灌南县新安镇一工厂起火。")
    page.paste_assist.paste()
    assert page.w["received_at"].text() == stamp == format_beijing(page._stamp)
    assert not page.receipt_edited()


def test_what_the_officer_typed_is_not_overwritten(qtbot, window):
    page = _ctrl_n(qtbot, window)
    page.w["caller_unit"].setFocus()
    type_text(qtbot, page.w["caller_unit"], "朝阳街道办事处")
    page.paste_assist.paste(MESSAGE)
    assert page.w["caller_unit"].text() == "朝阳街道办事处"
    assert page.w["caller_unit"].styleSheet() != TINT
    items = [page.paste_assist.list.item(i) for i in range(page.paste_assist.list.count())]
    held = next(i for i in items if i.text().startswith("来电单位"))
    assert "未填入" in held.text() and "朝阳街道办事处" in held.text()
    page.paste_assist._take(held)  # double-click: take the suggestion after all
    assert page.w["caller_unit"].text() == "开发区消防救援大队"


def test_undo_gives_back_the_form_as_it_was(qtbot, window):
    page = _ctrl_n(qtbot, window)
    page.w["caller_name"].setFocus()
    type_text(qtbot, page.w["caller_name"], "王")
    page.paste_assist.paste(MESSAGE)
    assert page.w["count_trapped"].text() == "3"
    page.paste_assist.btn_undo.click()
    assert page.w["count_trapped"].text() == "" and page.w["place_text"].text() == ""
    assert page.w["caller_name"].text() == "王" and page.w["count_trapped"].styleSheet() == ""
    assert not page.paste_assist.panel.isVisible() and page.paste_assist.message == ""


def test_saving_asks_once_to_confirm_suggested_counts_and_keeps_the_message(qtbot, window, demo_store):
    page = _paste(qtbot, window)
    page.w["count_relocated"].setText("250")  # the officer's own figure: not asked about, recorded as changed
    asked = _answer("确认并保存")
    incident_id = page.save()
    assert incident_id is not None
    assert len(asked) == 1 and "被困：3" in asked[0] and "疏散转移" not in asked[0]
    with demo_store.read() as s:
        call = s.scalars(select(CallRecord).where(CallRecord.incident_id == incident_id)).one()
        assert call.original_message == MESSAGE
        assert call.received_at == call.stamped_at  # the receipt is the moment the call was opened
        review = call.suggestions
        assert review["trapped"]["kept"] and review["trapped"]["confirmed"]
        assert review["relocated"]["final"] == "250" and not review["relocated"]["kept"]
        assert review["trapped"]["words"] == "3名工人被困"
        inc = s.get(Incident, incident_id)
        assert inc.counts["trapped"] == 3 and inc.counts["direct_loss"] == 500_000


def test_saving_can_go_back_to_the_counts(qtbot, window, demo_store):
    page = _paste(qtbot, window)
    asked = _answer("返回修改")
    assert page.save() is None and asked
    with demo_store.read() as s:
        assert s.scalars(select(CallRecord).where(CallRecord.original_message == MESSAGE)).first() is None


def test_an_ambiguous_place_is_a_choice(qtbot, window):
    page = _ctrl_n(qtbot, window)
    page.paste_assist.paste("朝阳区一小区半小时前起火，十余人被困")
    lst = page.paste_assist.list
    choices = [lst.item(i) for i in range(lst.count()) if "可能是" in lst.item(i).text()]
    assert len(choices) == 2
    page.paste_assist._take(next(c for c in choices if "北京" in c.text()))
    assert "110105" in page.w["jurisdiction"].text()


def test_empty_clipboard_says_so(qtbot, window):
    page = _ctrl_n(qtbot, window)
    QApplication.clipboard().setText("   ")
    assert page.paste_assist.paste() is None
    assert "剪贴板中没有文字" in page.error.text()


def test_suggested_fields_wear_a_badge_until_changed(qtbot, window):
    page = _paste(qtbot, window)
    field = page.w["count_trapped"]
    assert field.property("suggestion_badge") is not None and field.actions()
    field.setText("4")
    assert field.property("suggestion_badge") is None and field.styleSheet() == ""
    assert page.paste_assist.review()["trapped"]["kept"] is False


def test_a_draft_keeps_the_original_message(qtbot, window, demo_store):
    from commanddesk.ui.intake import IntakePage
    from commanddesk.ui.context import AppContext

    page = _paste(qtbot, window)
    page.write_draft()
    again = IntakePage(AppContext(demo_store, demo=True))
    qtbot.addWidget(again)
    assert again.paste_assist.message == MESSAGE
    assert again.w["count_trapped"].text() == "3"
    assert again.paste_assist.review() == {}  # marks are not restored: the fields count as typed
