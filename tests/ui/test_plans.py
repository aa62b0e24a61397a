"""Plans in the UI: browse and search; activate, change level and terminate through the incident tab."""

import pytest

from commanddesk.services import incidents
from commanddesk.ui import plan_panel


@pytest.fixture
def auto_dialogs(monkeypatch):
    """Answer FormDialogs with given values instead of waiting for a person."""
    answers: list[dict] = []

    def exec_(self):
        values = answers.pop(0)
        for key, value in values.items():
            w = self.widgets[key]
            if hasattr(w, "findData"):
                w.setCurrentIndex(w.findData(value))
            else:
                w.setText(value)
        self.try_accept()
        assert not self.error.text(), self.error.text()
        return 1

    monkeypatch.setattr(plan_panel.FormDialog, "exec", exec_)
    return answers


def test_activation_level_change_termination(qtbot, window, demo_store, auto_dialogs):
    """The officer activates the hazmat plan at Ⅲ, ticks a task, raises to Ⅱ and ends the response."""
    with demo_store.transaction() as s:
        inc = incidents.record_call(s, incidents.CallInput(
            category="accident", type="accident.explosion", place_text="连云港海晟化工有限公司",
            counts={"deaths": 3})).incident_id
    window.open_incident(inc)
    page = window.page("incidents")
    panel = page.plan_panel
    page.tabs.setCurrentWidget(panel)
    row = next(i for i, m in enumerate(panel.found) if m.plan.id == "special.hazmat")
    panel.matches.selectRow(row)
    assert panel.found[row].level == 3
    auto_dialogs.append({"level": 3, "decider": "周建华（副局长）"})
    panel.activate()
    assert "已启动" in panel.active_label.text() and panel.tasks.rowCount() > 3
    panel.tasks.selectRow(0)
    panel.complete()
    assert panel.tasks.item(panel.tasks.rowCount() - 1, 3).text() == "已完成" or any(
        panel.tasks.item(r, 3).text() == "已完成" for r in range(panel.tasks.rowCount()))
    auto_dialogs.append({"level": 2, "decider": "周建华", "grounds": "死亡人数上升"})
    panel.change_level()
    assert "Ⅱ级响应" in panel.active_label.text()
    auto_dialogs.append({"decider": "周建华", "grounds": "险情消除"})
    panel.terminate()
    assert "尚未启动" in panel.active_label.text()
    page.tabs.setCurrentIndex(page.tabs.indexOf(page.timeline))
    texts = [page.timeline.item(r, 2).text() for r in range(page.timeline.rowCount())]
    assert any("启动《" in t for t in texts) and any("终止《" in t for t in texts)


def test_action_card_one_keystroke_and_one_page(qtbot, window, demo_store, tmp_path):
    """F2 on an incident opens the duty officer's card; it prints on one A4 page."""
    from PySide6.QtCore import Qt
    from PySide6.QtPrintSupport import QPrinter

    with demo_store.transaction() as s:
        inc = incidents.record_call(s, incidents.CallInput(
            category="accident", type="accident.hazmat", place_text="徐圩新区罐区", counts={"deaths": 1})).incident_id
    window.open_incident(inc)
    page = window.page("incidents")
    page.tabs.setCurrentWidget(page.plan_panel)
    page.plan_panel.setFocus()
    qtbot.keyClick(page.plan_panel, Qt.Key.Key_F2)
    dlg = page.plan_panel.card_dialog
    assert "值班员" in dlg.view.toPlainText()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "card.pdf"))
    assert dlg.print_(printer) == 1


def test_browse_search_and_diff(qtbot, window):
    """The library page lists plans, finds short terms and diffs two editions."""
    window.show_page("plans")
    page = window.page("plans")
    assert page.tree.topLevelItemCount() >= 1
    page.search.setText("堵漏")
    assert page.results.isVisible() and "<b>" not in page.results.toPlainText() and "堵漏" in page.results.toPlainText()
    page.search.clear()
    page.open_plan("special.hazmat")
    assert page.btn_diff.isEnabled()
    page.show_diff()
    assert "2021 版 → 2024 版" in page.view.toPlainText()


def test_a_plan_read_at_night_has_headings_in_the_night_colours(qtbot, window):
    """The reading view follows the look (the day's dark-blue headings were unreadable on the night background)."""
    from commanddesk.ui import theme

    window.show_page("plans")
    page = window.page("plans")
    page.open_plan("special.hazmat")
    try:
        theme.apply("night")
        night = page.view.toHtml()
        assert theme.NIGHT.accent in night.lower() and "#1a3c6e" not in night.lower()
    finally:
        theme.apply("day")
    assert "#1a3c6e" in page.view.toHtml().lower()
