"""The 预警 page (import, hand entry, forwarding, lifting, export, who may act), with its warnings on the 统计 and 值班 pages."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from commanddesk.clock import format_beijing
from commanddesk.services import warnings
from commanddesk.ui import dialogs
from commanddesk.ui.context import AppContext
from commanddesk.ui.warnings import MessageLine, WarningsPage, swatch
from tests.conftest import sign_in
from tests.test_cap import alert


def _page(window, key):
    window.show_page(key)
    page = window.page(key)
    page.reload()
    return page


def test_import_lists_the_warning_with_its_recipients(qtbot, window, demo_store, tmp_path):
    f = tmp_path / "a.xml"
    f.write_bytes(alert(geocode="320706"))
    page = _page(window, "warnings")
    assert page.table.rows.rowCount() == 0 and "预警登记为空" in page.detail.toPlainText()
    assert page.message.isHidden()  # no empty line above the list until there is something to say
    assert page.import_file(str(f))
    assert "新登记预警" in page.message.text() and page.message.isVisible()
    row = page.table.rows.row(0)
    assert row.texts[0] == "红色" and "暴雨红色预警" in row.texts[1] and row.texts[3] == "生效"
    assert row.texts[5] == f"0/{len(warnings.required_recipients('rainstorm', 'red'))}"
    assert "转发时限（第 1 轮）" in page.detail.toPlainText()
    assert page.recipients.rows.rowCount() == len(warnings.required_recipients("rainstorm", "red"))
    window.strip.reload()
    assert any(i.view.incident_id is None for i in window.strip.items)


def test_a_bad_file_is_refused_in_place(qtbot, window, demo_store, tmp_path):
    f = tmp_path / "bad.xml"
    f.write_bytes(b'<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>')
    page = _page(window, "warnings")
    assert not page.import_file(str(f))
    assert "未作任何改动" in page.message.text() and page.table.rows.rowCount() == 0


def test_forward_dialog_records_the_ticked_recipients(qtbot, window, demo_store, tmp_path):
    from commanddesk.ui.warnings import ForwardDialog

    f = tmp_path / "a.xml"
    f.write_bytes(alert(event="大风蓝色预警", headline="大风蓝色预警", severity="Minor"))
    page = _page(window, "warnings")
    page.import_file(str(f))
    wid = page.current_id()
    dlg = ForwardDialog(window.ctx, wid, page)
    qtbot.addWidget(dlg)
    dlg.list.item(0).setCheckState(Qt.CheckState.Unchecked)
    dlg.channel.setCurrentIndex(dlg.channel.findData("fax"))
    dlg.try_accept()
    page.reload()
    with demo_store.read() as s:
        status = warnings.recipients(s, wid)
    assert status[0].forwarded_at is None and all(x.channel == "传真" for x in status[1:])
    assert page.table.rows.row(0).texts[5] == f"{len(status) - 1}/{len(status)}"


def test_duty_page_lists_live_warnings(qtbot, window, demo_store, tmp_path):
    f = tmp_path / "a.xml"
    f.write_bytes(alert())
    with demo_store.transaction() as s:
        warnings.import_cap(s, f.read_bytes())
    page = _page(window, "duty")
    table = page.warnings_box.findChild(type(page.board), "duty_warnings")
    assert table is not None and table.rows.row(0).texts[0] == "红色"


def test_statistics_page_shows_and_exports_the_figures(qtbot, window, demo_store, tmp_path, monkeypatch):
    from commanddesk.ui import dialogs

    page = _page(window, "statistics")
    page.start.setDate(date(2026, 1, 1))
    page.end.setDate(date(2026, 12, 31))
    page.reload()
    assert page.stats.incidents >= 0 and "事件" in page.summary.text()
    assert list(page.stats.by_month)[0] == "2026-01" and len(page.stats.by_month) == 12
    target = tmp_path / "统计.xlsx"
    monkeypatch.setattr(dialogs, "save_path", lambda *a, **k: str(target))
    assert page.export() == str(target) and target.exists()


def test_clicking_a_forwarding_clock_opens_the_warnings_page(qtbot, window, demo_store, tmp_path):
    from PySide6.QtCore import QPoint

    with demo_store.transaction() as s:
        warnings.import_cap(s, alert())
    window.show_page("duty")
    window.strip.reload()
    chip = next(c for c in window.strip.layout_chips() if c.item is not None and c.item.view.incident_id is None)
    qtbot.mouseClick(window.strip, Qt.MouseButton.LeftButton, pos=chip.rect.center())
    assert window.stack.currentWidget() is window.page("warnings")


def test_export_writes_a_valid_cap_file_and_says_so(qtbot, window, demo_store, tmp_path):
    from commanddesk import cap, cap_write

    f = tmp_path / "a.xml"
    f.write_bytes(alert(geocode="320706"))
    page = _page(window, "warnings")
    page.import_file(str(f))
    out = tmp_path / "out.xml"
    assert page.export_file(str(out))
    assert "已导出 CAP 1.2 更新消息" in page.message.text() and "32077100000000_" in page.message.text()
    cap_write.validate(out.read_bytes())
    assert cap.parse(out.read_bytes()).references[0][1] == "W-1"
    assert not page.export_file(str(tmp_path / "nowhere" / "out.xml"))
    assert "文件夹不存在" in page.message.text()


def test_a_click_on_another_warning_shows_that_one(qtbot, demo_store):
    """The detail follows the row clicked (it used to read the selection before the click had moved it)."""
    from PySide6.QtCore import Qt

    from commanddesk.services import demo
    from commanddesk.ui.context import AppContext
    from commanddesk.ui.warnings import WarningsPage

    demo.stage_incidents(demo_store)  # the two warnings in force
    page = WarningsPage(AppContext(demo_store, demo=True))
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    first = page.detail.toPlainText()
    rect = page.table.visualRect(page.table.model().index(1, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.current_id() == page.rows[1].id and page.rows[1].headline in page.detail.toPlainText()
    assert page.detail.toPlainText() != first


# --- the page on its own: registering by hand, lifting, who may act -------------------------------------------


@pytest.fixture
def answer(monkeypatch):
    """Fill each FormDialog with the next answer and press OK; a refusal is kept and the dialog cancelled."""
    answers: list = []
    refusals: list = []

    def exec_(self):
        for key, value in answers.pop(0).items():
            w = self.widgets[key]
            if hasattr(w, "findData"):
                w.setCurrentIndex(w.findData(value))
            else:
                w.setText(value)
        self.try_accept()
        if self.error.text():
            refusals.append(self.error.text())
            return 0
        return 1

    monkeypatch.setattr(dialogs.FormDialog, "exec", exec_)
    return answers, refusals


@pytest.fixture
def page(qtbot, demo_store):
    p = WarningsPage(AppContext(demo_store, demo=True))
    qtbot.addWidget(p)
    p.resize(1240, 640)
    p.show()
    return p


def test_a_warning_read_out_on_the_phone_is_registered_by_hand(page, answer):
    """手工登记: the warning is listed, chosen, with a headline made for it and its forwarding clock running."""
    answers, refusals = answer
    answers.append({"type": "rainstorm", "colour": "orange", "issuer": "连云港市气象台", "areas": "320706、320707",
                    "headline": "", "text": "预计未来 6 小时降雨量将达 50 毫米以上"})
    page.add_by_hand()
    assert refusals == []
    row = page.rows[page.table.current()]
    assert row.colour == "orange" and row.headline == "连云港市气象台发布暴雨橙色预警" and row.state == "active"
    text = page.detail.toPlainText()
    assert "连云港市气象台发布暴雨橙色预警" in text and "转发时限（第 1 轮）" in text and "预计未来 6 小时" in text
    assert page.forward_btn.isEnabled() and page.lift_btn.isEnabled()


def test_a_warning_issued_in_the_future_is_refused_in_the_dialog(page, answer, demo_store):
    """A 发布时间 later than now is refused with its reason; nothing is registered."""
    answers, refusals = answer
    later = demo_store.clock.now() + timedelta(hours=2)
    answers.append({"type": "rainstorm", "colour": "blue", "issuer": "市气象台", "areas": "320706",
                    "issued": format_beijing(later, seconds=False)})
    page.add_by_hand()
    assert refusals == ["发布时间不能晚于当前时间。"] and page.rows == []


def test_lifting_stops_forwarding_and_cannot_be_done_twice(page, answer):
    """登记解除: the warning shows as lifted, greyed, with no forwarding left to do; 解除 is then off."""
    answers, refusals = answer
    answers.append({"type": "gale", "colour": "yellow", "issuer": "市气象台", "areas": "320706"})
    page.add_by_hand()
    answers.append({"reason": "气象台通知解除"})
    page.lift()
    assert refusals == []
    row = page.rows[page.table.current()]
    assert row.state == "lifted" and page.table.rows.row(page.table.current()).fg == "#777777"
    assert not page.lift_btn.isEnabled() and not page.forward_btn.isEnabled()
    assert "解除" in page.detail.toPlainText()


def test_signed_out_nobody_may_act_and_is_told_why(page, demo_store):
    """Without an operator on duty every button is off with a tooltip that says to sign in."""
    demo_store.actor = None
    page.refresh_permission()
    for b in (page.import_btn, page.add_btn, page.forward_btn, page.lift_btn, page.export_btn):
        assert not b.isEnabled() and "请先签到" in b.toolTip()
    sign_in(demo_store, "李晓明", "111111")
    page.refresh_permission()
    assert page.import_btn.isEnabled() and page.import_btn.toolTip() == ""


def test_the_message_line_takes_no_room_until_it_has_something_to_say(qtbot):
    """An empty message line is hidden; a text shows it; clear hides it again."""
    line = MessageLine()
    qtbot.addWidget(line)
    line.show()
    line.setText("")
    assert line.isHidden()
    line.setText("已导入")
    assert line.isVisible()
    line.clear()
    assert line.isHidden() and line.text() == ""


def test_each_colour_has_a_readable_swatch():
    """Red, orange, yellow and blue each get their own background and a text colour; unknown is grey."""
    shown = {c: swatch(c) for c in ("red", "orange", "yellow", "blue")}
    assert len({bg for bg, _ in shown.values()}) == 4 and all(fg for _, fg in shown.values())
    assert swatch("purple") == ("#9e9e9e", "#ffffff")
