"""Importing a plan from Word: the title, chapters at their depth by official numbering, tables, draft files."""

from datetime import date

import docx
import pytest

from commanddesk.errors import UserError
from commanddesk.plans import importer
from commanddesk.plans.library import PlanFileError

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize("text, expected", [
    ("第一章 总则", ("chapter", 1)),
    ("一、适用范围", ("cn", 1)),
    ("（二）工作原则", ("paren_cn", 1)),
    ("3. 信息报告", ("arabic", 1)),
    ("（4）现场处置", ("paren_arabic", 1)),
    ("1.2 组织机构", ("decimal", 2)),
    ("1.2.3应急指挥部", ("decimal", 3)),
    ("1 总则", ("decimal", 1)),
    ("12附则", ("decimal", 1)),
    ("适用范围", None),
    # dates and quantities at the start of a line are body text, not chapters
    ("2026年11月23日", None),
    ("120急救中心负责伤员救治", None),
    ("3人被困", None),
    ("12月5日起执行", None),
])
def test_numbering(text, expected):
    assert importer.numbering(text) == expected


def test_level_tables():
    assert importer.is_level_table([["响应级别", "启动条件"], ["Ⅰ级", "死亡30人以上"], ["Ⅱ级", "死亡10人以上"]])
    assert not importer.is_level_table([["响应级别", "启动条件"], ["Ⅰ级", "死亡30人以上"]])
    assert not importer.is_level_table([["单位", "电话"], ["Ⅰ级", "1"], ["Ⅱ级", "2"]])


def _official(path, title="测试区防汛应急预案", styled_title=False):
    d = docx.Document()
    if styled_title:
        d.add_paragraph("内部资料")
        d.add_heading(title, level=0)
    else:
        d.add_paragraph(title)
    for text in ("第一章 总则", "一、适用范围", "适用于本区汛期洪涝灾害的防范与处置。", "二、工作原则",
                 "以人为本。", "第二章 应急响应", "一、响应分级"):
        d.add_paragraph(text)
    t = d.add_table(rows=3, cols=2)
    for row, cells in zip(t.rows, (("响应级别", "启动条件"), ("Ⅰ级", "特别重大"), ("Ⅱ级", "重大"))):
        row.cells[0].text, row.cells[1].text = cells
    for text in ("二、响应终止", "险情解除后终止。", "1. 本条写得很长，是列表中的一项而不是标题，因为它以句号结束。"):
        d.add_paragraph(text)
    d.save(str(path))
    return path


def test_read_an_officially_numbered_document(tmp_path):
    title, chapters = importer.read_docx(_official(tmp_path / "fx.docx"))
    assert title == "测试区防汛应急预案"
    assert [(c.heading, c.level) for c in chapters] == [
        ("第一章 总则", 1), ("一、适用范围", 2), ("二、工作原则", 2), ("第二章 应急响应", 1), ("一、响应分级", 2),
        ("二、响应终止", 2)]
    assert chapters[1].text == ["适用于本区汛期洪涝灾害的防范与处置。"]
    assert chapters[4].tables[0][1] == ["Ⅰ级", "特别重大"]
    assert chapters[5].text[-1].startswith("1. 本条写得很长")  # a numbered sentence stays body text


def test_a_title_style_wins_over_the_first_paragraph(tmp_path):
    title, chapters = importer.read_docx(_official(tmp_path / "fx.docx", styled_title=True))
    assert title == "测试区防汛应急预案"
    assert chapters[0].heading == "正文" and chapters[0].text == ["内部资料"]


def test_summary_is_a_chapter_tree_with_its_tables(tmp_path):
    s = importer.summary(_official(tmp_path / "fx.docx"))
    assert [c["heading"] for c in s["chapters"]] == ["第一章 总则", "第二章 应急响应"]
    assert [c["heading"] for c in s["chapters"][1]["children"]] == ["一、响应分级", "二、响应终止"]
    assert s["tables"] == [{"chapter": "一、响应分级", "rows": 3, "columns": 2, "header": ["响应级别", "启动条件"],
                            "levels": True}]


def test_draft_file_and_a_second_import_the_same_day(tmp_path):
    source = _official(tmp_path / "Flood Plan.docx")
    folder = tmp_path / "plans"
    first = importer.import_docx(source, folder, TODAY)
    second = importer.import_docx(source, folder, TODAY)
    assert first.name == "draft.flood-plan-2026-11-23.toml"
    assert second.name == "draft.flood-plan-2026-11-23-2.toml"
    import tomllib

    data = tomllib.loads(first.read_text(encoding="utf-8"))
    assert (data["id"], data["status"], data["title"]) == ("draft.flood-plan", "draft", "测试区防汛应急预案")
    assert data["scope"] == "适用于本区汛期洪涝灾害的防范与处置。"
    assert data["termination"].splitlines()[0] == "险情解除后终止。"
    assert tomllib.loads(second.read_text(encoding="utf-8"))["edition"] == "2026-11-23-2"


def test_plan_id_for_a_chinese_file_name_is_a_hash_of_the_title(tmp_path):
    a = importer.plan_id_for(tmp_path / "防汛预案.docx", "测试区防汛应急预案")
    assert a.startswith("draft.") and len(a) == len("draft.") + 8
    assert a == importer.plan_id_for(tmp_path / "另一个.docx", "测试区防汛应急预案")
    assert a != importer.plan_id_for(tmp_path / "防汛预案.docx", "测试区地震应急预案")


def test_a_document_with_nothing_to_import(tmp_path):
    path = tmp_path / "empty.docx"
    docx.Document().save(str(path))
    with pytest.raises(UserError, match="Word 文件中没有可导入的正文：empty.docx"):
        importer.draft_from_docx(path, "draft.empty", TODAY)


def test_an_incomplete_draft_cannot_be_published(tmp_path):
    draft = importer.import_docx(_official(tmp_path / "fx.docx"), tmp_path / "plans", TODAY)
    before = draft.read_text(encoding="utf-8")
    with pytest.raises(PlanFileError):
        importer.publish(before, draft)
    assert draft.read_text(encoding="utf-8") == before
    with pytest.raises(PlanFileError, match="TOML 格式错误"):
        importer.publish("id = ", draft)
