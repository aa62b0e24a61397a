"""Every registry screen, driven like a user: create, edit, filter, delete, refuse."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from commanddesk.ui.registry_page import RegistryPage
from tests.ui.conftest import type_text

# page key, tab key (for tabbed pages), valid new values, one invalid edit and the message
CASES = [
    ("teams", None, {"code": "T900", "name": "测试水上救援队", "team_type": "水上搜救应急队",
                     "headcount": "25", "on_duty": "8"}, {"headcount": "-5"}, "不能小于 0"),
    ("materials", "warehouses", {"code": "W900", "name": "测试街道物资储备点", "level": "乡镇（街道）级"},
     {"area_m2": "很大"}, "须为整数"),
    ("materials", "items", {"code": "M9000", "name": "测试折叠担架", "category": "医疗救护", "unit": "副"},
     {"unit": ""}, "不能为空"),
    ("materials", "stock", {"warehouse_id": "开发区应急物资储备库", "item_id": "测试", "quantity": "10",
                            "batch": "2026-11批"},
     {"quantity": "-1"}, "不能小于 0"),
    ("shelters", None, {"code": "S900", "name": "测试小学操场", "level": "紧急避难场所", "kind": "场地型",
                        "capacity": "600"}, {"capacity": "-1"}, "不能小于 0"),
    ("hazards", None, {"code": "H900", "name": "测试加油站", "kind": "加油（气）站", "risk_level": "一般风险（黄）"},
     {"phone": "call me"}, "只能包含数字"),
    ("contacts", "organisations", {"code": "O900", "name": "测试社区居委会", "kind": "政府及办事机构"},
     {"name": ""}, "不能为空"),
    ("contacts", "contacts", {"name": "测试联络员", "post": "联络员", "mobile": "13900000000"},
     {"mobile": "13９"}, "只能包含数字"),
]


def _page(window, key, tab) -> RegistryPage:
    window.show_page(key)
    page = window.page(key)
    if tab is not None:
        page.setCurrentWidget(page.pages[tab])
        page = page.pages[tab]
    return page


def _type(qtbot, page: RegistryPage, values: dict) -> None:
    for key, text in values.items():
        w = page.form.widgets[key]
        if isinstance(w, QComboBox):
            i = w.findText(text, Qt.MatchFlag.MatchStartsWith)
            if i < 0:  # the stock case names an item that the test creates first
                i = w.findText(text, Qt.MatchFlag.MatchContains)
            assert i >= 0, f"{key}: {text!r} not offered"
            w.setCurrentIndex(i)
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText(text)
        else:
            assert isinstance(w, QLineEdit)
            w.setFocus()
            w.selectAll()
            if text:
                type_text(qtbot, w, text)
            else:
                qtbot.keyClick(w, Qt.Key.Key_Backspace)


def _filter(qtbot, page: RegistryPage, text: str) -> None:
    """Type *text* into the filter box (or clear it) and wait until the store has been asked."""
    page.filter.clear()
    if text:
        type_text(qtbot, page.filter, text)
    qtbot.waitUntil(lambda: not page.filter_pending, timeout=2000)


@pytest.mark.parametrize("key, tab, valid, invalid, message", CASES, ids=[c[1] or c[0] for c in CASES])
def test_registry_screen(qtbot, window, key, tab, valid, invalid, message):
    """Create with the keyboard, find by filter, refuse a bad edit, edit, delete."""
    if tab == "stock":  # an item to stock, so that the drop-down offers it
        items = _page(window, "materials", "items")
        items.start_new()
        _type(qtbot, items, {"code": "M9001", "name": "测试担架", "category": "医疗救护", "unit": "副"})
        assert items.save(), items.form.error.text()
    page = _page(window, key, tab)
    total = page.total
    qtbot.mouseClick(page.btn_new, Qt.MouseButton.LeftButton)
    _type(qtbot, page, valid)
    qtbot.keyClick(page.form.widgets[next(iter(valid))], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not page.form.error.isVisible(), page.form.error.text()
    assert page.total == total + 1
    created = page.current
    assert created is not None

    # filter finds it by a word of its name
    needle = list(valid.values())[1] if tab != "stock" else "测试担架"
    _filter(qtbot, page, needle)
    assert page.model.rowCount() >= 1
    assert all(needle.casefold() in page.model.row(i).haystack for i in range(page.model.rowCount()))
    _filter(qtbot, page, "")

    # a bad edit is refused with a Chinese message and the stored values stay
    page.select_id(created.id)
    _type(qtbot, page, invalid)
    assert not page.save()
    assert message in page.form.error.text()
    page.reload()
    page.select_id(created.id)
    assert page.current.values == created.values

    # a good edit is stored (the last text field gets a suffix)
    text_key = next(f.key for f in page.spec.fields if f.kind == "text" and f.editable and f.key in valid)
    _type(qtbot, page, {text_key: valid[text_key] + "改"})
    assert page.save(), page.form.error.text()
    assert page.current.values[text_key] == valid[text_key] + "改"

    # delete after confirming
    page.confirm = lambda *_: True
    page.delete_current()
    assert page.total == total
    assert page.model.row_of(created.id) == -1


def test_filter_by_several_words(qtbot, window):
    """Words separated by spaces must all match (AND)."""
    page = _page(window, "teams", None)
    _filter(qtbot, page, "消防 开发区")
    rows = [page.model.row(i) for i in range(page.model.rowCount())]
    assert rows and all("消防" in r.haystack and "开发区" in r.haystack for r in rows)
    assert page.count.text() == f"符合条件 {len(rows)} 条（共 {page.total} 条）"


def test_sorting_by_headcount(qtbot, window):
    """Clicking a numeric header sorts numerically."""
    page = _page(window, "teams", None)
    col = [f.key for f in page.spec.table_fields].index("headcount")
    page.table.sortByColumn(col, Qt.SortOrder.DescendingOrder)
    counts = [page.model.row(i).values["headcount"] for i in range(page.model.rowCount())]
    assert counts == sorted(counts, reverse=True)


def test_trainer_sees_read_only_registry(qtbot, window, demo_store):
    """A trainer may look but not edit, and is told why."""
    from tests.conftest import sign_in

    sign_in(demo_store, "陈静", "333333")
    window.ctx.notifier.sig_signed_in.emit()
    page = _page(window, "teams", None)
    assert not page.btn_new.isEnabled() and not page.btn_save.isEnabled()
    assert page.notice.isVisible() and "演练导调员" in page.notice.text()


def test_phone_numbers_are_never_cut_off(qtbot, window):
    """At 1366×768 the teams table is crowded; the duty phone still shows all its digits."""
    window.resize(1366, 768)
    page = _page(window, "teams", None)
    qtbot.wait(20)
    col = next(i for i, f in enumerate(page.model.fields) if f.key == "duty_phone")
    longest = max(page.table.fontMetrics().horizontalAdvance(str(r.texts.get("duty_phone", "")))
                  for r in page.model._rows)
    assert page.table.columnWidth(col) >= longest


# --- a long registry: one page listed, the store asked for the rest ---------------------------------------------

def _many_teams(demo_store, n=450) -> int:
    """Add *n* teams (批量第1队 …, codes YS00001 …, headcount = the number) in one bulk insert; return the total."""
    from sqlalchemy import func, insert, select

    from commanddesk.models import RescueTeam, TeamType

    with demo_store.transaction() as s:
        kind = s.scalar(select(TeamType.code).order_by(TeamType.code))
        s.execute(insert(RescueTeam), [
            {"code": f"YS{i:05d}", "name": f"批量第{i}队", "team_type": kind, "tier": "professional",
             "headcount": 1000 + i, "on_duty": 0, "status": "available", "version": 1} for i in range(1, n + 1)])
        return s.scalar(select(func.count()).select_from(RescueTeam))


def _codes(page: RegistryPage) -> list[str]:
    return [page.model.row(i).texts["code"] for i in range(page.model.rowCount())]


def test_a_long_registry_lists_a_page_and_more(qtbot, window, demo_store):
    """200 rows in the registry's order with the count; 更多… adds the next 200, the selection stays."""
    from commanddesk.services import registry

    total = _many_teams(demo_store)
    page = _page(window, "teams", None)
    page.reload()
    assert page.model.rowCount() == registry.PAGE and page.total == total
    assert page.count.text() == f"共 {total} 条，已列出前 200 条" and page.btn_more.isVisible()
    assert _codes(page) == sorted(_codes(page))
    page.table.selectRow(5)
    chosen = page.current.id
    qtbot.mouseClick(page.btn_more, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 400 and page.current.id == chosen
    assert page.count.text() == f"共 {total} 条，已列出前 400 条"
    while page.btn_more.isVisible():
        qtbot.mouseClick(page.btn_more, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == total and page.count.text() == f"共 {total} 条"
    assert len(set(_codes(page))) == total and _codes(page) == sorted(_codes(page))
    page.reload()  # a refresh keeps what was listed
    assert page.model.rowCount() == total and page.current.id == chosen


def test_a_long_registry_filters_and_sorts_in_the_store(qtbot, window, demo_store):
    """The filter finds records beyond the first page and counts them all; a header sorts the whole registry."""
    total = _many_teams(demo_store)
    page = _page(window, "teams", None)
    page.reload()
    _filter(qtbot, page, "批量")
    assert page.model.rowCount() == 200 and page.matching == 450
    assert page.count.text() == f"符合条件 450 条（共 {total} 条），已列出前 200 条"
    _filter(qtbot, page, "批量第44")  # 44, 440-449: past the first page
    assert _codes(page) == ["YS00044"] + [f"YS{i:05d}" for i in range(440, 450)]
    assert page.count.text() == f"符合条件 11 条（共 {total} 条）" and not page.btn_more.isVisible()
    _filter(qtbot, page, "")
    col = [f.key for f in page.spec.table_fields].index("headcount")
    page.table.sortByColumn(col, Qt.SortOrder.DescendingOrder)
    assert [page.model.row(i).values["headcount"] for i in range(3)] == [1450, 1449, 1448]
    assert page.model.rowCount() == 200


def test_a_long_registry_edits_beyond_the_first_page(qtbot, window, demo_store):
    """A record found by the filter is edited; one opened from the map or just created, sorting beyond the
    listed page, is listed at the end and selected; delete works there too."""
    _many_teams(demo_store)
    page = _page(window, "teams", None)
    page.reload()
    _filter(qtbot, page, "YS00444")
    page.table.selectRow(0)
    _type(qtbot, page, {"name": "批量第444队改"})
    assert page.save(), page.form.error.text()
    assert page.current.values["name"] == "批量第444队改" and page.filter.text() == "YS00444"
    far = page.current.id
    _filter(qtbot, page, "")
    assert page.model.row_of(far) < 0  # sorted beyond the first page …
    window.open_record("team", far)  # … a map marker still opens it
    assert page.current.id == far and page.model.row_of(far) == page.model.rowCount() - 1

    page.start_new()
    _type(qtbot, page, {"code": "ZZ001", "name": "最末新建队", "team_type": "水上搜救应急队", "headcount": "5"})
    assert page.save(), page.form.error.text()
    assert page.current.values["code"] == "ZZ001" and page.table.currentIndex().row() == page.model.rowCount() - 1
    page.confirm = lambda *_: True
    page.delete_current()
    assert all(page.model.row(i).values["code"] != "ZZ001" for i in range(page.model.rowCount()))


def test_the_excel_export_writes_every_record_not_only_the_page(qtbot, window, demo_store, tmp_path):
    """The page lists 200; 导出 Excel writes all of them."""
    from openpyxl import load_workbook

    from commanddesk.ui.spreadsheets import SpreadsheetBar

    total = _many_teams(demo_store)
    page = _page(window, "teams", None)
    page.reload()
    assert page.model.rowCount() == 200
    out = tmp_path / "teams.xlsx"
    page.findChild(SpreadsheetBar).write(str(out))
    ws = load_workbook(out, read_only=True).worksheets[0]
    codes = [r[0] for r in ws.iter_rows(min_row=2, values_only=True) if r[0]]
    assert len(codes) == total and "YS00450" in codes
