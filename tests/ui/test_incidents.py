"""The incident page: the 报告时限 tab at 1366×768, countdowns that follow the clock, materials issued, timeline order."""

from datetime import timedelta

from sqlalchemy import select

from commanddesk.models import StockLine
from commanddesk.services import incidents as svc
from commanddesk.services import ledger, plans, reports
from commanddesk.ui.incidents import CLOCK_HEADERS, CLOCK_LEFT, CLOCK_STATE


def _open(window, store, **counts) -> int:
    with store.transaction() as s:
        inc = svc.record_call(s, svc.CallInput(
            category="accident", type="accident.hazmat", place_text="徐圩新区石化基地罐区",
            caller_unit="徐圩新区管理委员会", caller_name="钱伟", caller_phone="0518-86350011",
            cause="储罐管线泄漏引发闪爆", course="罐区东侧管廊闪爆，6 名作业人员被困",
            counts=counts or {"deaths": 11})).incident_id
    window.open_incident(inc)
    return inc


def _column(table, col):
    return [table.item(r, col).text() for r in range(table.rowCount())]


def test_clock_tab_fits_1366x768_without_horizontal_scrolling(qtbot, window, demo_store):
    """Deadline, state and time left are on screen at once, with no horizontal scrollbar."""
    _open(window, demo_store)
    page = window.page("incidents")
    page.tabs.setCurrentIndex(page.tabs.indexOf(page.clock_table.parentWidget()))
    qtbot.wait(30)
    t = page.clock_table
    assert window.width() == 1366 and t.isVisible() and t.rowCount() >= 5
    assert [t.horizontalHeaderItem(c).text() for c in range(t.columnCount())] == CLOCK_HEADERS
    assert not t.horizontalScrollBar().isVisible()
    widths = [t.columnWidth(c) for c in range(t.columnCount())]
    assert sum(widths) <= t.viewport().width()
    fm = t.fontMetrics()
    for col in (3, CLOCK_STATE, CLOCK_LEFT):  # never elided
        assert all(fm.horizontalAdvance(text) < widths[col] for text in _column(t, col))
    for table in (page.call_table, page.timeline):  # the other tables of the page fit too
        page.tabs.setCurrentWidget(table)
        qtbot.wait(10)
        assert not table.horizontalScrollBar().isVisible(), table.objectName()
    for table in (page.table, page.plan_panel.tasks, page.issued_panel.table):
        assert not table.horizontalScrollBar().isVisible(), table.objectName()


def test_time_left_and_state_follow_the_clock(qtbot, window, demo_store, clock):
    """The 剩余时间 column counts down; a clock that runs out turns red and reads 超时 without a reload."""
    _open(window, demo_store)
    page = window.page("incidents")
    t = page.clock_table
    row = next(r for r in range(t.rowCount()) if t.item(r, 0).text() == "电话报告市政府")
    assert t.item(row, CLOCK_LEFT).text() == "20:00" and t.item(row, CLOCK_STATE).text() == "计时中"
    clock.advance(minutes=3, seconds=30)
    page.tick()
    assert t.item(row, CLOCK_LEFT).text() == "16:30"
    clock.advance(minutes=17)
    page.tick()
    assert t.item(row, CLOCK_LEFT).text() == "超时 00:30" and t.item(row, CLOCK_STATE).text() == "已超时"
    assert t.item(row, 0).foreground().color().name() == "#c62828"


def test_minutes_since_receipt_stay_current(qtbot, window, demo_store, clock):
    """"距今 N 分钟" in the overview goes up as time passes."""
    _open(window, demo_store)
    page = window.page("incidents")
    page.tabs.setCurrentWidget(page.overview)
    assert "（距今 0 分钟）" in page.facts.text()
    clock.advance(minutes=42)
    page.tick()
    assert "（距今 42 分钟）" in page.facts.text()


def test_timeline_is_in_time_order(qtbot, window, demo_store, clock):
    """An action recorded late but dated earlier takes its place in time, not in entry order."""
    inc = _open(window, demo_store)
    clock.advance(minutes=12)
    with demo_store.transaction() as s:
        reports.draft(s, inc, "initial")  # now
    with demo_store.transaction() as s:
        reports.notify_leader(s, inc, "周建华", at=clock.now() - timedelta(minutes=8))  # told the leader 8 min ago
    window.ctx.notifier.sig_data_changed.emit("incidents")
    page = window.page("incidents")
    times = _column(page.timeline, 0)
    assert times == sorted(times) and len(times) >= 3
    texts = _column(page.timeline, 2)
    leader = next(i for i, text in enumerate(texts) if "周建华" in text)
    drafted = next(i for i, text in enumerate(texts) if "起草初报" in text)
    assert leader < drafted  # recorded after the draft, but it happened before


def test_materials_tab_lists_what_was_issued(qtbot, window, demo_store):
    """After an issue for the incident, its 物资 tab shows the item, quantity and document, and warns."""
    inc = _open(window, demo_store)
    page = window.page("incidents")
    page.tabs.setCurrentWidget(page.materials_tab)
    panel = page.issued_panel
    assert "尚未" in panel.summary.text() and not panel.table.isVisible()
    with demo_store.read() as s:
        line = s.scalars(select(StockLine).where(StockLine.quantity >= 100, StockLine.expires_on.is_(None))).first()
        name = line.item.name
    with demo_store.transaction() as s:
        move = ledger.issue(s, line.id, 60, "事故现场处置", incident_id=inc, recipient="徐圩新区现场指挥部")
    page.fill_panel.sig_changed.emit()
    assert panel.table.isVisible() and panel.table.rows.rowCount() == 1
    texts = panel.table.rows.row(0).texts
    assert texts[1] == move.doc_number and texts[3] == name and texts[4].startswith("60 ")
    assert name in panel.summary.text() and "重复" in panel.summary.text()


def test_materials_destination_follows_the_incident(qtbot, window, demo_store):
    """Switching incidents does not carry the previous incident's place over as the destination."""
    first = _open(window, demo_store)
    with demo_store.transaction() as s:
        second = svc.record_call(s, svc.CallInput(category="natural", type="natural.rainstorm",
                                                  place_text="板桥街道")).incident_id
    page = window.page("incidents")
    page.select(first)
    assert page.fill_panel.destination.text() == "徐圩新区石化基地罐区"
    window.open_incident(second)
    assert page.fill_panel.destination.text() == "板桥街道"


def test_grading_facts_dialog_regrades_an_earthquake(qtbot, window, demo_store):
    """M6.2 is 较大 at most where it is not densely populated; saying 人口密集地区 makes it 特别重大."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from commanddesk.models import Incident
    from commanddesk.ui.dialogs import FormDialog

    with demo_store.transaction() as s:
        inc = svc.record_call(s, svc.CallInput(category="natural", type="natural.earthquake",
                                               place_text="连云港市", counts={"deaths": 0})).incident_id
        plans.set_assessment(s, inc, "", {"magnitude": 6.2})
    window.open_incident(inc)
    page = window.page("incidents")
    seen = []

    def fill():
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, FormDialog):
            QTimer.singleShot(20, fill)
            return
        seen.extend(dlg.widgets)
        box = dlg.widgets["population_density"]
        box.setCurrentIndex(box.findData("dense"))
        dlg.try_accept()

    QTimer.singleShot(0, fill)
    page.action_buttons["定级条件…"].click()
    assert "population_density" in seen and "city_size" not in seen
    with demo_store.read() as s:
        quake = s.get(Incident, inc)
        assert quake.grading_facts == {"population_density": "dense"} and quake.grade == 1


def test_grading_facts_are_not_asked_where_the_scale_reads_none(qtbot, window, demo_store):
    """A hazmat accident grades on figures alone: no 定级条件 button to puzzle over."""
    _open(window, demo_store)
    assert window.page("incidents").action_buttons["定级条件…"].isHidden()


def test_relief_secured_closes_the_ten_hour_clock(qtbot, window, demo_store, clock):
    """A flood with people relocated shows 基本生活已保障…; recording it meets the 10-hour clock."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from commanddesk.models import ClockInstance
    from commanddesk.ui.dialogs import FormDialog

    with demo_store.transaction() as s:
        inc = svc.record_call(s, svc.CallInput(category="natural", type="natural.flood", place_text="板桥街道",
                                               counts={"relocated": 300})).incident_id
    window.open_incident(inc)
    page = window.page("incidents")
    button = page.action_buttons["基本生活已保障…"]
    assert not button.isHidden()
    clock.advance(hours=3)

    def fill():
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, FormDialog):
            QTimer.singleShot(20, fill)
            return
        dlg.widgets["note"].setText("已安置于板桥中学，食品饮用水到位")
        dlg.try_accept()

    QTimer.singleShot(0, fill)
    button.click()
    with demo_store.read() as s:
        relief = s.query(ClockInstance).filter_by(incident_id=inc, rule_id="C-RELIEF-10H").one()
        assert relief.met_at is not None


def test_no_relief_button_for_an_accident(qtbot, window, demo_store):
    _open(window, demo_store)
    assert window.page("incidents").action_buttons["基本生活已保障…"].isHidden()


def _dialog(action):
    """Run *action* on the next FormDialog that opens; return what it saw."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from commanddesk.ui.dialogs import FormDialog

    seen = {}

    def fill():
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, FormDialog):
            QTimer.singleShot(20, fill)
            return
        action(dlg)
        seen["error"] = dlg.error.text()
        if dlg.isVisible():
            dlg.reject()

    QTimer.singleShot(0, fill)
    return seen


def _report_ready(window, store) -> tuple[int, int]:
    """An incident with a complete 初报 draft (gaps marked 暂不掌握), shown in the report panel."""
    inc = _open(window, store)
    with store.transaction() as s:
        report = reports.draft(s, inc, "initial")
        reports.update_draft(s, report.id, [{"key": e["key"], "text": e["text"], "status": "unknown"}
                                            for e in report.elements if e["status"] == "missing"])
        rid = report.id
    page = window.page("incidents")
    page.show_incident(inc)
    page.tabs.setCurrentWidget(page.report_panel)
    page.report_panel.select(rid)
    return inc, rid


def test_sending_an_unapproved_report_by_fax_is_refused_in_the_dialog(qtbot, window, demo_store):
    """The service's refusal is shown in the send dialog; nothing is recorded."""
    from commanddesk.models import Report

    _inc, rid = _report_ready(window, demo_store)
    panel = window.page("incidents").report_panel
    assert "未审批" in panel.approval.text()

    def fax(dlg):
        dlg.widgets["channel"].setCurrentIndex(dlg.widgets["channel"].findData("fax"))
        dlg.try_accept()

    seen = _dialog(fax)
    panel.btn_send.click()
    assert "尚未经带班领导审批" in seen["error"]
    with demo_store.read() as s:
        assert s.get(Report, rid).status == "draft"


def test_leader_approves_with_pin_then_fax_goes_to_every_addressee(qtbot, window, demo_store):
    """周建华 types his own PIN; the panel shows who approved; a 抄送 added in the table is sent too."""
    from commanddesk.models import Report

    _inc, rid = _report_ready(window, demo_store)
    panel = window.page("incidents").report_panel
    panel._add_recipient_row("区人民政府", "cc", "government", True)
    assert panel.save()

    def wrong(dlg):
        dlg.widgets["leader"].setCurrentIndex(dlg.widgets["leader"].findData("周建华"))
        dlg.widgets["pin"].setText("000000")
        dlg.try_accept()

    seen = _dialog(wrong)
    panel.btn_approve.click()
    assert "PIN 不正确" in seen["error"]

    def right(dlg):
        dlg.widgets["leader"].setCurrentIndex(dlg.widgets["leader"].findData("周建华"))
        dlg.widgets["pin"].setText("222222")
        dlg.try_accept()

    _dialog(right)
    panel.btn_approve.click()
    panel.select(rid)
    assert "已由带班领导 周建华" in panel.approval.text()

    def fax_all(dlg):
        dlg.widgets["channel"].setCurrentIndex(dlg.widgets["channel"].findData("fax"))
        dlg.try_accept()

    seen = _dialog(fax_all)
    panel.btn_send.click()
    assert seen["error"] == ""
    with demo_store.read() as s:
        report = s.get(Report, rid)
        assert report.status == "sent" and report.doc_number
        assert [x.recipient for x in report.sends] == [report.recipients[0].recipient, "区人民政府"]
    panel.select(rid)
    assert "区人民政府" in panel.sends.text()


def test_the_incidents_public_opinion_has_its_tab(qtbot, window, demo_store):
    from commanddesk.services import opinion

    inc = _open(window, demo_store)
    page = window.page("incidents")
    tab = page.tabs.indexOf(page.opinion_table)
    assert page.tabs.tabText(tab) == "舆情" and page.opinion_table.rowCount() == 0
    with demo_store.transaction() as s:
        opinion.record(s, "抖音", "罐区冒黑烟视频", heat="高", incident_id=inc)
    page.show_incident(inc)
    assert page.tabs.tabText(tab) == "舆情（1）"
    assert _column(page.opinion_table, 2) == ["罐区冒黑烟视频"] and _column(page.opinion_table, 4) == ["尚未应对"]


def test_the_draft_names_who_is_on_duty_and_takes_a_correction(qtbot, window, demo_store):
    from commanddesk.models import Report

    _inc, rid = _report_ready(window, demo_store)
    panel = window.page("incidents").report_panel
    with demo_store.read() as s:
        officer, leader = reports.duty(s.get(Report, rid))
    assert (panel.duty_officer.text(), panel.duty_leader.text()) == (officer, leader) and officer
    panel.duty_leader.setText("周建华")
    assert panel.save()
    with demo_store.read() as s:
        assert reports.duty(s.get(Report, rid)) == (officer, "周建华")
    panel.duty_officer.setText("值" * 200)
    assert not panel.save() and "过长" in panel.error.text()
    with demo_store.read() as s:
        assert reports.duty(s.get(Report, rid)) == (officer, "周建华")


def test_the_list_pages_and_filters_in_the_store(qtbot, window, demo_store, clock, monkeypatch):
    """Two at a time: 更多 fetches older ones; the filter asks the store and shows the first match."""
    monkeypatch.setattr(svc, "PAGE", 2)
    ids = [_open(window, demo_store) for _ in range(3)]
    with demo_store.transaction() as s:
        for i in ids:
            s.get(svc.Incident, i).status = "terminated"
    page = window.page("incidents")
    page.reload()
    assert page.model.rowCount() == 2 and page.btn_more.isVisibleTo(page)
    assert page.list_note.text() == "共 3 起，已列出最近 2 起"
    page.load_more()
    assert [page.model.row(i).id for i in range(3)] == ids[::-1] and not page.btn_more.isVisibleTo(page)
    shown = page.current_id
    page.filter.setText(f"#{ids[0]}")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    assert page.list_note.text() == "符合条件 1 起" and page.current_id == shown  # the shown incident stays
    page.table.selectRow(0)  # the match is one click (or Down) away
    assert page.current_id == ids[0]
    page.filter.setText("没有这样的地方")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=2000)
    assert page.list_note.text() == "符合条件 0 起"


def test_export_cap_notice_from_the_incident_page(qtbot, window, demo_store, tmp_path):
    from commanddesk import cap, cap_write

    inc = _open(window, demo_store)
    page = window.page("incidents")
    out = tmp_path / "notice.xml"
    assert page.export_cap(str(out))
    assert "已导出 CAP 1.2 事件信息" in page.message.text() and "32077100000000_" in page.message.text()
    data = out.read_bytes()
    cap_write.validate(data)
    msg = cap.parse(data)
    assert (msg.status, msg.category, msg.severity) == ("Actual", "CBRNE", "Severe")  # 11 deaths: 重大 (grade 2)
    assert f"<value>{inc}</value>".encode() in data


def test_a_closed_incident_says_so_in_the_list_and_the_heading(qtbot, window, demo_store):
    """An incident whose response has ended reads 已终止 in the list's 时限 column (before the clocks that
    still run) and in the page heading."""
    from commanddesk.models import Incident

    inc = _open(window, demo_store)
    with demo_store.transaction() as s:
        s.get(Incident, inc).status = "terminated"
    page = window.page("incidents")
    page.reload()
    window.open_incident(inc)
    qtbot.waitUntil(lambda: "〔已终止〕" in page.head.text())
    row = page.model.row_of(inc)
    assert page.model.data(page.model.index(row, len(page.model.fields) - 1)).startswith("已终止，")  # and its clocks
