"""Write a report as an A4, fax-ready PDF in the layout of a Chinese official document.

Uses QtGui only (QPdfWriter, QTextDocument, QPainter). **A QGuiApplication
(or QApplication) must already be running**: Qt cannot load fonts or lay out
text without one, and registering a font before it exists crashes the
process. This module creates none; :func:`write_pdf` raises RuntimeError instead.

Layout after GB/T 9704 and the measured recipe: body area 156 × 225 mm (margins
top 37, bottom 35, left 28, right 26 mm), body 16 pt on a fixed 28.9 pt pitch
(22 lines of 28 characters), red 版头 and rule, page numbers "— n —" 7 mm below
the body, right on odd pages and left on even ones.

Fonts: "CD Serif SC" is bundled in ``data/fonts`` (Noto Serif CJK SC cut to
GB2312, renamed, without the GSUB table, so every glyph maps back to exactly
one character and the PDF's text can be searched and copied); characters it
lacks fall back to WenQuanYi Micro Hei, which also sets the 黑体 labels.
GB/T 9704 asks for a 仿宋 body and a 小标宋 title; no open-licence 仿宋 covering
simplified Chinese is packaged by Debian or PyPI (cwTeX 仿宋, GPL with a font
exception, has 4,384 of GB2312's 6,763 hanzi and lacks 报、发、应、时 …; AR PL
KaitiM GB and LXGW WenKai are 楷体), so the body stays in the 宋体 above and the
title in its bold weight, the nearest open face to 小标宋. The .docx names 仿宋.

The 版记 (抄送, 印发机关 and 印发日期) is painted at the foot of the last page,
its last rule on the body's bottom edge; a page of its own follows the text
when the last page has no room for it.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from commanddesk.documents.model import (
    CHANGES_HEADING,
    WATERMARK,
    ReportDocument,
    cc_text,
    element_text,
    format_issued,
    header_marks,
    intro,
    is_missing,
    masthead,
    note_lines,
    numbered,
    printed_text,
    signer_text,
)
from commanddesk.paths import PACKAGE_DATA

RESOLUTION = 1200                          # dots per inch of the PDF paint device
MARGINS_MM = QMarginsF(28, 37, 26, 35)     # left, top, right, bottom
BODY_WIDTH_PT = (210 - 28 - 26) / 25.4 * 72
BODY_PT, LINE_PT = 16.0, 28.9              # 三号 body on a 22-line grid
TITLE_PT, TITLE_LINE_PT = 22.0, 33.0       # 二号 title
PAGE_NUMBER_PT = 14.0                      # 四号
LETTER_SPACING = 98.5                      # percent: Qt's A4 body fits 28 characters, not 27
CHAR_PT = BODY_PT * LETTER_SPACING / 100   # one character's advance, for indents
RED = "#d40000"
WATERMARK_GREY = QColor(205, 205, 205)

SERIF = ("CD Serif SC", "WenQuanYi Micro Hei")
HEI = ("WenQuanYi Micro Hei",)
FONT_FILES = ("CDSerifSC-Regular.otf", "CDSerifSC-Bold.otf")
FONT_DIR = PACKAGE_DATA / "fonts"

HEADING = 1          # QTextBlock.userState(): keep this block on the page of the next one
_KEEP_MAX_LINES = 3  # a longer block is never moved whole to the next page


def load_fonts() -> bool:
    """Register the bundled serif with the running QGuiApplication unless it has it; True if it has.

    A missing or broken file is skipped: the text then falls back to
    WenQuanYi Micro Hei.
    """
    _require_app()
    if not QFontDatabase.hasFamily(SERIF[0]):
        for name in FONT_FILES:
            QFontDatabase.addApplicationFont(str(FONT_DIR / name))
    return QFontDatabase.hasFamily(SERIF[0])


def _require_app() -> None:
    if QGuiApplication.instance() is None:
        raise RuntimeError("commanddesk.documents.pdf needs a running QGuiApplication (or QApplication)")


# --- HTML -----------------------------------------------------------------------------------
# Once a paint device is set, Qt reads margin-top/bottom and line-height px as 1/96 inch, but
# text-indent and margin-left/right px as device pixels; _v and _h convert points for each.

def _v(pt: float) -> float:
    return pt * 96 / 72


def _h(pt: float, dpi: int) -> float:
    return pt * dpi / 72


def _families(families: tuple[str, ...]) -> str:
    return ", ".join(f"'{f}'" for f in families)


def _style(dpi: int, size: float = BODY_PT, line: float = LINE_PT, *, family: tuple[str, ...] = SERIF,
           bold: bool = False, color: str = "", indent: float = 0.0, left: float = 0.0, right: float = 0.0,
           top: float = 0.0, bottom: float = 0.0, heading: bool = False) -> str:
    """CSS for one paragraph; sizes in points."""
    css = [f"font-family:{_families(family)}", f"font-size:{size:g}pt", f"line-height:{_v(line):.3f}px",
           "-qt-line-height-type:fixed", "margin:0", "white-space:pre-wrap"]  # keep 　　 between items
    if top:
        css.append(f"margin-top:{_v(top):.3f}px")
    if bottom:
        css.append(f"margin-bottom:{_v(bottom):.3f}px")
    if left:
        css.append(f"margin-left:{_h(left, dpi):.2f}px")
    if bold:
        css.append("font-weight:bold")
    if color:
        css.append(f"color:{color}")
    if indent:
        css.append(f"text-indent:{_h(indent, dpi):.2f}px")
    if right:
        css.append(f"margin-right:{_h(right, dpi):.2f}px")
    if heading:
        css.append(f"-qt-user-state:{HEADING}")
    return "; ".join(css)


def _p(inner: str, style: str, align: str = "") -> str:
    attr = f' align="{align}"' if align else ""
    return f'<p{attr} style="{style}">{inner}</p>'


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _gap(pt: float, heading: bool = False) -> str:
    """Vertical space of *pt* points (an empty paragraph would be dropped by Qt's HTML reader)."""
    keep = f"; -qt-user-state:{HEADING}" if heading else ""
    return (f'<p style="font-family:{_families(SERIF)}; font-size:1pt; line-height:{_v(pt):.3f}px; '
            f'-qt-line-height-type:fixed; margin:0{keep}">&nbsp;</p>')


def _rule(color: str, thickness_pt: float, heading: bool = False) -> str:
    """A full-width coloured rule: one table cell with a background and a thin empty line."""
    keep = f"; -qt-user-state:{HEADING}" if heading else ""
    inner = (f'<p style="font-size:1pt; line-height:{_v(thickness_pt):.3f}px; -qt-line-height-type:fixed; '
             f'margin:0{keep}"></p>')
    return ('<table width="100%" cellspacing="0" cellpadding="0" border="0">'
            f'<tr><td style="background-color:{color}">{inner}</td></tr></table>')


def _two_columns(rows: list[tuple[str, str]], dpi: int) -> str:
    """Rows of (left, right) HTML, left-aligned and right-aligned, without borders."""
    body = "".join(f'<tr><td width="55%">{_p(left, _style(dpi))}</td>'
                   f'<td width="45%">{_p(right, _style(dpi), "right")}</td></tr>' for left, right in rows)
    return f'<table width="100%" cellspacing="0" cellpadding="0" border="0">{body}</table>'


def _header(doc: ReportDocument, dpi: int) -> list[str]:
    """版头: issuing unit and 值班信息 in red, 文号/签发人 and kind/time, the red rule."""
    unit_pt = min(26.0, round(BODY_WIDTH_PT * 0.96 / max(len(doc.issuing_unit), 1), 1))
    hei = _families(HEI)
    # 份号, 密级, 紧急程度 top left, one a line, 黑体 三号 (GB/T 9704 7.2.1–7.2.3)
    out = [_p(_esc(mark), _style(dpi, family=HEI)) for mark in header_marks(doc)]
    out += [
        _p(_esc(doc.issuing_unit), _style(dpi, unit_pt, unit_pt * 1.45, bold=True, color=RED), "center"),
        _p(_esc(masthead(doc)), _style(dpi, 42, 64, bold=True, color=RED, bottom=10), "center"),
        _two_columns([(_esc(doc.doc_number), _esc(signer_text(doc))),
                      (f'<span style="font-family:{hei}">{_esc(doc.kind_label)}</span>',
                       _esc(format_issued(doc.issued_at)))], dpi),
        _gap(4),
        _rule(RED, 2.0),
    ]
    if doc.late_note:
        out.append(_p(_esc(doc.late_note), _style(dpi, family=HEI, color=RED)))
    return out


def _element(head: str, text: str, bold_text: bool, heading: bool, dpi: int) -> list[str]:
    """"一、时间：" in 黑体 followed by the text; a text with line breaks gives several paragraphs."""
    hei = _families(HEI)
    paragraphs = text.split("\n")
    out = []
    for i, para in enumerate(paragraphs):
        inner = _esc(para)
        if bold_text:
            inner = f'<span style="font-weight:bold">{inner}</span>'
        if i == 0:
            inner = f'<span style="font-family:{hei}">{_esc(head)}</span>{inner}'
        last = i == len(paragraphs) - 1
        out.append(_p(inner, _style(dpi, indent=2 * CHAR_PT, heading=heading and last)))
    return out


def _changes(doc: ReportDocument, dpi: int) -> list[str]:
    """The box 较上次报告的变化 of a 续报: a ruled one-column table."""
    if not doc.changes:
        return []
    pad = _v(3)  # cellpadding is read as 1/96 inch
    rows = [f'<tr><td>{_p(_esc(CHANGES_HEADING), _style(dpi, family=HEI), "center")}</td></tr>']
    rows += [f'<tr><td>{_p(_esc(c), _style(dpi, indent=CHAR_PT))}</td></tr>' for c in doc.changes]
    table = (f'<table width="100%" border="1" cellspacing="0" cellpadding="{pad:.0f}" '
             f'style="border-collapse:collapse; border-style:solid; border-color:#000000">{"".join(rows)}</table>')
    return [table, _gap(8)]


def _title_size(title: str) -> float:
    """二号 (22 pt); a title just too long for one line shrinks to 20 pt rather than leave a stub."""
    width = len(title) * LETTER_SPACING / 100
    for size in (TITLE_PT, 21.0, 20.0):
        if width * size <= BODY_WIDTH_PT:
            return size
    return TITLE_PT


def render_html(doc: ReportDocument, dpi: int = RESOLUTION) -> str:
    """Return the report body as Qt rich-text HTML, for a paint device of *dpi* dots per inch.

    Qt reads some px lengths as device pixels, so pass the paint device's
    resolution (96 for a screen preview). Page numbers and the drill watermark
    are painted by :func:`write_pdf` and are not part of the HTML.
    """
    parts = _header(doc, dpi)
    title = _style(dpi, _title_size(doc.title), TITLE_LINE_PT, bold=True, top=LINE_PT, bottom=LINE_PT - 8,
                   heading=True)
    parts.append(_p(_esc(doc.title), title, "center"))
    parts.append(_p(_esc(f"{doc.recipient}："), _style(dpi, heading=True)))
    parts.append(_p(_esc(intro(doc)), _style(dpi, indent=2 * CHAR_PT, heading=not doc.changes)))
    parts += _changes(doc, dpi)
    items = numbered(doc)
    for i, (head, el) in enumerate(items):
        # The last element stays with the signature, so that never stands alone on a page.
        parts += _element(head, element_text(el), is_missing(el), i == len(items) - 1, dpi)
    sign = _style(dpi, right=2 * CHAR_PT, top=LINE_PT, heading=True)
    parts.append(_p(_esc(doc.issuing_unit), sign, "right"))
    notes = note_lines(doc)
    parts.append(_p(_esc(format_issued(doc.issued_at)), _style(dpi, right=2 * CHAR_PT, heading=bool(notes)),
                    "right"))
    for i, note in enumerate(notes):  # 附注 under the date, indented two characters, kept with it
        parts.append(_p(_esc(note), _style(dpi, indent=2 * CHAR_PT, heading=i < len(notes) - 1)))
    return "<html><body>" + "\n".join(parts) + "</body></html>"


RECORD_PT, RECORD_LINE_PT = 14.0, 24.0        # 四号 on the 版记
THICK_RULE_PT, THIN_RULE_PT = 1.0, 0.7        # 0.35 mm and 0.25 mm


def render_record_html(doc: ReportDocument, dpi: int = RESOLUTION) -> str:
    """The 版记 (GB/T 9704 7.4): thick rule, 抄送, thin rule, 印发机关 and 印发日期, thick rule.

    :func:`write_pdf` paints it at the foot of the last page, its last rule on
    the body's bottom edge. 抄送 lines wrap under the first unit's name.
    """
    char = RECORD_PT * LETTER_SPACING / 100
    parts = [_rule("#000000", THICK_RULE_PT)]
    if doc.cc:
        label = 3 * char  # "抄送：": later lines align after the colon
        parts.append(_p(_esc(cc_text(doc)), _style(dpi, RECORD_PT, RECORD_LINE_PT, left=char + label, right=char,
                                                   indent=-label)))
        parts.append(_rule("#000000", THIN_RULE_PT))
    printer, printed = printed_text(doc)
    cell = _style(dpi, RECORD_PT, RECORD_LINE_PT)
    parts.append('<table width="100%" cellspacing="0" cellpadding="0" border="0"><tr>'
                 f'<td width="60%">{_p(_esc(printer), cell + f"; margin-left:{_h(char, dpi):.2f}px")}</td>'
                 f'<td width="40%">{_p(_esc(printed), cell + f"; margin-right:{_h(char, dpi):.2f}px", "right")}'
                 '</td></tr></table>')
    parts.append(_rule("#000000", THICK_RULE_PT))
    return "<html><body>" + "\n".join(parts) + "</body></html>"


# --- pages ----------------------------------------------------------------------------------

def _page_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                       MARGINS_MM, QPageLayout.Unit.Millimeter)


def draw_on_paper(text: QTextDocument, painter: QPainter, clip: QRectF) -> None:
    """Draw *text* clipped to *clip* in black on white, whatever the app's look (the night palette's text is light)."""
    from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette

    context = QAbstractTextDocumentLayout.PaintContext()
    palette = QPalette(context.palette)
    palette.setColor(QPalette.ColorRole.Text, QColor(0, 0, 0))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(0, 0, 0))
    palette.setColor(QPalette.ColorRole.Link, QColor(0, 0, 0))
    context.palette = palette
    context.clip = clip
    painter.save()
    painter.setClipRect(clip)
    text.documentLayout().draw(painter, context)
    painter.restore()


def _laid_out(html_text: str, dev) -> QTextDocument:
    """*html_text* on *dev* with the body's letter spacing, not yet given a page size."""
    text = QTextDocument()
    text.setDocumentMargin(0)
    text.documentLayout().setPaintDevice(dev)  # before setHtml, or text comes out 12.5 × too small
    text.setHtml(html_text)
    cursor = QTextCursor(text)
    cursor.select(QTextCursor.SelectionType.Document)
    spacing = QTextCharFormat()
    spacing.setFontLetterSpacingType(QFont.SpacingType.PercentageSpacing)
    spacing.setFontLetterSpacing(LETTER_SPACING)
    cursor.mergeCharFormat(spacing)
    return text


def _body_size(dev) -> QSizeF:
    k = dev.resolution() / 25.4
    body = dev.pageLayout().paintRect(QPageLayout.Unit.Millimeter)
    return QSizeF(body.width() * k, body.height() * k)


def _text_document(doc: ReportDocument, dev) -> QTextDocument:
    """Lay the report out on *dev*'s body area, paginated and with headings kept."""
    text = _laid_out(render_html(doc, dev.resolution()), dev)
    text.setPageSize(_body_size(dev))
    keep_headings_with_next(text)
    split_at_page_breaks(text)
    return text


def _record_document(doc: ReportDocument, dev) -> QTextDocument:
    """The 版记 laid out one body width wide (not paginated)."""
    record = _laid_out(render_record_html(doc, dev.resolution()), dev)
    record.setTextWidth(_body_size(dev).width())
    return record


def record_place(text: QTextDocument, record_height: float, gap: float) -> tuple[int, float]:
    """(page count, y on the last page) that puts the 版记 at the foot of the last page.

    It goes on the page where the text ends when at least *gap* is left between
    the text and it; otherwise on a page of its own after the text.
    """
    height = text.pageSize().height()
    pages = text.pageCount()
    layout = text.documentLayout()
    end = layout.blockBoundingRect(text.lastBlock()).bottom()
    used = end - (pages - 1) * height
    if used + gap + record_height > height:
        pages += 1
    return pages, height - record_height


def keep_headings_with_next(text: QTextDocument) -> None:
    """Move short HEADING blocks to the next page when the block after them starts there.

    Qt has no keep-with-next. Blocks are checked in order, so a moved block
    pushes the later ones down before they are looked at; a run of headings
    (the last element and the 署名; the rule and gap above the 版记) moves
    together from its first block.
    """
    height = text.pageSize().height()
    block = text.begin()
    while block.isValid():
        nxt = block.next()
        if _keepable(block) and nxt.isValid():
            page = int(_line_y(block, -1) // height)
            if int(_line_y(nxt, 0) // height) > page:
                first = block
                while _keepable(first.previous()) and int(_line_y(first.previous(), 0) // height) == page:
                    first = first.previous()
                if _line_y(first, 0) - page * height > 1:  # already at the top: moving gains nothing
                    fmt = QTextBlockFormat()
                    fmt.setPageBreakPolicy(QTextBlockFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                    QTextCursor(first).mergeBlockFormat(fmt)
        block = nxt


def split_at_page_breaks(text: QTextDocument) -> None:
    """Cut each paragraph that runs onto the next page into two blocks, one on each page.

    QTextLayout.draw also draws the last line above its clip rectangle (an
    off-by-one), so the last line of a page would be written again, clipped
    and invisible, at the top of the next one, where search and copy find it
    twice. The cut changes nothing on paper: the second part simply loses the
    first-line indent and top margin it never showed.
    """
    height = text.pageSize().height()
    block = text.begin()
    while block.isValid():
        count = block.layout().lineCount()
        if count > 1 and QTextCursor(block).currentTable() is None:
            page = int(_line_y(block, 0) // height)
            cut = next((i for i in range(1, count) if int(_line_y(block, i) // height) > page), None)
            if cut is not None:
                cursor = QTextCursor(block)
                cursor.setPosition(block.position() + block.layout().lineAt(cut).textStart())
                head = block.blockFormat()
                head.setBottomMargin(0)
                tail = block.blockFormat()
                tail.setTextIndent(0)
                tail.setTopMargin(0)
                cursor.insertBlock(tail)
                QTextCursor(block).setBlockFormat(head)
        block = block.next()


def _keepable(block) -> bool:
    return block.isValid() and block.userState() == HEADING and block.layout().lineCount() <= _KEEP_MAX_LINES


def _line_y(block, index: int) -> float:
    """Document y of line *index* of *block* (negative counts from the end)."""
    top = block.document().documentLayout().blockBoundingRect(block).top()
    count = block.layout().lineCount()
    return top if count == 0 else top + block.layout().lineAt(index % count).y()


def _draw_watermark(painter: QPainter, width: float, height: float) -> None:
    """Large grey diagonal 演练 text across the body, under the text."""
    font = QFont()
    font.setFamilies(list(SERIF))
    font.setBold(True)
    font.setPointSizeF(40)
    diagonal = (width ** 2 + height ** 2) ** 0.5
    span = QFontMetricsF(font, painter.device()).horizontalAdvance(WATERMARK)
    font.setPointSizeF(40 * diagonal * 0.8 / span)
    painter.save()
    painter.setFont(font)
    painter.setPen(WATERMARK_GREY)
    painter.translate(width / 2, height / 2)
    painter.rotate(-55)
    box = QRectF(-diagonal / 2, -height / 4, diagonal, height / 2)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, WATERMARK)
    painter.restore()


def _draw_page_number(painter: QPainter, index: int, width: float, height: float, k: float) -> None:
    """"— n —" 7 mm below the body, one character in from the right (odd) or left (even) edge."""
    font = QFont()
    font.setFamilies(list(SERIF))
    font.setPointSizeF(PAGE_NUMBER_PT)
    painter.setFont(font)
    painter.setPen(QColor(0, 0, 0))
    em = PAGE_NUMBER_PT / 72 * RESOLUTION
    side = Qt.AlignmentFlag.AlignRight if index % 2 == 0 else Qt.AlignmentFlag.AlignLeft
    top = height + 7 * k - painter.fontMetrics().ascent() / 2
    painter.drawText(QRectF(em, top, width - 2 * em, 10 * k), side | Qt.AlignmentFlag.AlignTop, f"— {index + 1} —")


def write_pdf(doc: ReportDocument, path: str | Path) -> int:
    """Write *doc* to *path* as an A4 PDF and return its page count.

    Needs a running QGuiApplication (RuntimeError otherwise); raises OSError
    when *path* cannot be written.
    """
    _require_app()
    load_fonts()
    dev = QPdfWriter(str(path))
    dev.setResolution(RESOLUTION)
    dev.setPageLayout(_page_layout())
    dev.setTitle(doc.title)
    dev.setCreator("commanddesk")
    return paint(doc, dev, str(path))


def pdf_bytes(doc: ReportDocument) -> bytes:
    """*doc* as an A4 PDF, in memory (for an evidence bundle made from the command line).

    Starts a Qt application if none runs (a QApplication, offscreen without a display, kept for the
    process), so it works outside the window too.
    """
    import os
    import tempfile

    if QGuiApplication.instance() is None:
        from PySide6.QtWidgets import QApplication

        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _APPS.append(QApplication(["commanddesk"]))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        write_pdf(doc, path)
        return path.read_bytes()


_APPS: list = []  # the application pdf_bytes started, alive until the process ends


def print_report(doc: ReportDocument, printer) -> int:
    """Print *doc* on a configured QPrinter (A4, the official margins); return pages."""
    _require_app()
    load_fonts()
    printer.setPageLayout(_page_layout())
    printer.setDocName(doc.title)
    return paint(doc, printer, printer.printerName() or "printer")


def paint(doc: ReportDocument, dev, where: str) -> int:
    """Lay out and draw every page of *doc* on a paged device (PDF writer or printer)."""
    text = _text_document(doc, dev)
    record = _record_document(doc, dev)
    width, height = text.pageSize().width(), text.pageSize().height()
    k = dev.resolution() / 25.4
    record_height = record.size().height()
    pages, record_top = record_place(text, record_height, LINE_PT * dev.resolution() / 72)
    painter = QPainter()
    if not painter.begin(dev):
        raise OSError(f"cannot write PDF to {where}")
    try:
        for i in range(pages):
            if i:
                dev.newPage()
            if doc.exercise:
                _draw_watermark(painter, width, height)
            painter.save()
            painter.translate(QPointF(0, -i * height))
            draw_on_paper(text, painter, QRectF(0, i * height, width, height))
            painter.restore()
            if i == pages - 1:
                painter.save()
                painter.translate(QPointF(0, record_top))
                draw_on_paper(record, painter, QRectF(0, 0, width, record_height))
                painter.restore()
            _draw_page_number(painter, i, width, height, k)
    finally:
        painter.end()
    return pages
