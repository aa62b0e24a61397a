"""Headless rendering of one page to PNG (for the README and tests)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from .context import AppContext
from .main_window import MainWindow


def render(ctx: AppContext, out: str, page: str, size: tuple[int, int]) -> int:
    """Show the main window at *size* on *page*, grab it, save *out*."""
    window = MainWindow(ctx)
    window.resize(*size)
    window.show_page(page)
    window.show()
    for _ in range(5):
        QApplication.processEvents()
    if page == "map":  # the web map loads asynchronously; tiles fade in over ~0.3 s
        from PySide6.QtCore import QEventLoop, QTimer

        view = window.page("map").view
        loop = QEventLoop()
        view.sig_loaded.connect(lambda _ok: QTimer.singleShot(900, loop.quit))
        QTimer.singleShot(8000, loop.quit)
        loop.exec()
    image = window.grab()
    if not image.save(out):
        print(f"commanddesk: 无法写入截图文件：{out}", file=sys.stderr)
        return 2
    print(out)
    window.close()
    return 0
