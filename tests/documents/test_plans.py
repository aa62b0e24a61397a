"""Plans and action cards on paper: the whole plan as PDF and Word, a card on one A4 page, printed or saved."""

import docx
import pytest
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from commanddesk.documents import plans as out
from commanddesk.plans import library


@pytest.fixture(scope="module")
def plan():
    return library.library(demo=True).current("special.hazmat")


def _pdf(path) -> QPdfDocument:
    pdf = QPdfDocument()
    pdf.load(str(path))
    return pdf


def test_export_pdf_and_docx(qapp, tmp_path, plan):
    """Any plan exports to PDF (several pages, Chinese text) and Word."""
    pages = out.write_pdf(plan, tmp_path / "p.pdf")
    pdf = _pdf(tmp_path / "p.pdf")
    assert pages == pdf.pageCount() >= 2
    assert plan.title[:8] in pdf.getAllText(0).text().replace("\n", "")
    out.write_docx(plan, tmp_path / "p.docx")
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "p.docx")).paragraphs)
    assert plan.title in text and "响应分级" in text


def test_the_pdf_is_a4_and_titled_with_the_marked_title(qapp, tmp_path, plan):
    """A4 portrait pages, and the document's title is the plan's title with its 【演示】 mark."""
    out.write_pdf(plan, tmp_path / "p.pdf")
    pdf = _pdf(tmp_path / "p.pdf")
    size = pdf.pagePointSize(0)
    assert abs(size.width() - 595) < 2 and abs(size.height() - 842) < 2
    assert pdf.metaData(QPdfDocument.MetaDataField.Title) == plan.marked_title


def test_a_card_fits_one_page_saved_or_printed(qapp, tmp_path, plan):
    """The duty officer's card is one A4 page as PDF and on a printer, with its steps on it."""
    card = plan.card("duty_officer")
    assert out.write_card_pdf(card, plan, tmp_path / "card.pdf") == 1
    text = _pdf(tmp_path / "card.pdf").getAllText(0).text().replace("\n", "")
    assert card.steps[0][:6] in text
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert out.print_card(card, plan, printer) == 1
    assert printer.docName() == plan.mark(card.title)


def test_a_long_card_is_shrunk_to_one_page(qapp, tmp_path, plan):
    """A card three times as long still comes out on a single page (smaller type), not spilling over."""
    from dataclasses import replace

    card = plan.card("duty_officer")
    long = replace(card, steps=card.steps * 3)
    assert out.write_card_pdf(long, plan, tmp_path / "long.pdf") == 1
    assert out.write_pdf(replace(plan, cards=(long,)), tmp_path / "whole.pdf") >= 2  # the plan itself is not squeezed


def test_the_word_plan_has_the_levels_table_and_the_demo_note(tmp_path, plan):
    """Word: one table row per response level under 级别/启动条件/启动, measures by level, and the demo warning."""
    from commanddesk.plans.model import DEMO_NOTE

    out.write_docx(plan, tmp_path / "p.docx")
    d = docx.Document(str(tmp_path / "p.docx"))
    table = d.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["级别", "启动条件（满足其一）", "启动"]
    assert [r.cells[0].text for r in table.rows[1:]] == [lv.name for lv in plan.levels]
    paragraphs = [p.text for p in d.paragraphs]
    assert any(DEMO_NOTE in p for p in paragraphs)
    assert all(f"{lv.name}措施" in paragraphs for lv in plan.levels)


def test_a_pdf_that_cannot_be_written_is_refused_in_chinese(qapp, tmp_path, plan):
    """A folder that does not exist: OSError with a Chinese reason, no half file."""
    target = tmp_path / "无此文件夹" / "p.pdf"
    with pytest.raises(OSError, match="无法写入"):
        out.write_card_pdf(plan.card("duty_officer"), plan, target)
    assert not target.exists()
