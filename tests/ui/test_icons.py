"""One module says which icon means what; buttons get theirs from their text; icons follow the look."""

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from commanddesk.pages import PAGE_KEYS
from commanddesk.ui import icons, theme


def test_every_meaning_draws_an_icon(qapp):
    for meaning in icons.GLYPHS:
        assert not icons.icon(meaning).pixmap(20, 20).isNull(), meaning


def test_every_page_has_an_icon():
    assert all(f"page.{key}" in icons.GLYPHS for key in PAGE_KEYS)


@pytest.mark.parametrize("text, meaning", [
    ("导出 PDF…", "pdf"), ("导出 Word…", "word"), ("导入 Excel…", "excel"), ("导入预案", "import"),
    ("续报来电…", "phone"), ("已电话报告市政府…", "phone"), ("起草初报", "report"), ("调整等级…", "grade"),
    ("换班签到…", "sign_in"), ("盘点…", "stock"), ("随便看看", None),
    ("Export PDF…", "pdf"), ("Save call (Ctrl+Enter)", "save"), ("Follow-up call…", "phone"), ("Stocktake…", "stock"),
])
def test_a_buttons_text_calls_for_its_icon(text, meaning):
    assert icons.meaning_of(text) == meaning


def test_decorate_gives_buttons_their_icons_and_leaves_others_alone(qtbot):
    root = QWidget()
    qtbot.addWidget(root)
    col = QVBoxLayout(root)
    pdf, plain, own = QPushButton("导出 PDF…"), QPushButton("随便看看"), QPushButton("保存")
    own.setIcon(icons.icon("pdf"))
    for b in (pdf, plain, own):
        col.addWidget(b)
    icons.decorate(root)
    assert pdf.property("icon_meaning") == "pdf" and not pdf.icon().isNull()
    assert plain.icon().isNull() and own.property("icon_meaning") is None


def _ink(button) -> QColor:
    """The darkest pixel of a button's icon: its glyph colour."""
    image = button.icon().pixmap(24, 24).toImage()
    pixels = [QColor(image.pixel(x, y)) for x in range(24) for y in range(24) if QColor(image.pixelColor(x, y)).alpha() > 200]
    return max(pixels, key=lambda c: c.alpha()) if pixels else QColor()


def test_icons_are_redrawn_in_the_new_look(qtbot):
    b = QPushButton("保存")
    qtbot.addWidget(b)
    icons.set_icon(b, "save")
    day = _ink(b).lightnessF()
    try:
        theme.apply("night")
        icons.recolour()
        assert _ink(b).lightnessF() > day + 0.4
    finally:
        theme.apply("day")
