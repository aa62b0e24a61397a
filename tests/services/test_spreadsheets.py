"""Excel import and export: templates, every bad row reported, all-or-nothing, idempotent re-import."""

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from commanddesk.errors import PermissionDenied, UserError
from commanddesk.models import AuditEntry, Contact, RescueTeam, StockLine, StockMovement
from commanddesk.services import ledger, spreadsheets
from tests.conftest import sign_in


def _count(store, model):
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def _import(store, key, path):
    with store.transaction() as s:
        return spreadsheets.import_file(s, spreadsheets.spec_for(key), path)


@pytest.mark.parametrize("key", spreadsheets.EXCHANGED)
def test_export_then_reimport_changes_nothing(demo_store, tmp_path, key):
    """Every registry exports to .xlsx and re-importing that file changes nothing (not even the audit log)."""
    path = tmp_path / f"{key}.xlsx"
    with demo_store.read() as s:
        n = spreadsheets.export(s, spreadsheets.spec_for(key), path)
    assert n > 0
    audit_before = _count(demo_store, AuditEntry)
    result = _import(demo_store, key, path)
    assert result.ok, [e.text() for e in result.errors[:5]]
    assert (result.created, result.updated, result.unchanged) == (0, 0, n)
    assert _count(demo_store, AuditEntry) == audit_before


def test_template_has_headers_dropdowns_and_guide(demo_store, tmp_path):
    """A template carries the field labels, drop-down lists and a guide sheet."""
    path = tmp_path / "teams.xlsx"
    with demo_store.read() as s:
        spreadsheets.write_template(s, spreadsheets.spec_for("teams"), path)
    wb = load_workbook(path)
    ws = wb["救援队伍"]
    headers = [c.value for c in ws[1]]
    assert headers[:4] == ["编号", "名称", "类型", "力量类别"]
    assert ws.data_validations.dataValidation, "choice columns offer drop-downs"
    guide = [r for r in wb[spreadsheets.GUIDE_SHEET].iter_rows(values_only=True)]
    assert any(r[1] == "类型" and r[2] == "是" for r in guide)
    assert wb[spreadsheets.CHOICES_SHEET].sheet_state == "hidden"


def _team_sheet(demo_store, tmp_path, rows):
    path = tmp_path / "teams.xlsx"
    with demo_store.read() as s:
        spreadsheets.write_template(s, spreadsheets.spec_for("teams"), path)
    wb = load_workbook(path)
    ws = wb["救援队伍"]
    headers = [c.value for c in ws[1]]
    for r, values in enumerate(rows, start=2):
        for key, value in values.items():
            ws.cell(row=r, column=headers.index(key) + 1, value=value)
    wb.save(path)
    return path


GOOD = {"编号": "T900", "名称": "测试蓝天救援队", "类型": "社会应急力量", "力量类别": "社会应急力量",
        "总人数": 30, "在岗人数": 6, "常备值守": "否", "纬度": 34.6, "经度": 119.3, "值班电话": 13900000000}


def test_bad_rows_import_nothing_and_each_is_reported(demo_store, tmp_path):
    """A file with bad rows imports nothing and names each bad row, column and reason."""
    rows = [
        GOOD,
        {**GOOD, "编号": "T901", "名称": "", "总人数": -3},             # two bad cells in one row
        {**GOOD, "编号": "T902", "类型": "外星救援队"},                    # not a known team type
        {**GOOD, "编号": "T903", "在岗人数": 50},                          # more on duty than members
        {**GOOD, "名称": "重复编号"},                                      # same code as the first row
        {**GOOD, "编号": "T904", "总人数": 12.5},                          # not an integer
        {**GOOD, "编号": "T905", "纬度": 10, "经度": 10},                  # outside China
    ]
    path = _team_sheet(demo_store, tmp_path, rows)
    before = _count(demo_store, RescueTeam)
    result = _import(demo_store, "teams", path)
    assert not result.ok and "未导入任何数据" in result.message()
    found = {(e.row, e.field) for e in result.errors}
    assert {(3, "名称"), (3, "总人数"), (4, "类型"), (5, "在岗人数"), (7, "总人数"), (8, "经度")} <= found
    assert any(e.row == 6 and "第 2 行" in e.reason for e in result.errors)
    assert 2 not in {e.row for e in result.errors}
    col = next(e for e in result.errors if e.row == 4)
    assert col.column == "C" and "第 4 行 C 列（类型）" in col.text()
    assert _count(demo_store, RescueTeam) == before


def test_good_file_creates_then_updates_only_changes(demo_store, tmp_path):
    """A clean file creates its records; a second file with one change updates just that one."""
    path = _team_sheet(demo_store, tmp_path, [GOOD, {**GOOD, "编号": "T901", "名称": "测试第二队"}])
    result = _import(demo_store, "teams", path)
    assert (result.created, result.updated) == (2, 0), result.message()
    with demo_store.read() as s:
        t = s.scalar(select(RescueTeam).where(RescueTeam.code == "T900"))
        assert (t.team_type, t.tier, t.standing, t.duty_phone) == ("social", "social", False, "13900000000")
    path = _team_sheet(demo_store, tmp_path, [GOOD, {**GOOD, "编号": "T901", "名称": "测试第二队（改）"}])
    result = _import(demo_store, "teams", path)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)


def test_stock_import_posts_stocktakes(demo_store, tmp_path):
    """Changed stock quantities from a sheet go through the ledger as stocktake movements."""
    path = tmp_path / "stock.xlsx"
    with demo_store.read() as s:
        spreadsheets.export(s, spreadsheets.spec_for("stock"), path)
    wb = load_workbook(path)
    ws = wb["库存"]
    qty_col = [c.value for c in ws[1]].index("数量") + 1
    old = ws.cell(row=2, column=qty_col).value
    ws.cell(row=2, column=qty_col, value=old + 7)
    wb.save(path)
    result = _import(demo_store, "stock", path)
    assert result.updated == 1, result.message()
    with demo_store.read() as s:
        last = s.scalar(select(StockMovement).order_by(StockMovement.id.desc()).limit(1))
        assert (last.kind, last.quantity) == ("stocktake", 7) and "Excel 导入" in last.reason
        assert ledger.check(s) == []


def test_unknown_columns_and_unreadable_files(demo_store, tmp_path):
    """A wrong header or a file that is not .xlsx is refused with a clear message."""
    path = _team_sheet(demo_store, tmp_path, [GOOD])
    wb = load_workbook(path)
    wb["救援队伍"].cell(row=1, column=30, value="备注栏")
    wb.save(path)
    result = _import(demo_store, "teams", path)
    assert any("无法识别的列名" in e.reason and e.row == 1 for e in result.errors)
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a spreadsheet")
    with pytest.raises(UserError, match="无法读取"):
        _import(demo_store, "teams", bad)
    with pytest.raises(UserError):
        spreadsheets.spec_for("operators")


def test_contacts_match_by_name_and_organisation(demo_store, tmp_path):
    """Contacts have no code: name + organisation find the record to update."""
    path = tmp_path / "contacts.xlsx"
    with demo_store.read() as s:
        spreadsheets.export(s, spreadsheets.spec_for("contacts"), path)
    wb = load_workbook(path)
    ws = wb["联系人"]
    headers = [c.value for c in ws[1]]
    ws.cell(row=2, column=headers.index("手机") + 1, value="13800000000")
    wb.save(path)
    before = _count(demo_store, Contact)
    result = _import(demo_store, "contacts", path)
    assert (result.created, result.updated) == (0, 1)
    assert _count(demo_store, Contact) == before


def test_trainer_may_not_import(demo_store, tmp_path):
    """Importing needs the registry permission."""
    path = tmp_path / "teams.xlsx"
    with demo_store.read() as s:
        spreadsheets.export(s, spreadsheets.spec_for("teams"), path)
    sign_in(demo_store, "陈静", "333333")
    with pytest.raises(PermissionDenied):
        _import(demo_store, "teams", path)
    with demo_store.read() as s:
        assert s.scalar(select(func.count()).select_from(StockLine)) > 0
