"""Day and night looks and large type: switched from the menu, applied everywhere, remembered."""

import subprocess
import sys

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from commanddesk.ui import theme


@pytest.fixture(autouse=True)
def _back_to_day(qapp):
    yield
    theme.apply("day", False)


def _lightness(name_or_colour) -> float:
    return QColor(name_or_colour).lightnessF()


def test_night_darkens_the_whole_app_and_day_brings_it_back(qapp):
    theme.apply("night")
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    text = QApplication.palette().color(QPalette.ColorRole.WindowText)
    assert window.lightnessF() < 0.2 < 0.7 < text.lightnessF()
    theme.apply("day")
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightnessF() > 0.85


def test_the_alarm_colours_are_the_same_in_both_looks(qapp):
    day = [theme.chip_colours(k) for k in ("due_soon", "overdue", "overdue_dim")]
    theme.apply("night")
    assert [theme.chip_colours(k) for k in ("due_soon", "overdue", "overdue_dim")] == day


def test_row_colours_chosen_for_the_day_read_at_night(qapp):
    """A pale warning background becomes a dark tint; dark red text becomes a light red."""
    assert theme.adapt("#fff3cd", background=True) == QColor("#fff3cd")
    theme.apply("night")
    bg, fg = theme.adapt("#fff3cd", background=True), theme.adapt("#b71c1c")
    assert bg.lightnessF() <= 0.23 and fg.lightnessF() >= 0.67
    assert abs(fg.hslHueF() - QColor("#b71c1c").hslHueF()) < 0.02  # still red
    assert theme.adapt("#ffffff").lightnessF() == 1.0  # light text stays as it is


def test_a_role_takes_the_colour_of_the_current_look(qtbot):
    label = QLabel("数据库错误")
    qtbot.addWidget(label)
    theme.apply("day")
    theme.mark(label, "error")
    label.ensurePolished()
    day = label.palette().color(QPalette.ColorRole.WindowText)
    theme.apply("night")
    label.style().unpolish(label)
    label.style().polish(label)
    night = label.palette().color(QPalette.ColorRole.WindowText)
    assert label.property("role") == "error" and day != night
    assert night.lightnessF() > day.lightnessF()
    with pytest.raises(ValueError):
        theme.mark(label, "rainbow")


def test_large_type_makes_the_app_font_larger(qapp):
    theme.apply("day", False)
    normal = QApplication.font().pointSizeF()
    theme.apply(large=True)
    assert QApplication.font().pointSizeF() == pytest.approx(normal * theme.LARGE_FACTOR)
    assert theme.scale(20) == 26


def test_the_menu_switches_and_the_choice_is_remembered(qtbot, window):
    assert theme.saved() == ("day", False)
    window.night_action.trigger()
    assert theme.current().name == "night" and window.night_action.isChecked()
    window.large_action.trigger()
    assert theme.saved() == ("night", True)
    window.night_action.trigger()
    assert theme.saved() == ("day", True) and not window.night_action.isChecked()


def test_the_strip_paints_in_the_look(qtbot, window):
    """With no clock running the strip is the look's own strip colour."""
    theme.apply("night")
    image = window.strip.grab().toImage()
    assert QColor(image.pixel(2, 2)).lightnessF() < 0.2


def test_screenshot_mode_honours_the_theme(tmp_path):
    """commanddesk --theme night --screenshot renders the night look."""
    out = tmp_path / "night.png"
    r = subprocess.run([sys.executable, "-m", "commanddesk", "--demo", "--theme", "night", "--page", "settings",
                        "--screenshot", str(out)], capture_output=True, text=True, timeout=180,
                       env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert r.returncode == 0, r.stderr
    image = QImage(str(out))
    assert QColor(image.pixel(image.width() // 2, image.height() - 40)).lightnessF() < 0.25
