"""The seat lock: idle time by the injected clock, PIN to unlock (counted and audited), typed text kept."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from commanddesk.models import AuditEntry
from commanddesk.services import demo, settings

from .conftest import type_text

REAL_DEFAULT = settings.DEFAULTS["idle_lock_minutes"]  # read at import, before tests/conftest.py turns it off


@pytest.fixture(autouse=True)
def _idle_lock_on(monkeypatch):
    monkeypatch.setitem(settings.DEFAULTS, "idle_lock_minutes", REAL_DEFAULT)


def _actions(store) -> list[str]:
    with store.read() as s:
        return list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def _unlock(qtbot, w, pin: str) -> None:
    screen = w.idle_lock.screen
    screen.pin.setText(pin)
    qtbot.keyClick(screen.pin, Qt.Key.Key_Return)


def test_idle_seat_locks_keeps_the_typing_and_unlocks_with_the_pin(qtbot, window, demo_store, clock):
    w = window
    w.show_page("intake")
    box = w.page("intake").w["caller_name"]
    type_text(qtbot, box, "王某某")
    clock.advance(minutes=9)
    w.idle_lock.check()
    assert not w.idle_lock.locked
    clock.advance(minutes=1, seconds=1)
    w.idle_lock.check()
    assert w.idle_lock.locked and w.idle_lock.screen.isVisible()
    assert "李晓明" in w.idle_lock.screen.who.text()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.modalWindow() is w.idle_lock.screen.windowHandle()  # nothing under it takes input
    assert box.text() == "王某某"
    _unlock(qtbot, w, "999999")
    assert w.idle_lock.locked and "PIN 不正确" in w.idle_lock.screen.error.text()
    assert _actions(demo_store)[-1] == "sign_in_failed"  # committed although refused
    _unlock(qtbot, w, "111111")
    assert not w.idle_lock.locked and box.text() == "王某某"
    assert _actions(demo_store)[-3:] == ["screen_locked", "sign_in_failed", "screen_unlocked"]


def test_input_keeps_the_seat_open_and_zero_means_never(qtbot, window, demo_store, clock):
    w = window
    w.show_page("intake")
    box = w.page("intake").w["caller_name"]
    w.idle_lock.check()
    clock.advance(minutes=9)
    qtbot.keyClick(w.windowHandle(), Qt.Key.Key_A)  # through the window, as a real key press goes
    clock.advance(minutes=9)
    w.idle_lock.check()
    assert not w.idle_lock.locked
    with demo_store.transaction() as s:
        settings.put(s, "idle_lock_minutes", "0", check=False)
    clock.advance(hours=5)
    w.idle_lock.check()
    assert not w.idle_lock.locked


def test_wrong_pins_on_the_lock_screen_lock_the_account(qtbot, window, demo_store, clock):
    w = window
    w.lock_action.trigger()  # 锁定 (Ctrl+L): at once
    assert w.idle_lock.locked and _actions(demo_store)[-1] == "screen_locked"
    for _ in range(5):
        _unlock(qtbot, w, "000000")
    _unlock(qtbot, w, "111111")  # the right PIN, too late
    assert w.idle_lock.locked and "已锁定" in w.idle_lock.screen.error.text()
    clock.advance(minutes=16)  # pin_lock_minutes
    _unlock(qtbot, w, "111111")
    assert not w.idle_lock.locked


def test_clocks_run_and_alarms_sound_under_the_lock_without_incident_names(qtbot, window, demo_store, clock):
    w = window
    demo.stage_incidents(demo_store)
    w.resync_clocks()
    w.lock_action.trigger()
    clock.advance(hours=3)  # every 报告 clock of the staged incidents runs out
    w.strip.tick()
    w.idle_lock.check()
    label = w.idle_lock.screen.overdue.text()
    assert w.strip.overdue_count > 0 and f"{w.strip.overdue_count} 项时限已超时" in label
    assert w.alarm.fired  # the alarm went off while locked
    titles = {v.incident_title for v in w.strip.views}
    assert not any(t and t in label for t in titles)
    assert "李晓明" in w.idle_lock.screen.who.text() and not any(t in w.idle_lock.screen.who.text() for t in titles)


def test_another_operator_signs_in_on_the_locked_seat_and_finds_the_typing(qtbot, window, demo_store, clock):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from commanddesk.ui.signin import SignInDialog

    w = window
    w.show_page("intake")
    box = w.page("intake").w["caller_name"]
    type_text(qtbot, box, "张某")
    w.lock_action.trigger()

    def fill():
        dialog = next(d for d in QApplication.topLevelWidgets() if isinstance(d, SignInDialog) and d.isVisible())
        dialog.name.setCurrentText("刘洋")
        dialog.pin.setText("444444")
        dialog.try_sign_in()
        if dialog.isVisible():  # e.g. not on this shift's roster: give the reason asked for
            dialog.off_roster.setText("替班")
            dialog.try_sign_in()

    QTimer.singleShot(0, fill)
    w.idle_lock.switch_operator()
    assert not w.idle_lock.locked and w.ctx.actor.name == "刘洋"
    assert box.text() == "张某"  # kept for the new operator to save or discard
    assert "未保存的内容仍在表单中" in w.statusBar().currentMessage()


def test_typing_in_a_dialog_of_the_window_keeps_the_seat_open(qtbot, window, demo_store, clock):
    """A dialog (and a dialog opened from it) is a window of its own; its keys and clicks count as the seat's."""
    from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

    w = window
    w.idle_lock.check()
    outer = QDialog(w)
    QVBoxLayout(outer).addWidget(QLineEdit())
    outer.show()
    inner = QDialog(outer)
    QVBoxLayout(inner).addWidget(QLineEdit())
    inner.show()
    qtbot.waitExposed(inner)
    w.idle_lock.check()  # the dialogs are watched (at once when they take the focus; at the latest each second)
    for dialog in (outer, inner, outer):
        clock.advance(minutes=9)
        qtbot.keyClick(dialog.windowHandle(), Qt.Key.Key_B)  # typed in the dialog, never in the main window
        w.idle_lock.check()
        assert not w.idle_lock.locked
    clock.advance(minutes=9)
    qtbot.mouseClick(inner.windowHandle(), Qt.MouseButton.LeftButton)
    w.idle_lock.check()
    assert not w.idle_lock.locked
    clock.advance(minutes=10, seconds=1)  # then nothing anywhere: the seat locks
    w.idle_lock.check()
    assert w.idle_lock.locked
    inner.close()
    outer.close()


def test_a_window_not_opened_from_the_seat_does_not_keep_it_open(qtbot, window, demo_store, clock):
    from PySide6.QtWidgets import QDialog

    w = window
    stray = QDialog()  # no parent: another top-level window (not this seat's)
    qtbot.addWidget(stray)
    stray.show()
    qtbot.waitExposed(stray)
    w.idle_lock.check()
    clock.advance(minutes=9)
    qtbot.keyClick(stray.windowHandle(), Qt.Key.Key_B)
    clock.advance(minutes=1, seconds=1)
    w.idle_lock.check()
    assert w.idle_lock.locked
