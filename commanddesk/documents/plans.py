"""Plans and position action cards on paper: PDF, print and .docx (QtGui + python-docx)."""

from __future__ import annotations

from pathlib import Path

from ..plans.model import Card, Plan
from ..plans.render import card_html, plan_html

MARGINS_MM = (20.0, 20.0, 20.0, 20.0)  # left, top, right, bottom


def _layout():
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize

    left, top, right, bottom = MARGINS_MM
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                       QMarginsF(left, top, right, bottom), QPageLayout.Unit.Millimeter)


def paint_html(html: str, device, one_page: bool = False) -> int:
    """Lay *html* out on a paged device and draw it; shrink the type until it fits one page if asked."""
    from PySide6.QtCore import QRectF, QSizeF
    from PySide6.QtGui import QFont, QPainter, QPageLayout, QTextDocument

    from .pdf import draw_on_paper, load_fonts

    load_fonts()
    # Lay out in 96-dpi logical pixels (how QTextDocument reads pt and px), then scale to the device.
    points = device.pageLayout().paintRect(QPageLayout.Unit.Point)
    body = QSizeF(points.width() * 96 / 72, points.height() * 96 / 72)
    scale = device.resolution() / 96
    size = 11.0
    while True:
        text = QTextDocument()
        font = QFont()
        font.setFamilies(["CD Serif SC", "WenQuanYi Micro Hei"])
        font.setPointSizeF(size)
        text.setDefaultFont(font)
        text.setHtml(html)
        text.setPageSize(body)
        if not one_page or text.pageCount() == 1 or size <= 7:
            break
        size -= 0.5
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("无法写入输出文件或打印机")
    try:
        painter.scale(scale, scale)
        for i in range(text.pageCount()):
            if i:
                device.newPage()
            painter.save()
            painter.translate(0, -i * body.height())
            draw_on_paper(text, painter, QRectF(0, i * body.height(), body.width(), body.height()))
            painter.restore()
    finally:
        painter.end()
    return text.pageCount()


def pdf_device(path: str | Path, title: str):
    """A 300-dpi A4 PDF writer for *path* with *title*, for painting plan cards."""
    from PySide6.QtGui import QPdfWriter

    dev = QPdfWriter(str(path))
    dev.setResolution(300)
    dev.setPageLayout(_layout())
    dev.setTitle(title)
    dev.setCreator("commanddesk")
    return dev


def write_pdf(plan: Plan, path: str | Path) -> int:
    """The whole plan as a PDF; returns the page count (needs a QGuiApplication)."""
    return paint_html(plan_html(plan), pdf_device(path, plan.marked_title))


def write_card_pdf(card: Card, plan: Plan, path: str | Path) -> int:
    """A position action card on one A4 page."""
    return paint_html(card_html(card, plan), pdf_device(path, plan.mark(card.title)), one_page=True)


def print_card(card: Card, plan: Plan, printer) -> int:
    """Print a position action card on one A4 page."""
    printer.setPageLayout(_layout())
    printer.setDocName(plan.mark(card.title))
    return paint_html(card_html(card, plan), printer, one_page=True)


def write_docx(plan: Plan, path: str | Path) -> None:
    """The plan as a Word document: headings, paragraphs and tables."""
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "仿宋"
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    from ..plans.model import DEMO_NOTE

    d.add_heading(plan.marked_title, level=0)
    if plan.demo:
        d.add_paragraph(f"【{plan.status_label}】{DEMO_NOTE}")
    d.add_paragraph(f"{plan.tier_label} · {plan.issuer} · {plan.edition} 版 · 状态：{plan.status_label}")
    for heading, text in plan.sections():
        if heading.endswith("级响应"):
            continue  # written below as a table and a list
        d.add_heading(heading, level=1)
        for line in text.splitlines():
            if line.strip():
                d.add_paragraph(line.strip())
    d.add_heading("响应分级", level=1)
    table = d.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("级别", "启动条件（满足其一）", "启动")):
        cell.text = text
    for lv in plan.levels:
        row = table.add_row().cells
        row[0].text = lv.name
        row[1].text = "\n".join(c.text for c in lv.conditions)
        row[2].text = lv.activated_by
    for lv in plan.levels:
        d.add_heading(f"{lv.name}措施", level=2)
        for m in lv.measures:
            d.add_paragraph(f"{m.text}（{plan.group_name(m.group)}）", style="List Number")
    d.save(str(path))
