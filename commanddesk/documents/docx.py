"""Write a report as an editable Word file (.docx) in the official layout, with python-docx.

Same page as the PDF: A4, margins top 37 / bottom 35 / left 28 / right 26 mm,
16 pt on a 28.9 pt line grid, red 版头 and rule, "— n —" page numbers right on
odd pages and left on even ones. Unlike the PDF it names the fonts every
Windows office has: 仿宋 for the body (the standard's 仿宋体, which has no free
equivalent to bundle), 黑体 for element labels, 宋体 bold for the 版头 and
title; Times New Roman for Latin. The template's theme fonts are removed,
because Word lets a theme attribute win over a named font.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_LINE_SPACING, WD_PARAGRAPH_ALIGNMENT, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from commanddesk.clock import ensure_utc
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

FANGSONG, HEITI, SONGTI, LATIN = "仿宋", "黑体", "宋体", "Times New Roman"
BODY_PT, LINE_PT, TITLE_PT, PAGE_NUMBER_PT = 16, 28.9, 22, 14
BODY_WIDTH = Mm(210 - 28 - 26)
RED = RGBColor(0xD4, 0x00, 0x00)
GREY = RGBColor(0x80, 0x80, 0x80)
CENTER, RIGHT, LEFT = WD_PARAGRAPH_ALIGNMENT.CENTER, WD_PARAGRAPH_ALIGNMENT.RIGHT, WD_PARAGRAPH_ALIGNMENT.LEFT


def set_fonts(rpr, east_asian: str, latin: str = LATIN) -> None:
    """Name *east_asian* and *latin* fonts on a w:rPr, dropping theme fonts that would win."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr, value in (("ascii", latin), ("hAnsi", latin), ("cs", latin), ("eastAsia", east_asian)):
        fonts.set(qn(f"w:{attr}"), value)


# Children of w:pPr, w:rPr and w:pBdr must come in schema order, or Word calls the file corrupt.
_ORDER = {
    "w:pPr": ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
              "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
              "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
              "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"),
    "w:rPr": ("rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
              "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
              "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"),
    "w:pBdr": "top left bottom right between bar",
}


def _child(parent, tag: str, **attrs: str):
    """Return *parent*'s child *tag* (created in schema order if missing) with the w: attributes set."""
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        order = _ORDER.get(parent.tag.replace(qn("w:"), "w:"), "").split()
        name = tag.removeprefix("w:")
        later = {qn(f"w:{t}") for t in order[order.index(name) + 1:]} if name in order else set()
        successor = next((c for c in parent if c.tag in later), None)
        if successor is None:
            parent.append(el)
        else:
            successor.addprevious(el)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


def _styles(document) -> None:
    """Defaults and Normal: 仿宋 16 pt, exact 28.9 pt lines, 2-character indent, 28 characters a line."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, FANGSONG)
    _child(rpr, "w:lang", val="en-US", eastAsia="zh-CN")
    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.font.color.rgb = RGBColor(0, 0, 0)
    set_fonts(normal.element.get_or_add_rPr(), FANGSONG)
    _child(normal.element.get_or_add_rPr(), "w:spacing", val="-5")  # -0.25 pt: 28 characters fit
    pf = normal.paragraph_format
    pf.space_before = pf.space_after = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(LINE_PT)
    ppr = normal.element.get_or_add_pPr()
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):  # no extra gap between Chinese and digits
        _child(ppr, tag, val="0")


def _page(document) -> None:
    """A4, the official margins, a 22-line grid, odd/even footers 7 mm below the body."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(35 - 7) - Pt(PAGE_NUMBER_PT)
    _child(section._sectPr, "w:docGrid", type="lines", linePitch=str(round(LINE_PT * 20)))
    document.settings.odd_and_even_pages_header_footer = True


def _paragraph(container, *, align=None, indent_chars: int = 2, line: float = LINE_PT, size: float = 0,
               before: float = 0, after: float = 0, keep: bool = False):
    """A paragraph with the given alignment, first-line indent in characters and exact line height."""
    par = container.add_paragraph()
    pf = par.paragraph_format
    if align is not None:
        par.alignment = align
    _child(par._p.get_or_add_pPr(), "w:ind", firstLineChars=str(indent_chars * 100),
           firstLine=str(round(indent_chars * (size or BODY_PT) * 20)))
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(line)
    pf.space_before, pf.space_after = Pt(before), Pt(after)
    if keep:
        pf.keep_with_next = True
    return par


def _run(par, text: str, *, font: str = FANGSONG, size: float = BODY_PT, bold: bool = False, color=None):
    run = par.add_run(text)
    set_fonts(run._r.get_or_add_rPr(), font)
    run.font.size = Pt(size)
    if bold:
        run.font.bold = True
    if color is not None:
        run.font.color.rgb = color
    return run


def _border(par, side: str, color: str, eighths: int, space: int = 1) -> None:
    """A rule above or below a paragraph; width in eighths of a point."""
    borders = _child(par._p.get_or_add_pPr(), "w:pBdr")
    _child(borders, f"w:{side}", val="single", sz=str(eighths), space=str(space), color=color)


def _no_grid(par) -> None:
    """Let a large line keep its own height instead of taking two grid lines."""
    _child(par._p.get_or_add_pPr(), "w:snapToGrid", val="0")


def _header(document, doc: ReportDocument) -> None:
    unit_pt = min(26.0, round(BODY_WIDTH.pt * 0.96 / max(len(doc.issuing_unit), 1), 1))
    for mark in header_marks(doc):  # 份号, 密级, 紧急程度 top left in 黑体
        _run(_paragraph(document, indent_chars=0), mark, font=HEITI)
    par = _paragraph(document, align=CENTER, indent_chars=0, line=unit_pt * 1.45)
    _no_grid(par)
    _run(par, doc.issuing_unit, font=SONGTI, size=unit_pt, bold=True, color=RED)
    par = _paragraph(document, align=CENTER, indent_chars=0, line=64, after=10)
    _no_grid(par)
    _run(par, masthead(doc), font=SONGTI, size=42, bold=True, color=RED)
    for left, right, left_font in ((doc.doc_number, signer_text(doc), FANGSONG),
                                   (doc.kind_label, format_issued(doc.issued_at), HEITI)):
        par = _paragraph(document, indent_chars=0)
        par.paragraph_format.tab_stops.add_tab_stop(BODY_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
        _run(par, left, font=left_font)
        _run(par, "\t" + right)
    _border(par, "bottom", "D40000", 16, 4)
    if doc.late_note:
        _run(_paragraph(document, indent_chars=0), doc.late_note, font=HEITI, color=RED)


def _title_size(title: str) -> float:
    for size in (TITLE_PT, 21, 20):
        if len(title) * (size - 0.25) <= BODY_WIDTH.pt:
            return size
    return TITLE_PT


def _changes(document, doc: ReportDocument) -> None:
    """较上次报告的变化: a ruled one-column table."""
    table = document.add_table(rows=1 + len(doc.changes), cols=1)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, line in enumerate((CHANGES_HEADING, *doc.changes)):
        cell = table.rows[i].cells[0]
        cell.width = BODY_WIDTH
        par = cell.paragraphs[0]
        par.alignment = CENTER if i == 0 else LEFT
        par.paragraph_format.first_line_indent = Pt(0 if i == 0 else BODY_PT)
        if i < len(doc.changes):
            par.paragraph_format.keep_with_next = True
        _run(par, line, font=HEITI if i == 0 else FANGSONG)
    _paragraph(document, indent_chars=0, line=8, size=1)


def _body(document, doc: ReportDocument) -> None:
    par = _paragraph(document, align=CENTER, indent_chars=0, line=33, before=LINE_PT, after=LINE_PT - 8,
                     keep=True)
    _no_grid(par)
    _run(par, doc.title, font=SONGTI, size=_title_size(doc.title), bold=True)
    _run(_paragraph(document, indent_chars=0, keep=True), f"{doc.recipient}：")
    _run(_paragraph(document, keep=not doc.changes), intro(doc))
    if doc.changes:
        _changes(document, doc)
    items = numbered(doc)
    for i, (head, el) in enumerate(items):
        bold = is_missing(el)
        for j, text in enumerate(element_text(el).split("\n")):
            par = _paragraph(document, keep=i == len(items) - 1)
            if j == 0:
                _run(par, head, font=HEITI)
            _run(par, text, bold=bold)
    par = _paragraph(document, align=RIGHT, indent_chars=0, before=LINE_PT, keep=True)
    par.paragraph_format.right_indent = Pt(2 * BODY_PT)
    _run(par, doc.issuing_unit)
    notes = note_lines(doc)
    par = _paragraph(document, align=RIGHT, indent_chars=0, keep=bool(notes))
    par.paragraph_format.right_indent = Pt(2 * BODY_PT)
    _run(par, format_issued(doc.issued_at))
    for i, note in enumerate(notes):  # 附注, two characters in, kept with the date
        _run(_paragraph(document, keep=i < len(notes) - 1), note)
    _record(document, doc)


def _record(document, doc: ReportDocument) -> None:
    """版记 after the text: thick rule, 抄送, thin rule, 印发机关 and 印发日期, thick rule (四号).

    Word has no reliable "foot of the last page" for flowing text, so here it
    follows the 附注; the PDF puts it at the foot of the last page.
    """
    size, char = 14, Pt(14)
    rows = []
    if doc.cc:
        par = _paragraph(document, indent_chars=0, line=24, size=size, before=LINE_PT, keep=True)
        par.paragraph_format.first_line_indent = char  # rules run the full width: no side indents
        _run(par, cc_text(doc), size=size)
        rows.append(par)
    printer, printed = printed_text(doc)
    par = _paragraph(document, indent_chars=0, line=24, size=size, before=0 if rows else LINE_PT)
    par.paragraph_format.first_line_indent = char
    par.paragraph_format.tab_stops.add_tab_stop(BODY_WIDTH - char, WD_TAB_ALIGNMENT.RIGHT)
    _run(par, printer, size=size)
    _run(par, "\t" + printed, size=size)
    rows.append(par)
    _border(rows[0], "top", "000000", 8)  # 1 pt ≈ 0.35 mm
    if len(rows) == 2:
        _border(rows[0], "bottom", "000000", 6)  # 0.75 pt ≈ 0.25 mm
    _border(rows[-1], "bottom", "000000", 8)


def _page_number(footer, align) -> None:
    """"— PAGE —" one character in from the outer edge."""
    footer.is_linked_to_previous = False
    par = footer.paragraphs[0]
    par.alignment = align
    pf = par.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(PAGE_NUMBER_PT)
    pf.first_line_indent = Pt(0)
    pf.left_indent = pf.right_indent = Pt(PAGE_NUMBER_PT)
    _run(par, "— ", font=SONGTI, size=PAGE_NUMBER_PT)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    par._p.append(field)
    number = _run(par, "1", font=SONGTI, size=PAGE_NUMBER_PT)
    field.append(number._r)
    _run(par, " —", font=SONGTI, size=PAGE_NUMBER_PT)


_WATERMARK_SHAPE = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
    '<w:pict>'
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m0,10800l21600,10800e">'
    '<v:path textpathok="t" o:connecttype="custom"/><v:textpath on="t" fitshape="t"/>'
    '<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
    '<v:shape id="CommanddeskWaterMark{n}" o:spid="_x0000_s{spid}" type="#_x0000_t136" o:allowincell="f" '
    'fillcolor="#c8c8c8" stroked="f" style="position:absolute;margin-left:0;margin-top:0;width:460pt;'
    'height:80pt;rotation:315;z-index:-251654144;mso-position-horizontal:center;'
    'mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin">'
    '<v:fill opacity=".6"/>'
    '<v:textpath style="font-family:&quot;{font}&quot;;font-size:1pt" string="{text}"/>'
    '</v:shape></w:pict></w:r>'
)


def _watermark(header, n: int) -> None:
    """演练 marking on every page: a grey line at the top and a diagonal VML watermark behind the text."""
    header.is_linked_to_previous = False
    par = header.paragraphs[0]
    par.alignment = CENTER
    par.paragraph_format.first_line_indent = Pt(0)
    _run(par, WATERMARK, font=HEITI, size=12, color=GREY)
    par._p.append(parse_xml(_WATERMARK_SHAPE.format(n=n, spid=2049 + n, font=HEITI, text=WATERMARK)))


def write_docx(doc: ReportDocument, path: str | Path) -> None:
    """Write *doc* to *path* as a .docx that Word and LibreOffice open in the official layout."""
    document = Document()
    _styles(document)
    _page(document)
    section = document.sections[0]
    _page_number(section.footer, RIGHT)
    _page_number(section.even_page_footer, LEFT)
    if doc.exercise:
        _watermark(section.header, 1)
        _watermark(section.even_page_header, 2)
    _header(document, doc)
    _body(document, doc)
    props = document.core_properties
    props.title, props.author, props.subject = doc.title, doc.author, doc.kind_label
    props.last_modified_by, props.revision = doc.author, 1
    props.created = props.modified = ensure_utc(doc.issued_at).replace(tzinfo=None)  # docx stores UTC
    props.keywords = WATERMARK if doc.exercise else ""
    document.save(str(path))
