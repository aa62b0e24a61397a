"""Headless screenshots of one page (the README's pictures): the size asked, the page asked, a clear refusal."""

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from commanddesk.ui.context import AppContext
from commanddesk.ui.main_window import MainWindow
from commanddesk.ui.screenshot import render


def _windows() -> list:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


def test_the_page_is_saved_at_the_size_asked(qtbot, demo_store, tmp_path, capsys):
    """A PNG of exactly the asked size is written, its path printed, and the window closed again."""
    out = tmp_path / "teams.png"
    assert render(AppContext(demo_store, demo=True), str(out), "teams", (1024, 640)) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1024, 640)
    assert capsys.readouterr().out.strip() == str(out)
    assert not _windows()


def test_different_pages_give_different_pictures(qtbot, demo_store, tmp_path):
    """--page is honoured: the teams list and the handover page do not look alike."""
    ctx = AppContext(demo_store, demo=True)
    a, b = tmp_path / "a.png", tmp_path / "b.png"
    assert render(ctx, str(a), "teams", (800, 500)) == 0
    assert render(ctx, str(b), "handover", (800, 500)) == 0
    assert QImage(str(a)) != QImage(str(b))


def test_a_file_that_cannot_be_written_is_one_chinese_line_and_exit_2(qtbot, demo_store, tmp_path, capsys):
    """A folder that does not exist: exit status 2 and 无法写入截图文件 on stderr, nothing on stdout."""
    out = tmp_path / "无此文件夹" / "x.png"
    assert render(AppContext(demo_store, demo=True), str(out), "teams", (800, 500)) == 2
    err = capsys.readouterr()
    assert err.out == "" and err.err.strip() == f"commanddesk: 无法写入截图文件：{out}"
    assert not out.exists()
