"""The night call, typed with the keyboard only; and a 重大 incident that runs out of time."""


from PySide6.QtCore import Qt
from sqlalchemy import select

from commanddesk.clock import format_beijing
from commanddesk.models import ClockInstance, Incident
from commanddesk.services import incidents as svc
from tests.ui.conftest import type_text


def _key(qtbot, widget, key, mod=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, key, mod)


def _focused(window):
    from PySide6.QtWidgets import QApplication

    return QApplication.focusWidget()


def test_chemical_explosion_typed_with_keys(qtbot, window, demo_store, clock, tmp_path_factory):
    """Ctrl+N, Tab through the paper-log order, Ctrl+Enter: 较大, clocks, drafted 初报."""
    window.activateWindow()
    _key(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    page = window.page("intake")
    assert window.stack.currentWidget() is page
    assert page.w["received_at"].text() == "2026-11-23 22:00:00"  # stamped from the injected clock

    def field(name, text=None, tab=True):
        assert _focused(window) is page.w[name], f"focus is not on {name}"
        if text is not None:
            type_text(qtbot, page.w[name], text)
        if tab:
            _key(qtbot, _focused(window), Qt.Key.Key_Tab)

    page.w["caller_unit"].setFocus()
    field("caller_unit", "连云港海晟化工有限公司")
    field("caller_name", "王强")
    field("caller_post", "安全科科长")
    field("caller_phone", "13912345678")
    field("occurred_at", "21:45")
    field("occurred_precision")
    field("place_text", "连云港海晟化工有限公司二车间", tab=False)
    if page.completer.popup().isVisible():  # Esc closes the completion list only, never the form
        _key(qtbot, page.completer.popup(), Qt.Key.Key_Escape)
    assert not page.completer.popup().isVisible() and page.w["place_text"].text()
    _key(qtbot, page.w["place_text"], Qt.Key.Key_Tab)
    field("category", tab=False)
    _key(qtbot, page.w["category"], Qt.Key.Key_Down)
    _key(qtbot, page.w["category"], Qt.Key.Key_Down)
    assert page.w["category"].currentData() == "accident"
    _key(qtbot, page.w["category"], Qt.Key.Key_Tab)
    field("type", tab=False)
    for _ in range(2):
        _key(qtbot, page.w["type"], Qt.Key.Key_Down)
    assert page.w["type"].currentData() == "accident.explosion"
    _key(qtbot, page.w["type"], Qt.Key.Key_Tab)
    field("count_deaths", "3")
    field("count_missing")
    field("count_serious_injuries", "12")
    assert "较大" in page.suggestion.text() and "死亡" in page.suggestion.text()
    for _ in range(4 + 7):  # remaining actual counts and the predicted row
        _key(qtbot, _focused(window), Qt.Key.Key_Tab)
    field("direct_loss", "800")
    field("cause", "反应釜超压爆炸")
    field("course", "21:45 二车间反应釜发生爆炸，引发火灾")
    field("measures", "企业启动应急预案，疏散员工 200 余人")
    field("trend", "火势仍在蔓延")
    field("requests", "请求增派危化品救援力量")
    field("notified", "已报 119、120")
    field("commander", "李建 13805180000", tab=False)
    clock.advance(minutes=4, seconds=12)  # a real call takes minutes
    _key(qtbot, page.w["commander"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert page.error.text() == ""
    incidents = window.page("incidents")
    assert window.stack.currentWidget() is incidents
    with demo_store.read() as s:
        inc = s.scalars(select(Incident)).one()
        rules = {c.rule_id for c in s.scalars(select(ClockInstance).where(ClockInstance.incident_id == inc.id))}
        call = inc.calls[0]
    assert inc.grade == 3 and inc.counts["deaths"] == 3 and inc.counts["direct_loss"] == 8_000_000
    assert call.caller_phone == "13912345678" and call.recorder_name == "李晓明"
    assert format_beijing(call.received_at) == "2026-11-23 22:00:00" and call.receipt_edit_reason == ""
    assert "C-LEADER-10" in rules and "C-CITY-20" not in rules
    assert "较大" in incidents.head.text()
    assert window.strip.items and any("C-LEADER-10" for _ in window.strip.items)

    incidents.action_buttons["起草初报"].click()
    panel = incidents.report_panel
    texts = {panel.elements.item(i, 0).text(): panel.elements.item(i, 1).text()
             for i in range(panel.elements.rowCount())}
    assert "死亡 3 人" in texts["已造成后果"] and "重伤 12 人" in texts["已造成后果"]
    assert texts["地点"] == "连云港海晟化工有限公司二车间"
    assert "李建" in texts["现场指挥负责人及联系方式"]
    assert "缺少要素" in panel.status.text()

    # the draft exports to PDF and Word and prints (to a PDF printer here)
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

    out = tmp_path_factory.mktemp("out")
    panel.write(str(out / "r.pdf"), "pdf")
    panel.write(str(out / "r.docx"), "docx")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out / "printed.pdf"))
    panel.print_(printer)
    for name in ("r.pdf", "printed.pdf"):
        pdf = QPdfDocument()
        pdf.load(str(out / name))
        assert pdf.pageCount() >= 1
        assert "连云港海晟化工有限公司二车间" in pdf.getAllText(0).text().replace("\n", "")
    import docx

    assert any("初报" in p.text for p in docx.Document(str(out / "r.docx")).paragraphs)


def test_major_incident_goes_overdue_and_report_is_late(qtbot, window, demo_store, clock):
    """20 minutes pass on the injected clock: the strip turns red, the alarm fires, the phone report is 迟报."""
    with demo_store.transaction() as s:
        result = svc.record_call(s, svc.CallInput(
            category="accident", type="accident.hazmat", place_text="徐圩新区某罐区", counts={"deaths": 11}))
    window.ctx.notifier.sig_data_changed.emit("incidents")
    city = next(i for i in window.strip.items if "市政府" in i.view.name and "电话" in i.view.name)
    assert city.state == "pending"
    clock.advance(minutes=16)
    window.strip.tick()
    assert next(i for i in window.strip.items if i.view.id == city.view.id).state == "due_soon"
    clock.advance(minutes=5)
    window.strip.tick()
    item = next(i for i in window.strip.items if i.view.id == city.view.id)
    assert item.state == "overdue" and item.countdown.startswith("超时 01:")
    assert any("已超时" in text for text in window.alarm.fired)

    window.open_incident(result.incident_id)
    page = window.page("incidents")
    from commanddesk.services import reports
    with demo_store.transaction() as s:
        reports.log_phone(s, result.incident_id, "连云港市人民政府总值班室", "city", "值班员")
    window.ctx.notifier.sig_data_changed.emit("incidents")
    assert all(i.view.id != city.view.id for i in window.strip.items)
    states = [page.clock_table.item(r, 4).text() for r in range(page.clock_table.rowCount())]
    assert "迟报 1 分钟" in states
    page.tabs.setCurrentWidget(page.report_panel)
    assert "迟报 1 分钟" in page.report_panel.status.text()


def test_intake_refusal_keeps_input(qtbot, window, demo_store):
    """An unfinished count is explained in Chinese, the cursor goes there, nothing is saved or lost."""
    window.new_call()
    page = window.page("intake")
    page.w["category"].setCurrentIndex(page.w["category"].findData("accident"))
    page.w["type"].setCurrentIndex(page.w["type"].findData("accident.fire"))
    type_text(qtbot, page.w["place_text"], "墟沟街道某仓库")
    page.w["count_deaths"].setFocus()
    type_text(qtbot, page.w["count_deaths"], "一百零")  # the officer stopped half-way through 一百零五
    assert page.save() is None
    assert "死亡" in page.error.text() and "一百零" in page.error.text()
    assert page.w["place_text"].text() == "墟沟街道某仓库" and page.w["count_deaths"].hasFocus()
    with demo_store.read() as s:
        assert s.query(Incident).count() == 0


def test_draft_survives_a_crash(qtbot, window, demo_store):
    """An unsaved form is on disk; a new intake page (after a crash) restores it."""
    window.new_call()
    page = window.page("intake")
    type_text(qtbot, page.w["place_text"], "中云街道云门村山林")
    page.write_draft()
    from commanddesk.ui.intake import IntakePage

    again = IntakePage(window.ctx)
    qtbot.addWidget(again)
    assert again.w["place_text"].text() == "中云街道云门村山林"
    assert "已恢复" in again.banner.text()
