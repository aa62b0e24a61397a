"""The .docx writer: the report's text, page setup, fonts and properties as Word reads them."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from commanddesk.documents import plain_text, sample_report
from commanddesk.documents.model import (
    CHANGES_HEADING,
    WATERMARK,
    element_text,
    numbered,
)

# --- .docx ------------------------------------------------------------------------------------

def _docx(tmp_path, doc):
    docx = pytest.importorskip("docx")
    from commanddesk.documents import write_docx

    path = tmp_path / "r.docx"
    write_docx(doc, path)
    return docx.Document(str(path))


def test_docx_content(tmp_path):
    """The .docx has the 版头, title, every numbered element and the signature."""
    doc = sample_report()
    d = _docx(tmp_path, doc)
    texts = [p.text for p in d.paragraphs]
    assert texts[:4] == [doc.issuing_unit, "值班信息", "开应急值〔2026〕17号\t签发人：周建华",
                         "初报\t2026年11月23日22时41分"]
    assert doc.title in texts
    for head, el in numbered(doc):
        assert any(t.startswith(head + element_text(el).split("\n")[0]) for t in texts)
    assert texts[-4:] == ["（联系人：李晓明　电话：0518-80143699）", "（拟稿人：王丽）",
                          "抄送：连云港市应急管理局，连云港经济技术开发区党工委办公室。",
                          "连云港经济技术开发区应急管理局\t2026年11月23日印发"]
    assert d.core_properties.title == doc.title
    assert not d.tables


def test_docx_page_setup_and_fonts(tmp_path):
    """A4, the official margins, odd/even PAGE footers and East Asian fonts without theme fonts."""
    from docx.oxml.ns import qn
    from docx.shared import Mm

    d = _docx(tmp_path, sample_report())
    s = d.sections[0]
    mm = [round(x / Mm(1), 1) for x in (s.page_width, s.page_height, s.top_margin, s.bottom_margin,
                                         s.left_margin, s.right_margin)]  # stored in twips
    assert mm == [210, 297, 37, 35, 28, 26]
    assert d.settings.odd_and_even_pages_header_footer
    for footer in (s.footer, s.even_page_footer):
        assert 'w:instr="PAGE"' in footer._element.xml
    fonts = d.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋"
    assert fonts.get(qn("w:asciiTheme")) is None and fonts.get(qn("w:eastAsiaTheme")) is None
    labels = [r for p in d.paragraphs for r in p.runs if r.text == "一、时间："]
    assert labels[0]._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "黑体"
    assert s.header.paragraphs[0].text == ""


def test_docx_properties_in_schema_order(tmp_path):
    """Every paragraph and run property list is in schema order (Word rejects files that are not)."""
    from commanddesk.documents.docx import _ORDER

    d = _docx(tmp_path, dataclasses.replace(sample_report("续报一", exercise=True), late_note="迟报"))
    parts = [d.element, d.styles.element] + [h._element for s in d.sections
                                             for h in (s.header, s.even_page_header, s.footer, s.even_page_footer)]
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for tag, order in _ORDER.items():
        names = order.split()
        for part in parts:
            for props in part.iter(tag.replace("w:", w)):
                seen = [c.tag.replace(w, "") for c in props if c.tag.startswith(w)]
                assert [n for n in seen if n in names] == sorted((n for n in seen if n in names), key=names.index)


def test_docx_exercise_and_changes(tmp_path):
    """A drill's .docx is marked on every page; a 续报 carries the changes table."""
    d = _docx(tmp_path, sample_report("续报一", exercise=True))
    assert d.paragraphs[1].text == "值班信息（演练）"
    s = d.sections[0]
    for header in (s.header, s.even_page_header):
        assert header.paragraphs[0].text == WATERMARK
        assert "v:textpath" in header._element.xml and WATERMARK in header._element.xml
    rows = [row.cells[0].text for row in d.tables[0].rows]
    assert rows == [CHANGES_HEADING, "死亡人数：3 → 5", "受伤人数：5 → 7（其中重伤 2 → 3）", "失联人数：3 → 1"]



def test_model_and_docx_import_no_qt():
    """The package, its model and the .docx writer load no PySide6 module."""
    pytest.importorskip("docx")
    code = ("import sys, commanddesk.documents as d, commanddesk.documents.docx;"
            "d.plain_text(d.sample_report());"
            "bad=[m for m in sys.modules if m.startswith('PySide6')]; print(bad); sys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
