"""Excel for a registry: export, template, and an import that is all or nothing with every bad cell listed."""

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from commanddesk.models import RescueTeam
from commanddesk.services import spreadsheets
from commanddesk.ui import spreadsheets as sheets_ui
from commanddesk.ui.context import AppContext
from commanddesk.ui.spreadsheets import ImportReport, SpreadsheetBar
from tests.conftest import sign_in


@pytest.fixture
def ctx(demo_store):
    return AppContext(demo_store, demo=True)


@pytest.fixture
def bar(qtbot, ctx):
    b = SpreadsheetBar(ctx, "teams")
    qtbot.addWidget(b)
    return b


def _headcounts(store):
    with store.read() as s:
        return [t.headcount for t in s.scalars(select(RescueTeam).order_by(RescueTeam.id))]


def _set_cell(path, header: str, value, row: int = 2):
    wb = load_workbook(path)
    ws = wb["救援队伍"]
    ws.cell(row=row, column=[c.value for c in ws[1]].index(header) + 1, value=value)
    wb.save(path)


def test_excel_bar_reports_bad_rows_and_imports_nothing(bar, demo_store, tmp_path):
    """An import with a bad row imports nothing and lists the row, column and reason."""
    path = tmp_path / "teams.xlsx"
    bar.write(str(path))
    _set_cell(path, "总人数", "很多")
    before = _headcounts(demo_store)
    result = bar.import_path(str(path))
    assert not result.ok and result.errors[0].row == 2 and "须为整数" in result.errors[0].reason
    assert "未导入任何数据" in bar.status.text()
    assert _headcounts(demo_store) == before
    assert spreadsheets.EXCHANGED


def test_an_export_read_back_changes_nothing(bar, ctx, tmp_path):
    """Exporting and importing the same file: every row unchanged, and no view is told to reload."""
    path = tmp_path / "teams.xlsx"
    bar.write(str(path))
    assert bar.status.text().startswith("已导出 ") and str(path) in bar.status.text()
    heard: list = []
    ctx.notifier.sig_data_changed.connect(heard.append)
    result = bar.import_path(str(path))
    assert result.ok and result.created == result.updated == 0 and result.unchanged == result.rows > 0
    assert heard == []


def test_an_edited_row_is_imported_and_the_page_reloads(qtbot, ctx, demo_store, tmp_path):
    """One headcount changed in Excel: one update, the registry's views told, the page's reload called."""
    reloads: list = []
    b = SpreadsheetBar(ctx, "teams", on_imported=lambda: reloads.append(True))
    qtbot.addWidget(b)
    path = tmp_path / "teams.xlsx"
    b.write(str(path))
    _set_cell(path, "总人数", 999)
    with qtbot.waitSignal(ctx.notifier.sig_data_changed) as heard:
        result = b.import_path(str(path))
    assert result.ok and result.updated == 1 and heard.args == ["teams"] and reloads == [True]
    assert _headcounts(demo_store)[0] == 999 and "更新 1 条" in b.status.text()


def test_a_file_that_is_not_excel_is_explained(bar, demo_store, tmp_path):
    """Not a workbook: a refusal the duty officer can read, nothing imported."""
    path = tmp_path / "teams.xlsx"
    path.write_text("这不是 Excel", encoding="utf-8")
    before = _headcounts(demo_store)
    result = bar.import_path(str(path))
    assert not result.ok and result.errors[0].reason and "未导入任何数据" in bar.status.text()
    assert _headcounts(demo_store) == before


def test_the_template_has_the_headers_and_no_rows(bar, tmp_path):
    """下载模板 gives the columns an import expects and no data."""
    path = tmp_path / "t.xlsx"
    bar.write(str(path), template=True)
    ws = load_workbook(path)["救援队伍"]
    headers = [c.value for c in ws[1]]
    assert "总人数" in headers and bar.status.text() == f"已保存模板：{path}"
    assert not any(any(v is not None for v in row) for row in ws.iter_rows(min_row=2, values_only=True))


def test_the_suggested_names_carry_the_registry_and_the_day(bar, monkeypatch):
    """Export suggests 救援队伍-YYYYMMDD.xlsx (Beijing day), the template 救援队伍-模板.xlsx; cancel writes nothing."""
    asked: list = []
    monkeypatch.setattr(sheets_ui, "save_path", lambda parent, title, name, filters: asked.append(name) or "")
    bar._save(template=False)
    bar._save(template=True)
    assert asked == ["救援队伍-20261123.xlsx", "救援队伍-模板.xlsx"] and bar.status.text() == ""


def test_importing_needs_the_registry_right(bar, ctx, demo_store):
    """A trainer may export but not import."""
    sign_in(demo_store, "陈静", "333333")
    bar.refresh_permission()
    assert not bar.btn_import.isEnabled() and bar.btn_export.isEnabled()


def test_the_report_lists_every_refused_cell(qtbot):
    """The import report shows the summary and one line per bad cell: row, column, field, reason."""
    errors = (spreadsheets.CellError(2, "C", "总人数", "须为整数"), spreadsheets.CellError(5, "A", "编号", "重复"))
    result = spreadsheets.ImportResult("teams", 4, 0, 0, 0, errors)
    report = ImportReport(result, "救援队伍", "/tmp/队伍.xlsx")
    qtbot.addWidget(report)
    assert report.windowTitle() == "导入结果：救援队伍"
    rows = report.table.rows
    assert rows.rowCount() == 2 and [rows.text(1, c) for c in range(4)] == ["5", "A", "编号", "重复"]
