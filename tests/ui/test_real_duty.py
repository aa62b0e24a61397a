"""The drill banner's watch on real duty: the real clocks, on the real clock, with the real alarm."""

from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from commanddesk.services import incidents, settings
from commanddesk.ui.context import AppContext
from commanddesk.ui.real_duty import RealDutyWatch


class RealWindow(QWidget):
    """Stands in for the drill window: counts the clicks that should bring real duty back."""

    def __init__(self) -> None:
        super().__init__()
        self.backs = 0

    def back_to_real(self) -> None:
        self.backs += 1


@pytest.fixture
def watch(qtbot, store, officer):
    window = RealWindow()
    qtbot.addWidget(window)
    ctx = AppContext(store)
    w = RealDutyWatch(SimpleNamespace(real_ctx=ctx), window)
    qtbot.addWidget(w)
    w.timer.stop()  # the tests tick by hand, on the fixed clock
    w._reload_timer.stop()
    return w


def _real_call(watch) -> None:
    with watch.real.store.transaction() as s:
        incidents.record_call(s, incidents.CallInput(category="accident", type="accident.explosion",
                                                     place_text="开发区朝阳街道纬三路"))
    watch.real.notifier.sig_data_changed.emit("incidents")


def test_nothing_running_says_so_calmly(watch):
    """No real incident: a grey line saying no clock runs, and no alarm."""
    assert watch.text() == "真实值班：无正在计时的时限"
    assert "#37474f" in watch.styleSheet() and not watch.alarm.fired


def test_a_real_call_shows_at_once_and_runs_out_on_the_real_clock(watch, store):
    """A call logged at the real post shows without waiting for the 15 s reload; past its limit the
    watch turns red and raises the alarm once per clock, not every second."""
    _real_call(watch)
    assert "项时限计时中，无超时" in watch.text()
    store.clock.advance(minutes=6)  # 报告带班领导 (10 min) is due in less than 5
    watch.tick()
    assert "即将到时" in watch.text() and "#ffb300" in watch.styleSheet()
    store.clock.advance(minutes=5)
    watch.tick()
    assert "已超时！点击返回处置" in watch.text()
    fired = list(watch.alarm.fired)
    assert fired and all("已超时" in text for text in fired)
    watch.tick()
    watch.tick()
    assert watch.alarm.fired == fired


def test_the_overdue_line_flashes(watch, store):
    """Each second the red alternates between two shades, so it catches the eye."""
    _real_call(watch)
    store.clock.advance(hours=2)
    watch.tick()
    first = watch.styleSheet()
    watch.tick()
    assert first != watch.styleSheet() and {"#c62828" in first, "#c62828" in watch.styleSheet()} == {True, False}


def test_the_real_posts_mute_setting_is_followed(watch, store):
    """Muted at the real post means muted on the drill banner too."""
    with store.transaction() as s:
        settings.put(s, "alarm_muted", "1")
    watch.reload()
    assert watch.alarm.muted is True


def test_a_click_goes_back_to_real_duty(qtbot, watch):
    """Clicking the line asks the window to return to real duty."""
    qtbot.mouseClick(watch, Qt.MouseButton.LeftButton)
    assert watch.window_.backs == 1
