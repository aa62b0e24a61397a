"""UI fixtures: a main window on a store with the duty officer signed in."""

import pytest

from commanddesk.ui.context import AppContext
from commanddesk.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_store):
    """The main window on a demo copy, 1366×768."""
    w = MainWindow(AppContext(demo_store, demo=True))
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    return w


def type_text(qtbot, widget, text: str) -> None:
    """Type *text* into *widget* key by key, Chinese included.

    QTest.keyClicks only knows ASCII; for other characters a key event carrying
    the character as its text is what an input method delivers.
    """
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))
