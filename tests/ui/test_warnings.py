"""The 预警 and 统计 pages, and active warnings on the 值班 page."""

from datetime import date

from PySide6.QtCore import Qt

from commanddesk.services import warnings
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
