"""The 接报 form from the keyboard: counts as digits or Chinese numerals, 受伤（伤情不明）, Ctrl+Enter, Esc."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from sqlalchemy import select

from commanddesk.models import Incident
from tests.ui.conftest import type_text
from tests.ui.test_intake_time import _ctrl_n, _fill_call

CTRL = Qt.KeyboardModifier.ControlModifier


def _tab_out(qtbot, widget):
    qtbot.keyClick(widget, Qt.Key.Key_Tab)


@pytest.mark.parametrize("typed, number", [("三", 3), ("十二", 12), ("二十三", 23), ("一百零五", 105), ("两", 2),
                                           ("1,200", 1200)])
def test_chinese_numerals_become_numbers(qtbot, window, typed, number):
    page = _ctrl_n(qtbot, window)
    field = page.w["count_deaths"]
    field.setFocus()
    type_text(qtbot, field, typed)
    _tab_out(qtbot, field)
    assert field.text() == str(number)
    if typed != str(number) and "," not in typed:
        assert f"记为 {number}" in page.count_hint.text()


def test_a_count_refuses_non_numbers_as_they_are_typed(qtbot, window, demo_store):
    """Letters and words never enter a count field; the officer is told why, in Chinese."""
    page = _ctrl_n(qtbot, window)
    _fill_call(qtbot, page)
    field = page.w["count_missing"]
    field.setFocus()
    type_text(qtbot, field, "x")
    assert field.text() == ""
    assert "“失踪”只能填写人数" in page.count_hint.text()
    type_text(qtbot, field, "三人")  # 三 is kept, 人 is refused
    assert field.text() == "三" and "“三人”" in page.count_hint.text()
    pred = page.w["pred_deaths"]
    pred.setFocus()
    type_text(qtbot, pred, "若干")
    assert pred.text() == "" and "“死亡（研判）”" in page.count_hint.text()
    qtbot.keyClick(field, Qt.Key.Key_Return, CTRL)
    assert page.error.text() == ""
    with demo_store.read() as s:
        assert s.scalars(select(Incident)).one().counts["missing"] == 3


def test_counts_in_chinese_drive_the_live_grade_and_are_saved(qtbot, window, demo_store):
    page = _ctrl_n(qtbot, window)
    page.w["category"].setCurrentIndex(page.w["category"].findData("accident"))
    page.w["type"].setCurrentIndex(page.w["type"].findData("accident.explosion"))
    type_text(qtbot, page.w["place_text"], "连云港海晟化工有限公司")
    page.w["count_deaths"].setFocus()
    type_text(qtbot, page.w["count_deaths"], "三")
    assert "较大" in page.suggestion.text()  # read live, before the field is left
    qtbot.keyClick(page.w["count_deaths"], Qt.Key.Key_Return, CTRL)
    assert page.error.text() == ""
    with demo_store.read() as s:
        inc = s.scalars(select(Incident)).one()
    assert inc.counts["deaths"] == 3 and inc.grade == 3


def test_injured_of_unknown_severity_have_their_own_field(qtbot, window, demo_store):
    """40 hurt, severity not known: their own field and label; not graded as 40 seriously injured."""
    page = _ctrl_n(qtbot, window)
    box = page.w["count_injured_unknown"].parentWidget()
    assert "受伤（伤情不明）" in [w.text() for w in box.findChildren(QLabel)]
    page.w["category"].setCurrentIndex(page.w["category"].findData("accident"))
    page.w["type"].setCurrentIndex(page.w["type"].findData("accident.fire"))
    type_text(qtbot, page.w["place_text"], "墟沟街道某商场")
    page.w["count_injured_unknown"].setFocus()
    type_text(qtbot, page.w["count_injured_unknown"], "四十")
    assert "较大" not in page.suggestion.text()
    qtbot.keyClick(page.w["count_injured_unknown"], Qt.Key.Key_Return, CTRL)
    assert page.error.text() == ""
    with demo_store.read() as s:
        inc = s.scalars(select(Incident)).one()
    assert inc.counts["injured_unknown"] == 40 and inc.grade == 4
    incidents = window.page("incidents")
    assert window.stack.currentWidget() is incidents
    shown = " ".join(w.text() for w in incidents.findChildren(QLabel))
    assert "受伤（伤情不明） 40 人" in shown


def _answer(qtbot, button_text: str) -> list:
    """Click *button_text* on the question box as soon as it is shown; return what it asked."""
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


def test_esc_asks_before_clearing_what_was_typed(qtbot, window, clock, demo_store):
    page = _ctrl_n(qtbot, window)
    _fill_call(qtbot, page)
    page.write_draft()
    asked = _answer(qtbot, "继续录入")
    qtbot.keyClick(page.w["course"], Qt.Key.Key_Escape)
    assert asked and "不会保存" in asked[0]
    assert page.w["place_text"].text() == "墟沟街道某仓库"
    clock.advance(minutes=2)
    window.activateWindow()  # offscreen, the window is not reactivated by itself when the box closes
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    asked = _answer(qtbot, "放弃")
    qtbot.keyClick(page.w["place_text"], Qt.Key.Key_Escape)
    assert asked and page.w["place_text"].text() == "" and page.is_blank()
    assert not page.draft_path().exists()
    assert page.w["received_at"].text() == "2026-11-23 22:02:00"  # idle again: the live time
    assert page.receipt_state.text() == "实时（开始录入时定格）"
    with demo_store.read() as s:
        assert s.query(Incident).count() == 0


def test_esc_on_an_empty_form_asks_nothing(qtbot, window):
    page = _ctrl_n(qtbot, window)
    qtbot.keyClick(page.w["caller_unit"], Qt.Key.Key_Escape)
    assert QApplication.activeModalWidget() is None and page.is_blank()


def test_after_saving_the_next_call_starts_at_the_caller(qtbot, window):
    """Back on 接报 after a save, typing goes into 来电单位, not the last field of the previous call."""
    page = _ctrl_n(qtbot, window)
    _fill_call(qtbot, page)
    field = page.w["count_trapped"] if "count_trapped" in page.w else page.w["count_missing"]
    field.setFocus()
    type_text(qtbot, field, "1")
    qtbot.keyClick(field, Qt.Key.Key_Return, CTRL)
    assert page.error.text() == ""
    window.show_page("intake")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.w["caller_unit"], timeout=2000)
