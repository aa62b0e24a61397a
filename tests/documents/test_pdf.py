"""The PDF writer: A4 pages of 22 lines of 28 characters, searchable text, marks, record and watermark."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from commanddesk.documents import sample_report
from commanddesk.documents.model import CHANGES_HEADING, numbered

KANGXI = [chr(c) for c in range(0x2E80, 0x2FE0)]  # CJK radicals supplement and Kangxi radicals


def _with_text(doc, key: str, text: str):
    """A copy of *doc* whose element *key* says *text*."""
    elements = tuple(dataclasses.replace(e, text=text, status="ok") if e.key == key else e for e in doc.elements)
    return dataclasses.replace(doc, elements=elements)


# --- PDF --------------------------------------------------------------------------------------

def _pages(path) -> list[str]:
    """Each page's text as PDFium (the engine of QtPdf and Chrome's viewer) extracts it."""
    from PySide6.QtPdf import QPdfDocument

    pdf = QPdfDocument()
    assert pdf.load(str(path)) == QPdfDocument.Error.None_
    return [pdf.getAllText(i).text().replace("\r\n", "\n") for i in range(pdf.pageCount())]


def _image(path, page: int, width: int):
    """Page *page* rendered on white, *width* pixels wide, as an RGB32 QImage."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtPdf import QPdfDocument

    pdf = QPdfDocument()
    pdf.load(str(path))
    size = pdf.pagePointSize(page)
    height = round(width * size.height() / size.width())
    out = QImage(width, height, QImage.Format.Format_RGB32)
    out.fill(QColor("white"))
    painter = QPainter(out)
    painter.drawImage(0, 0, pdf.render(page, QSize(width, height)))
    painter.end()
    return out


def _pixels(image, x0: float = 0, y0: float = 0, x1: float = 1, y1: float = 1) -> list[tuple[int, int, int]]:
    """RGB values in the region given as fractions of the image."""
    w, h = image.width(), image.height()
    data = bytes(image.constBits())
    stride = image.bytesPerLine()
    out = []
    for y in range(int(y0 * h), int(y1 * h)):
        row = data[y * stride + int(x0 * w) * 4: y * stride + int(x1 * w) * 4]
        out += list(zip(row[2::4], row[1::4], row[0::4]))
    return out


def _dark(pixels) -> int:
    return sum(1 for r, g, b in pixels if r + g + b < 300)


def _red(pixels) -> int:
    return sum(1 for r, g, b in pixels if r > 150 and g < 90 and b < 90)


def test_write_pdf_needs_a_running_app(tmp_path):
    """Without a QGuiApplication write_pdf raises RuntimeError instead of crashing."""
    code = ("from commanddesk.documents import sample_report, write_pdf;"
            f"write_pdf(sample_report(), {str(tmp_path / 'x.pdf')!r})")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 1 and "RuntimeError" in r.stderr and "QGuiApplication" in r.stderr


def test_pdf_is_a4_and_searchable(qapp, tmp_path):
    """A 2-page 初报: A4 pages whose text has the exact title, every element and page numbers."""
    from commanddesk.documents import write_pdf
    from commanddesk.documents.pdf import load_fonts

    assert load_fonts(), "the bundled CD Serif SC did not load"
    doc = sample_report()
    path = tmp_path / "r.pdf"
    assert write_pdf(doc, path) == 2
    pages = _pages(path)
    assert len(pages) == 2
    text = "\n".join(pages)
    assert doc.title in text
    assert "开应急值〔2026〕17号" in pages[0] and "签发人：周建华" in pages[0]
    for head, el in numbered(doc):
        assert head in text
    assert "十一、请求事项：【待核实】" in text and "八、发展趋势：暂不掌握" in text
    assert "— 1 —" in pages[0] and "— 2 —" in pages[1]
    for part in ("联系人：李晓明", "电话：0518-80143699", "拟稿人：王丽"):  # PDFium reads 　 as a space
        assert part in pages[1]
    assert not [c for c in text if c in KANGXI]
    from PySide6.QtPdf import QPdfDocument

    pdf = QPdfDocument()
    pdf.load(str(path))
    size = pdf.pagePointSize(0)
    assert (round(size.width()), round(size.height())) == (595, 842)
    assert pdf.metaData(QPdfDocument.MetaDataField.Title) == doc.title


def test_pdf_fonts_and_pypdf_text(qapp, tmp_path):
    """The bundled serif is embedded, and pypdf reads the title and elements back too."""
    pypdf = pytest.importorskip("pypdf")
    from commanddesk.documents import write_pdf

    doc = sample_report()
    write_pdf(doc, tmp_path / "r.pdf")
    reader = pypdf.PdfReader(tmp_path / "r.pdf")
    fonts = {str(f.get_object()["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"].values()}
    assert {"/CDSerifSC-Regular", "/CDSerifSC-Bold"} <= fonts
    # pypdf adds a space after any glyph whose CID contains the byte 0x20, so compare without spaces.
    text = "".join("".join(p.extract_text() for p in reader.pages).split())
    assert doc.title in text
    for head, _ in numbered(doc):
        assert head in text


def test_no_line_is_written_twice(qapp, tmp_path):
    """A paragraph crossing a page break leaves no hidden copy of its last line on the next page."""
    from commanddesk.documents import write_pdf

    doc = _with_text(sample_report(), "course", "甲乙丙丁戊己庚辛壬癸" * 80)
    write_pdf(doc, tmp_path / "r.pdf")
    lines = [line for page in _pages(tmp_path / "r.pdf") for line in page.split("\n")]
    body = [line for line in lines if "甲" in line]
    assert "".join(body).replace("五、基本过程：", "") == "甲乙丙丁戊己庚辛壬癸" * 80


def test_pdf_grid_is_22_lines_of_28_characters(qapp, tmp_path):
    """Body text runs 28 characters a line and 22 lines a page (the first line indented 2)."""
    from commanddesk.documents import write_pdf

    doc = _with_text(sample_report(), "course", "一" * 2000)
    write_pdf(doc, tmp_path / "r.pdf")
    pages = _pages(tmp_path / "r.pdf")
    full = [line for line in pages[1].split("\n") if set(line) == {"一"}]
    assert len(full) == 22
    assert {len(line) for line in full} == {28}
    first = next(line for line in pages[0].split("\n") if line.startswith("五、基本过程："))
    assert len(first) == 26


def test_page_one_image(qapp, tmp_path):
    """Page 1 renders as an A4 image with red 版头 on top and the page number at the right."""
    from commanddesk.documents import write_pdf

    write_pdf(sample_report(), tmp_path / "r.pdf")
    page1 = _image(tmp_path / "r.pdf", 0, 420)
    assert abs(page1.height() / page1.width() - 297 / 210) < 0.01
    everything = _pixels(page1)
    assert _dark(everything) > 0.02 * len(everything)            # not blank
    assert _red(_pixels(page1, 0.1, 0.1, 0.9, 0.3)) > 500         # red 版头 and rule
    assert _red(_pixels(page1, 0, 0.35, 1, 1)) == 0               # the body is black
    assert _dark(_pixels(page1, 0, 0, 1, 0.1)) == 0               # top margin empty
    footer = (0.89, 0.93)                                        # 7 mm below the body (262 mm)
    assert _dark(_pixels(page1, 0.5, footer[0], 1, footer[1])) > 0
    assert _dark(_pixels(page1, 0, footer[0], 0.5, footer[1])) == 0
    page2 = _image(tmp_path / "r.pdf", 1, 420)
    assert _dark(_pixels(page2, 0, footer[0], 0.5, footer[1])) > 0  # even pages: number at the left
    assert _dark(_pixels(page2, 0.5, footer[0], 1, footer[1])) == 0


def test_exercise_watermark_on_every_page(qapp, tmp_path):
    """A drill says 演练 in the 版头 and carries the grey diagonal watermark on every page."""
    from commanddesk.documents import write_pdf

    doc = sample_report("续报一", exercise=True)
    pages_written = write_pdf(doc, tmp_path / "d.pdf")
    pages = _pages(tmp_path / "d.pdf")
    assert pages_written == len(pages) >= 2
    assert "值班信息（演练）" in pages[0]
    for i, page in enumerate(pages):
        assert "EXERCISE" in page and "非真实事件" in page
        grey = [p for p in _pixels(_image(tmp_path / "d.pdf", i, 300)) if 180 < p[0] < 230 and p[0] == p[1] == p[2]]
        assert len(grey) > 1000
    write_pdf(sample_report(), tmp_path / "r.pdf")
    assert not any("EXERCISE" in page for page in _pages(tmp_path / "r.pdf"))


def test_followup_changes_and_late_note(qapp, tmp_path):
    """A 续报 shows the changes box; a late report shows the late note."""
    from commanddesk.documents import write_pdf

    doc = dataclasses.replace(sample_report("续报二"), late_note="迟报：超出时限 7 分钟")
    write_pdf(doc, tmp_path / "r.pdf")
    text = "\n".join(_pages(tmp_path / "r.pdf"))
    for part in (CHANGES_HEADING, "死亡人数：3 → 5", "失联人数：3 → 1", "迟报：超出时限 7 分钟",
                 "现将有关情况续报如下："):
        assert part in text
    assert text.index(CHANGES_HEADING) < text.index("一、时间：")


@pytest.mark.parametrize("extra", range(0, 400, 25))
def test_signature_never_alone(qapp, tmp_path, extra):
    """Whatever the length, the signature shares its page with the end of the last element."""
    from commanddesk.documents import write_pdf

    doc = _with_text(sample_report(), "course", "甲" * extra + "事故经过。")
    write_pdf(doc, tmp_path / "r.pdf")
    pages = _pages(tmp_path / "r.pdf")
    signed = [p for p in pages if "连云港经济技术开发区应急管理局\n2026年11月23日22时41分" in p]
    assert len(signed) == 1 and "手机13905186627。" in signed[0] and "（拟稿人：王丽）" in signed[0]
    record = [p for p in pages if "印发" in p]  # the 版记: on the last page only
    assert len(record) == 1 and record[0] is pages[-1] and "抄送：" in record[0]


def test_unwritable_path(qapp, tmp_path):
    """A path that cannot be written raises OSError."""
    from commanddesk.documents import write_pdf

    with pytest.raises(OSError):
        write_pdf(sample_report(), tmp_path / "missing" / "r.pdf")


def test_render_html_units_follow_dpi(qapp):
    """render_html gives device-pixel indents for the resolution asked."""
    from commanddesk.documents import render_html

    doc = sample_report()
    print_html, screen_html = render_html(doc), render_html(doc, dpi=96)
    assert doc.title in print_html and "一、时间：" in print_html
    assert "text-indent:525.33px" in print_html and "text-indent:42.03px" in screen_html



def _marked():
    return dataclasses.replace(sample_report(), copy_number="000003", classification="机密", urgency="特急")


def test_pdf_marks_and_record_at_the_foot_of_the_last_page(qapp, tmp_path):
    """The PDF carries the marks on page 1 and the 版记's rules and text on the body's last lines."""
    from commanddesk.documents import write_pdf

    doc = _marked()
    pages_written = write_pdf(doc, tmp_path / "r.pdf")
    pages = _pages(tmp_path / "r.pdf")
    assert pages[0].startswith("000003\n机密\n特急\n")
    last = pages[-1]
    assert "抄送：连云港市应急管理局，连云港经济技术开发区党工委办公室。" in last
    everything = "\n".join(pages)
    assert everything.index("抄送：") > everything.index("（拟稿人：王丽）")
    assert not any("抄送：" in p for p in pages[:-1])
    image = _image(tmp_path / "r.pdf", pages_written - 1, 420)
    # body runs 37 mm .. 262 mm of 297; the 版记 sits in its last ~20 mm, nothing below it but the number
    assert _dark(_pixels(image, 0.1, 0.82, 0.9, 0.88)) > 200
    assert _dark(_pixels(image, 0.1, 0.885, 0.9, 0.89)) == 0


@pytest.mark.parametrize("extra", [0, 200, 400, 600])
def test_record_never_shares_a_line_with_the_text(qapp, tmp_path, extra):
    """However long the text, the 版记 is on the last page, below the 附注 (a page of its own if need be)."""
    from commanddesk.documents import write_pdf

    doc = _with_text(sample_report(), "course", "甲" * extra + "事故经过。")
    write_pdf(doc, tmp_path / "r.pdf")
    pages = _pages(tmp_path / "r.pdf")
    assert [i for i, p in enumerate(pages) if "印发" in p] == [len(pages) - 1]
    assert sum(p.count("（拟稿人：王丽）") for p in pages) == 1


def test_paper_is_black_on_white_in_the_night_look(qapp, tmp_path):
    """A report exported while the app wears its night palette still prints black text, as by day."""
    from commanddesk.documents import write_pdf
    from commanddesk.ui import theme

    write_pdf(sample_report(), tmp_path / "day.pdf")
    try:
        theme.apply("night")
        write_pdf(sample_report(), tmp_path / "night.pdf")
    finally:
        theme.apply("day")
    day, night = (_pixels(_image(tmp_path / f"{n}.pdf", 0, 420), 0, 0.35, 1, 0.85) for n in ("day", "night"))
    assert _dark(night) == _dark(day) > 0.01 * len(day)
