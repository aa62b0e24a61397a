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
