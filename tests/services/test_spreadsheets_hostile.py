"""Hostile Excel files: formulas never leave as formulas, forged dimensions and zip bombs cannot stall the
import, a blank choice cell is no IntegrityError, and any cell value is imported or refused by row and column."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from commanddesk.errors import UserError
from commanddesk.models import AuditEntry, RescueTeam
from commanddesk.services import registry, roster, spreadsheets

pytestmark = pytest.mark.sqlite_only  # files, not the database, are under attack here
GOOD = {"编号": "T900", "名称": "测试蓝天救援队", "类型": "社会应急力量", "力量类别": "社会应急力量",
        "总人数": 30, "在岗人数": 6, "常备值守": "否", "纬度": 34.6, "经度": 119.3, "值班电话": "13900000000"}


def _import(store, key, path):
    with store.transaction() as s:
        return spreadsheets.import_file(s, spreadsheets.spec_for(key), path)


_TEMPLATE: list[bytes] = []


def _teams(demo_store, tmp_path, rows, name="teams.xlsx"):
    """A teams sheet: the header row of the real template and *rows* (by column label)."""
    if not _TEMPLATE:
        path = tmp_path / "template.xlsx"
        with demo_store.read() as s:
            spreadsheets.write_template(s, spreadsheets.spec_for("teams"), path)
        _TEMPLATE.append(path.read_bytes())
    headers = [c.value for c in load_workbook(io.BytesIO(_TEMPLATE[0]))["救援队伍"][1]]
    path = tmp_path / name
    wb = Workbook()
    ws = wb.active
    ws.title = "救援队伍"
    ws.append(headers)
    for r, values in enumerate(rows, start=2):
        for key, value in values.items():
            cell = ws.cell(row=r, column=headers.index(key) + 1, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text as typed, even when it begins with "="
    wb.save(path)
    return path


def _rewrite(path, member, change):
    """The same .xlsx with one part's bytes changed."""
    src = zipfile.ZipFile(path)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            z.writestr(info.filename, change(data) if info.filename == member else data)
    path.write_bytes(buf.getvalue())
    return path


def test_values_beginning_with_equals_are_exported_as_text_and_reimport_unchanged(demo_store, tmp_path):
    """=HYPERLINK(…) and a =cmd|… DDE call typed into a contact stay text in the export (no formula runs on a
    colleague's machine), and importing that export changes nothing."""
    spec = spreadsheets.spec_for("contacts")
    with demo_store.transaction() as s:
        first = registry.list_rows(s, spec)[0]
        registry.update(s, spec, first.id, {"name": '=HYPERLINK("http://evil","点我")', "notes": "=cmd|' /C calc'!A0"})
    path = tmp_path / "contacts.xlsx"
    with demo_store.read() as s:
        spreadsheets.export(s, spec, path)
    cells = [c for row in load_workbook(path).worksheets[0].iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert '=HYPERLINK("http://evil","点我")' in {c.value for c in cells}
    assert "<f>" not in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    result = _import(demo_store, "contacts", path)
    assert result.ok and result.created == result.updated == 0, result.message()


def test_a_forged_dimension_does_not_pad_every_row(demo_store, tmp_path):
    """A sheet claiming A1:XFD1048576 is read by its real cells: one row, at once."""
    path = _teams(demo_store, tmp_path, [GOOD])
    _rewrite(path, "xl/worksheets/sheet1.xml",
             lambda b: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', b))
    sheet = spreadsheets.read(path, spreadsheets.spec_for("teams"))
    assert len(sheet.body) == 1 and len(sheet.header) < 30
    assert _import(demo_store, "teams", path).created == 1


def test_a_zip_bomb_and_declared_entities_are_refused_before_parsing(demo_store, tmp_path, monkeypatch):
    """What the parts unpack to is checked first (a 1 MB limit here stands for the real 400 MB)."""
    monkeypatch.setattr(spreadsheets, "MAX_UNZIPPED", 1024 * 1024)
    bomb = _rewrite(_teams(demo_store, tmp_path, [GOOD]), "xl/worksheets/sheet1.xml",
                    lambda b: b.replace(b"</sheetData>", b"</sheetData><!--" + b" " * 2_000_000 + b"-->", 1))
    with pytest.raises(UserError, match="解压后过大"):
        _import(demo_store, "teams", bomb)
    laughs = b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    entities = _rewrite(_teams(demo_store, tmp_path, [GOOD], "e.xlsx"), "xl/worksheets/sheet1.xml", lambda b: laughs + b)
    with pytest.raises(UserError, match="DOCTYPE"):
        _import(demo_store, "teams", entities)


def test_more_rows_than_the_limit_are_refused(demo_store, tmp_path, monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 3)
    path = _teams(demo_store, tmp_path, [{**GOOD, "编号": f"T9{i:02d}"} for i in range(5)])
    with pytest.raises(UserError, match="超过 3 行"):
        _import(demo_store, "teams", path)


def test_a_blank_choice_cell_takes_the_default_or_keeps_the_stored_value(demo_store, tmp_path):
    """A blank 状态 used to reach the database as NULL (IntegrityError); now a new team is 待命 and an existing
    one keeps its status."""
    with demo_store.read() as s:
        existing = s.scalar(select(RescueTeam).order_by(RescueTeam.id).limit(1))
        code, status = existing.code, existing.status
    path = _teams(demo_store, tmp_path, [{**GOOD, "状态": None}])
    result = _import(demo_store, "teams", path)
    assert result.created == 1, result.message()
    path = tmp_path / "all.xlsx"
    with demo_store.read() as s:
        spreadsheets.export(s, spreadsheets.spec_for("teams"), path)
    wb = load_workbook(path)
    ws = wb["救援队伍"]
    col = [c.value for c in ws[1]].index("状态") + 1
    for row in ws.iter_rows(min_row=2):
        row[col - 1].value = None
    wb.save(path)
    result = _import(demo_store, "teams", path)
    assert result.ok, result.message()
    with demo_store.read() as s:
        assert s.scalar(select(RescueTeam.status).where(RescueTeam.code == code)) == status
        assert s.scalar(select(RescueTeam.status).where(RescueTeam.code == "T900")) is not None


def test_the_roster_reader_has_the_same_guards(demo_store, tmp_path, monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_UNZIPPED", 1024)
    path = tmp_path / "roster.xlsx"
    wb = Workbook()
    wb.active.append(["日期", "班次", "值班员"])
    wb.active.append(["2026-12-01", "白班", "x" * 5000])
    wb.save(path)
    with demo_store.transaction() as s:
        result = roster.import_xlsx(s, path)
    assert not result.ok and "解压后过大" in result.errors[0].reason


cell_values = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=False),
                        st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40), st.datetimes(min_value=datetime(1900, 1, 1)),
                        st.sampled_from(["=1+1", "-3", "+86 139", "@SUM(A1)", "是", "否", "待命", "  ", "\t"]))
TEAM_COLUMNS = ("编号", "名称", "类型", "力量类别", "状态", "总人数", "在岗人数", "常备值守", "纬度", "经度", "值班电话")


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.dictionaries(st.sampled_from(TEAM_COLUMNS), cell_values, min_size=1, max_size=4))
def test_any_cell_value_is_imported_or_refused_by_row_and_column(demo_store, tmp_path, changes):
    """Whatever a cell holds, the import names the cell it refuses or saves the row; a refusal writes nothing.
    (A saved row is rolled back, so every example meets the same store.)"""
    path = _teams(demo_store, tmp_path, [{**GOOD, **changes}])
    with demo_store.read() as s:
        before = s.scalar(select(func.count()).select_from(RescueTeam)), s.scalar(
            select(func.count()).select_from(AuditEntry))

    class Saved(Exception):
        pass

    try:
        with demo_store.transaction() as s:
            result = spreadsheets.import_file(s, spreadsheets.spec_for("teams"), path)
            assert result.ok or all(e.row in (1, 2) and e.reason for e in result.errors)
            if result.ok:
                assert result.created + result.updated + result.unchanged == 1
                raise Saved
    except Saved:
        pass
    with demo_store.read() as s:
        assert (s.scalar(select(func.count()).select_from(RescueTeam)),
                s.scalar(select(func.count()).select_from(AuditEntry))) == before
