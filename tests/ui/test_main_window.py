"""Main window: maximised at first, then the layout each operator left; F2 from any page."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter

from commanddesk import paths
from commanddesk.services import incidents
from commanddesk.ui import main_window as mw
from commanddesk.ui.context import AppContext
from commanddesk.ui.main_window import MainWindow

from ..conftest import sign_in


def _open(qtbot, store) -> MainWindow:
    w = MainWindow(AppContext(store, demo=True))
    qtbot.addWidget(w)
    w.show_for_operator()
    qtbot.waitExposed(w)
    return w


def test_layout_file_is_in_the_test_data_folder_never_the_users():
    where = Path(mw.layout_settings().fileName())
    assert where.parent == paths.data_dir()
    assert str(Path.home() / ".local") not in str(where)


def test_first_start_is_maximised(qtbot, demo_store):
    w = _open(qtbot, demo_store)
    assert w.isMaximized()
    avail = w.screen().availableGeometry()
    qtbot.waitUntil(lambda: w.width() >= avail.width() - 20, timeout=3000)


def test_geometry_and_splitters_come_back_for_the_same_operator(qtbot, demo_store):
    w = _open(qtbot, demo_store)
    w.showNormal()
    w.resize(720, 520)  # clamped to the window's minimum
    w.move(20, 20)
    w.show_page("incidents")
    split = w.page("incidents").findChildren(QSplitter)[0]
    split.setSizes([250, 450])
    sizes = split.sizes()
    w.show_page("teams")
    size = (w.width(), w.height())
    w.close()

    again = _open(qtbot, demo_store)
    assert not again.isMaximized() and again.height() == size[1]
    again.resize(*size)  # the offscreen screen is 800 px wide and clamps a restored width (make desktop-check sees it whole)
    again.show_page("incidents")
    assert again.page("incidents").findChildren(QSplitter)[0].sizes() == sizes
    again.close()


def test_each_operator_has_an_own_layout(qtbot, demo_store):
    w = _open(qtbot, demo_store)
    w.showNormal()
    w.resize(1000, 650)
    w.close()
    sign_in(demo_store, "刘洋", "444444")
    other = _open(qtbot, demo_store)
    assert other.isMaximized()  # 刘洋 has never opened the window
    other.close()


def test_screenshot_and_test_windows_remember_nothing(qtbot, demo_store):
    w = MainWindow(AppContext(demo_store, demo=True))
    qtbot.addWidget(w)
    w.resize(900, 500)
    w.show()
    w.close()
    assert not Path(mw.layout_settings().fileName()).exists()


@pytest.fixture
def hazmat(demo_store) -> int:
    with demo_store.transaction() as s:
        return incidents.record_call(s, incidents.CallInput(
            category="accident", type="accident.hazmat", place_text="徐圩新区罐区", counts={"deaths": 1})).incident_id


def test_f2_on_the_incidents_page_opens_the_card(qtbot, window, hazmat):
    window.open_incident(hazmat)
    page = window.page("incidents")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    card = page.plan_panel.card_dialog
    assert card.isVisible() and "值班员" in card.view.toPlainText()
    card.close()


def test_f2_on_the_duty_board_opens_the_selected_incidents_card(qtbot, window, hazmat):
    window.show_page("duty")
    duty = window.page("duty")
    duty.reload()
    row = next(r for r in range(duty.board.model().rowCount())
               if duty.lines[duty.board.rows.source_row(r)].id == hazmat)
    duty.board.selectRow(row)
    duty.board.setFocus()
    qtbot.keyClick(duty.board, Qt.Key.Key_F2)
    panel = window.page("incidents").plan_panel
    assert panel.incident_id == hazmat and panel.card_dialog.isVisible()
    panel.card_dialog.close()


def test_f2_without_an_incident_says_what_to_do(qtbot, window):
    window.show_page("teams")
    qtbot.keyClick(window.page("teams"), Qt.Key.Key_F2)
    assert "请先选择一个事件" in window.statusBar().currentMessage()


def test_dragged_column_widths_come_back(qtbot, demo_store):
    """A column the operator widened on the duty board is as wide after a restart."""
    w = _open(qtbot, demo_store)
    w.show_page("duty")
    board = w.page("duty").board
    fitter = board._column_fitter
    fitter.by_user = lambda: True
    board.horizontalHeader().resizeSection(0, 333)
    fitter.by_user = lambda: False
    w.close()

    again = _open(qtbot, demo_store)
    again.show_page("duty")
    qtbot.wait(10)
    assert again.page("duty").board.columnWidth(0) == 333
    again.close()


def test_every_page_is_in_the_navigation_without_scrolling_at_1366x768(qtbot, window):
    """On a 1366×768 screen the window gets 749 px; all seventeen pages show, 设置 included, in either type size."""
    from commanddesk.ui import theme

    window.resize(1366, 749)
    nav = window.nav
    try:
        for large in (False, True):
            theme.apply(large=large)
            qtbot.wait(50)
            last = nav.visualItemRect(nav.item(nav.count() - 1))
            assert not nav.verticalScrollBar().isVisible() and last.bottom() <= nav.viewport().height(), large
    finally:
        theme.apply(large=False)


def test_a_broken_clock_override_file_is_said_on_the_status_bar(qtbot, demo_store):
    """The shipped rules run when the post's rules/clock-overrides.toml does not read; every seat sees why."""
    from PySide6.QtWidgets import QLabel

    from commanddesk.services import clocks

    path = paths.data_dir() / "rules" / "clock-overrides.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"[rules\n")
    clocks.ruleset.cache_clear()
    try:
        w = _open(qtbot, demo_store)
        warn = w.statusBar().findChild(QLabel, "status_rules_problem")
        assert warn is not None and warn.isVisible() and "内置规则" in warn.text()
        assert "clock-overrides.toml" in warn.toolTip()
    finally:
        path.unlink()
        clocks.ruleset.cache_clear()
    assert _open(qtbot, demo_store).statusBar().findChild(QLabel, "status_rules_problem") is None
