"""Word import into a draft and publication (export to PDF and Word: tests/documents/test_plans.py)."""

from datetime import date

import docx
import pytest

from commanddesk.plans import importer, library
from commanddesk.plans.library import PlanFileError


def _word_plan(path):
    d = docx.Document()
    d.add_heading("云山街道防汛应急预案", level=0)
    d.add_heading("1 总则", level=1)
    d.add_paragraph("为做好云山街道防汛工作，制定本预案。")
    d.add_heading("1.1 适用范围", level=2)
    d.add_paragraph("适用于街道辖区内暴雨、洪涝灾害的防范与处置。")
    d.add_heading("2 组织体系", level=1)
    table = d.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "工作组", "牵头单位"
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = "转移安置组", "社会事务办"
    d.add_heading("5 响应终止", level=1)
    d.add_paragraph("雨情水情恢复正常后终止响应。")
    d.save(str(path))


def test_docx_import_makes_a_draft_with_sections_and_tables(tmp_path):
    """Headings become sections, the table stays a table, the draft cannot be published empty."""
    src = tmp_path / "yunshan.docx"
    _word_plan(src)
    folder = tmp_path / "plans"
    target = importer.import_docx(src, folder, date(2026, 11, 23))
    lib = library.load([folder])
    (plan,) = lib.plans
    assert plan.status == "draft" and plan.title == "云山街道防汛应急预案"
    assert plan.scope == "适用于街道辖区内暴雨、洪涝灾害的防范与处置。"
    assert plan.termination == "雨情水情恢复正常后终止响应。"
    headings = [(ch.heading, ch.level) for ch in plan.appendix]
    assert headings[:2] == [("1 总则", 1), ("1.1 适用范围", 2)]
    assert ("转移安置组", "社会事务办") in plan.appendix[2].tables[0]
    with pytest.raises(PlanFileError, match="levels"):
        importer.publish(target.read_text(encoding="utf-8"), target)
    completed = target.read_text(encoding="utf-8") + '''
[[groups]]
id = "move"
name = "转移安置组"
lead = "社会事务办"

[[levels]]
level = 4
activated_by = "街道主任"
summary = "一般汛情"
  [[levels.conditions]]
  text = "需转移群众 50 人以上"
  field = "relocated"
  op = ">="
  value = 50
  [[levels.measures]]
  id = "m1"
  text = "组织低洼片区群众转移"
  group = "move"
'''
    importer.publish(completed, target)
    assert library.load([folder]).plans[0].status == "published"


def test_not_a_word_file(tmp_path):
    """A file that is not .docx gets one clear message."""
    from commanddesk.errors import UserError

    bad = tmp_path / "x.docx"
    bad.write_text("hello")
    with pytest.raises(UserError, match="无法读取 Word 文件"):
        importer.import_docx(bad, tmp_path / "plans", date(2026, 11, 23))
