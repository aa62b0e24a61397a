"""The 值班表 page: the month from the roster, gaps flagged, bad imports refused in place, A4 landscape PDF."""

from datetime import date

from openpyxl import Workbook

from commanddesk.services import roster


def _page(window):
    window.show_page("roster")
    page = window.page("roster")
    page.reload()
    return page


def test_month_shows_the_roster_and_flags_gaps(qtbot, window, demo_store):
    with demo_store.transaction() as s:
        now = roster.now(s)
        roster.set_shift(s, now.day, now.slot, leader="周建华", officer="李晓明", backup="张涛")
    page = _page(window)
    row = now.day.day - 1
    col = 3 + 3 * now.slot
    assert [page.table.item(row, col + k).text() for k in range(3)] == ["周建华", "李晓明", "张涛"]
    assert "李晓明" in page.now_label.text() and "（未排班）" in page.now_label.text()  # the next one is empty
    assert page.gaps_label.isVisibleTo(page) and "无人值班" in page.gaps_label.text()


def test_bad_import_is_refused_in_place(qtbot, window, demo_store, tmp_path, monkeypatch):
    wb = Workbook()
    wb.active.append(list(roster.HEADERS))
    wb.active.append(["2026-12-01", "早班", "周建华", "李晓明", "", ""])
    wb.save(tmp_path / "r.xlsx")
    page = _page(window)
    from commanddesk.ui import dialogs

    monkeypatch.setattr(dialogs, "open_path", lambda *a: str(tmp_path / "r.xlsx"))
    page.import_excel()
    assert "未导入任何数据" in page.message.text() and "第 2 行 B 列（班次）" in page.message.text()


def test_pdf_is_a4_landscape(qtbot, window, demo_store, tmp_path):
    page = _page(window)
    out = tmp_path / "roster.pdf"
    page.write_pdf(str(out))
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and b"/MediaBox [0 0 842" in data  # 297 mm wide: landscape


def test_sign_in_off_roster_asks_for_a_reason_and_records_it(qtbot, demo_store):
    from sqlalchemy import select

    from commanddesk.models import AuditEntry
    from commanddesk.ui.context import AppContext
    from commanddesk.ui.signin import SignInDialog

    with demo_store.transaction() as s:
        now = roster.now(s)
        roster.set_shift(s, now.day, now.slot, leader="周建华", officer="李晓明")
    dlg = SignInDialog(AppContext(demo_store, demo=True))
    qtbot.addWidget(dlg)
    dlg.name.setCurrentText("刘洋")
    dlg.pin.setText("444444")
    dlg.try_sign_in()
    assert dlg.actor is None and "不在本班" in dlg.error.text() and dlg.off_roster.isVisibleTo(dlg)
    dlg.off_roster.setText("替班：李晓明临时请假")
    dlg.try_sign_in()
    assert dlg.actor is not None and dlg.actor.name == "刘洋"
    with demo_store.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "sign_in_off_roster")).one()
    assert "临时请假" in entry.after


def test_duty_page_names_who_is_on_duty_and_open_instructions(qtbot, window, demo_store, clock):
    from datetime import timedelta

    from commanddesk.services import instructions

    with demo_store.transaction() as s:
        now = roster.now(s)
        roster.set_shift(s, now.day, now.slot, leader="周建华", officer="李晓明", backup="张涛")
        instructions.record(s, "周建华", "加强夜间巡查", assignee="板桥街道", due_at=clock.now() + timedelta(minutes=5))
    clock.advance(minutes=6)
    window.show_page("duty")
    page = window.page("duty")
    page.reload()
    assert "带班领导 周建华 · 值班员 李晓明 · 备勤 张涛" in page.roster_line.text()
    assert "无人值班" in page.roster_line.text()  # the next shifts are not planned
    table = page.instructions_layout.itemAt(0).widget().table
    assert table.rows.row(0).texts[1] == "加强夜间巡查" and "超时" in table.rows.row(0).texts[3]


def test_instructions_recorded_and_closed_from_the_duty_page(qtbot, window, demo_store, clock):
    from commanddesk.services import instructions
    from commanddesk.ui import duty_room

    window.show_page("duty")
    page = window.page("duty")
    page.reload()
    box = page.instructions_layout.itemAt(0).widget()
    dlg = duty_room.record_dialog(page.ctx, box)
    qtbot.addWidget(dlg)
    dlg.widgets["leader"].setText("周建华")
    dlg.widgets["text"].setText("核实转移人数")
    dlg.widgets["incident"].setText("abc")
    dlg.try_accept()
    assert "事件编号应为数字" in dlg.error.text()
    dlg.widgets["incident"].setText("")
    dlg.try_accept()
    with demo_store.read() as s:
        (v,) = instructions.open_(s)
    assert v.text == "核实转移人数" and v.leader == "周建华" and v.due_at > clock.now()  # 30 minutes by default
    page.reload()
    box = page.instructions_layout.itemAt(0).widget()
    box.table.select_source(0)
    done = duty_room.done_dialog(page.ctx, box, v, box.findChild(type(page.roster_line)))
    qtbot.addWidget(done)
    done.widgets["feedback"].setText("已核实：转移 230 人")
    done.try_accept()
    with demo_store.read() as s:
        assert instructions.open_(s) == []
