"""值班日报: the day's report assembled, edited as text with 【headings】, exported as Word or PDF."""

from datetime import date

import pytest
from PySide6.QtCore import QDate

from commanddesk.ui import daily as daily_ui
from commanddesk.ui.context import AppContext
from commanddesk.ui.daily import DailyDialog, parse_sections, sections_text


@pytest.fixture
def dlg(qtbot, demo_store):
    d = DailyDialog(AppContext(demo_store, demo=True))
    qtbot.addWidget(d)
    return d


def test_sections_survive_the_round_trip_through_text():
    """What the dialog shows reads back as the same sections; text above the first heading is dropped."""
    sections = [("值班概况", "接报 3 起。\n均已处置。"), ("零报告", "")]
    text = sections_text(sections)
    assert text.startswith("【值班概况】\n接报 3 起。")
    assert parse_sections(text) == sections
    assert parse_sections("随手写的一句\n【批示】\n  已落实  \n") == [("批示", "已落实")]
    assert parse_sections("没有标题的文字") == []


def test_daily_report_is_edited_and_exported(dlg, tmp_path):
    """Figures and sections of the day show; an edit ends up in the Word file; the PDF is a PDF."""
    assert "接报" in dlg.figures.text() and "【值班概况】" in dlg.text.toPlainText()
    dlg.text.setPlainText(dlg.text.toPlainText().replace("【零报告】", "【零报告】\n各乡镇均已零报告。"))
    assert "各乡镇均已零报告" in dict(parse_sections(dlg.text.toPlainText()))["零报告"]
    dlg.write(str(tmp_path / "d.docx"), "docx")
    dlg.write(str(tmp_path / "d.pdf"), "pdf")
    from docx import Document

    body = "\n".join(p.text for p in Document(str(tmp_path / "d.docx")).paragraphs)
    assert "值班日报" in body and "各乡镇均已零报告" in body
    assert (tmp_path / "d.pdf").read_bytes().startswith(b"%PDF")


def test_another_day_is_assembled_afresh(dlg):
    """Choosing another duty day rebuilds the report for that day and replaces the edits."""
    dlg.text.setPlainText("【值班概况】\n我改过的")
    dlg.day.setDate(QDate(2026, 1, 5))
    assert dlg.report.day == date(2026, 1, 5)
    assert "我改过的" not in dlg.text.toPlainText() and "【值班概况】" in dlg.text.toPlainText()


def test_export_without_headings_is_refused(dlg, monkeypatch):
    """Text with no 【heading】 is not exported, and no file dialog is opened."""
    asked: list = []
    monkeypatch.setattr(daily_ui.dialogs, "save_path", lambda *a: asked.append(a) or "")
    dlg.text.setPlainText("全删了")
    dlg.export("docx")
    assert "每段须以【标题】开头" in dlg.message.text() and asked == []


def test_export_names_the_file_after_the_day_and_writes_it(dlg, monkeypatch, tmp_path):
    """The suggested name is 值班日报-YYYYMMDD.docx; the chosen path gets the file, the message clears."""
    out = tmp_path / "日报.docx"
    asked: list = []
    monkeypatch.setattr(daily_ui.dialogs, "save_path",
                        lambda parent, title, name, filters: asked.append((name, filters)) or str(out))
    dlg.message.setText("旧消息")
    dlg.export("docx")
    name, filters = asked[0]
    assert name == f"值班日报-{dlg.report.day:%Y%m%d}.docx" and "*.docx" in filters
    assert out.stat().st_size > 0 and dlg.message.text() == ""


def test_a_cancelled_or_failed_write_says_so(dlg, monkeypatch, tmp_path):
    """Cancelling writes nothing; a folder that cannot be written shows 无法写入文件 in the dialog."""
    monkeypatch.setattr(daily_ui.dialogs, "save_path", lambda *a: "")
    dlg.export("pdf")
    assert not list(tmp_path.glob("*.pdf")) and dlg.message.text() == ""
    monkeypatch.setattr(daily_ui.dialogs, "save_path", lambda *a: str(tmp_path / "无此文件夹" / "d.pdf"))
    dlg.export("pdf")
    assert dlg.message.text().startswith("无法写入文件：")
