"""预案 tab of an incident: matched plans, activation, tasks, level change, termination and the action card."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from commanddesk.services import incidents
from commanddesk.ui import dialogs, plan_panel
from commanddesk.ui.context import AppContext
from commanddesk.ui.plan_panel import CardDialog, PlanPanel


class Answers(list):
    """The values to type into the next dialogs, and the refusals they showed."""

    def __init__(self) -> None:
        super().__init__()
        self.refusals: list[str] = []


@pytest.fixture
def auto_dialogs(monkeypatch):
    """Answer FormDialogs with given values instead of waiting for a person (refusals collected, not raised)."""
    answers = Answers()

    def exec_(self):
        values = answers.pop(0)
        for key, value in values.items():
            w = self.widgets[key]
            if hasattr(w, "findData"):
                w.setCurrentIndex(w.findData(value))
            else:
                w.setText(value)
        self.try_accept()
        if self.error.text():
            answers.refusals.append(self.error.text())
            return 0
        return 1

    monkeypatch.setattr(plan_panel.FormDialog, "exec", exec_)
    return answers


def _call(store, type_="accident.explosion", place="连云港海晟化工有限公司", counts=None) -> int:
    with store.transaction() as s:
        return incidents.record_call(s, incidents.CallInput(
            category=type_.split(".")[0], type=type_, place_text=place, counts=counts or {"deaths": 3})).incident_id


@pytest.fixture
def panel(qtbot, demo_store):
    p = PlanPanel(AppContext(demo_store, demo=True))
    qtbot.addWidget(p)
    p.resize(1100, 700)
    p.show()
    p.load(_call(demo_store))
    return p


def _activate_hazmat(panel, auto_dialogs, level=3):
    row = next(i for i, m in enumerate(panel.found) if m.plan.id == "special.hazmat")
    panel.matches.selectRow(row)
    auto_dialogs.append({"level": level, "decider": "周建华（副局长）"})
    panel.activate()


def _states(panel) -> list[str]:
    return [panel.tasks.item(r, 3).text() for r in range(panel.tasks.rowCount())]


def test_activation_level_change_termination(qtbot, window, demo_store, auto_dialogs):
    """The officer activates the hazmat plan at Ⅲ, ticks a task, raises to Ⅱ and ends the response."""
    inc = _call(demo_store)
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
    assert "已完成" in _states(panel)
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
    inc = _call(demo_store, "accident.hazmat", "徐圩新区罐区", {"deaths": 1})
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


def test_before_activation_only_matching_and_activating_are_offered(panel):
    """The best match is chosen; changing level and ending are off until a plan is activated."""
    assert panel.found and panel.matches.currentRow() == 0 and panel.selected_match() is panel.found[0]
    assert "尚未启动预案" in panel.active_label.text()
    assert not panel.btn_level.isEnabled() and not panel.btn_end.isEnabled() and panel.tasks.rowCount() == 0


def test_nothing_chosen_is_said_plainly(panel):
    """Activate with no plan chosen, or work a task with none selected: a one-line reason, nothing done."""
    panel.matches.clearSelection()
    panel.matches.setCurrentCell(-1, -1)
    panel.activate()
    assert panel.message.text() == "请先选择一个预案。"
    panel.complete()
    assert panel.message.text() == "请先在任务列表中选择一项。"


def test_a_task_set_aside_or_given_to_another_unit(panel, auto_dialogs):
    """不适用 needs a reason and shows it; 改派 changes the responsible unit."""
    _activate_hazmat(panel, auto_dialogs)
    assert not auto_dialogs.refusals and panel.btn_level.isEnabled() and panel.btn_end.isEnabled()
    panel.tasks.selectRow(1)
    set_aside = panel.task_ids[1]
    auto_dialogs.append({"reason": "现场无此设施"})
    panel.not_applicable()
    assert not auto_dialogs.refusals
    row = panel.task_ids.index(set_aside)
    assert panel.tasks.item(row, 3).text() == "不适用" and panel.tasks.item(row, 4).text() == "现场无此设施"
    panel.tasks.selectRow(0)
    given = panel.task_ids[0]
    auto_dialogs.append({"owner": "徐圩新区应急管理局"})
    panel.reassign()
    assert panel.tasks.item(panel.task_ids.index(given), 1).text() == "徐圩新区应急管理局"


def test_assessment_figures_must_be_numbers(panel, auto_dialogs, demo_store):
    """研判数据 refuses a word where a number belongs, naming the field; a number is kept for matching."""
    auto_dialogs.append({"wind_level": "很大"})
    panel.assess()
    assert auto_dialogs.refusals == ["“风力（级）”须为数字，而不是“很大”。"]
    auto_dialogs.append({"warning": "orange", "wind_level": "9"})
    panel.assess()
    with demo_store.read() as s:
        warning, measures = incidents.assessment(s, panel.incident_id)
    assert warning == "orange" and measures["wind_level"] == 9


def test_no_plan_no_card(qtbot, demo_store):
    """An incident no plan matches gets a message instead of an empty card."""
    p = PlanPanel(AppContext(demo_store, demo=True))
    qtbot.addWidget(p)
    p.found, p.acts = [], []
    p.show_card()
    assert "没有可用的处置卡" in p.message.text()


def test_the_card_switches_role_and_exports_a_pdf(qtbot, panel, monkeypatch, tmp_path):
    """The card opens on the operator's role; another role shows another card; 导出 PDF writes it."""
    plan = next(m.plan for m in panel.found if len(m.plan.cards) > 1)
    dlg = CardDialog(plan, "duty_officer")
    qtbot.addWidget(dlg)
    assert dlg.role.currentData() == "duty_officer"
    first = dlg.view.toPlainText()
    dlg.role.setCurrentIndex(1)
    assert dlg.view.toPlainText() != first and dlg.card.role == dlg.role.currentData()
    out = tmp_path / "card.pdf"
    monkeypatch.setattr(dialogs, "save_path", lambda *a: str(out))
    dlg.export()
    assert out.read_bytes().startswith(b"%PDF")
