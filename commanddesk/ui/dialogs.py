"""Dialog plumbing shared by every window: sizes, keys, file names and file dialogs.

- ``prepare(dialog)`` (end of every dialog's constructor): Ctrl+Enter confirms, Esc cancels
  (Qt's own), and ``fit`` grows the dialog to show its whole content (wrapped text included)
  within the screen. ``install(app)`` gives Qt's stock dialogs the same Ctrl+Enter.
- ``save_path`` / ``open_path`` start in the user's documents folder and propose a file
  name that says what the file is (``file_name("初报", "事件4", "连云港海晟化工", day=...)``).
- ``FormDialog``: a small form for quick entries (phone report, leader notified, sending).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel, QLineEdit,
    QMessageBox, QVBoxLayout, QWidget,
)

from ..errors import UserError, ValidationError
from . import theme
from .texts import t

MIN_WIDTH = 420
"""No form dialog is narrower than this (a Chinese label plus a useful field)."""

_ACCEPT_ROLES = (QDialogButtonBox.ButtonRole.AcceptRole, QDialogButtonBox.ButtonRole.YesRole,
                 QDialogButtonBox.ButtonRole.ApplyRole)


# --- sizes ---------------------------------------------------------------------------------------------
def needed_size(dialog: QWidget, min_width: int = MIN_WIDTH) -> QSize:
    """The size at which *dialog* shows all of its content, capped by the screen."""
    dialog.ensurePolished()
    layout = dialog.layout()
    if layout is not None:
        layout.activate()
    hint = dialog.sizeHint().expandedTo(dialog.minimumSizeHint())
    width = max(hint.width(), min_width, dialog.minimumWidth())
    height = hint.height()
    if layout is not None and layout.hasHeightForWidth():  # wrapped labels need more height when narrow
        height = max(height, layout.totalHeightForWidth(width))
    elif dialog.hasHeightForWidth():
        height = max(height, dialog.heightForWidth(width))
    avail = _available(dialog)
    if avail is not None:
        width = min(width, avail.width() - 40)
        height = min(height, avail.height() - 60)
        if layout is not None and layout.hasHeightForWidth():
            height = min(max(height, layout.totalHeightForWidth(width)), avail.height() - 60)
    return QSize(width, height)


def _available(widget: QWidget):
    screen = widget.screen() if widget.screen() is not None else QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def fit(dialog: QWidget, min_width: int = MIN_WIDTH) -> QSize:
    """Grow *dialog* (never shrink it) so nothing is clipped; its minimum becomes its content."""
    need = needed_size(dialog, min_width)
    dialog.setMinimumSize(dialog.minimumSizeHint().boundedTo(need))
    size = dialog.size().expandedTo(need) if dialog.testAttribute(Qt.WidgetAttribute.WA_Resized) else need
    avail = _available(dialog)
    if avail is not None:  # a fixed size such as 640×720 must still fit a 1366×768 screen
        size = size.boundedTo(QSize(avail.width() - 40, avail.height() - 60)).expandedTo(need)
    dialog.resize(size)
    return size


# --- keys and first show, for every dialog of the application ------------------------------------------
def confirm(dialog: QDialog) -> bool:
    """What Ctrl+Enter does: press the dialog's confirming button (or accept). True if handled.

    A question box (QMessageBox) gets what Enter would do, its default button: Ctrl+Enter
    must never pick a destructive answer (放弃, 删除) the asker did not make the default.
    """
    if isinstance(dialog, QMessageBox):
        default = dialog.defaultButton()
        if default is not None:
            default.click()
            return True
    for box in dialog.findChildren(QDialogButtonBox):
        if box.window() is not dialog:
            continue
        for button in box.buttons():
            if box.buttonRole(button) in _ACCEPT_ROLES and button.isEnabled() and button.isVisible():
                button.click()
                return True
        return False  # a box with only Close/Cancel: nothing to confirm
    dialog.accept()
    return True


def prepare(dialog: QDialog, min_width: int = MIN_WIDTH, size: bool = True) -> QDialog:
    """Make *dialog* behave like every other: Ctrl+Enter confirms, Esc cancels (Qt), content fits.

    Call it at the end of a dialog's constructor; safe to call again.
    """
    if not dialog.property("cd_keys"):
        dialog.setProperty("cd_keys", True)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            sc = QShortcut(QKeySequence(keys), dialog)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(lambda d=dialog: confirm(d))
    from . import icons

    icons.decorate(dialog)
    if size:
        fit(dialog, min_width)
    return dialog


def _focus_changed(_old, now) -> None:
    """Dialogs built elsewhere (QInputDialog, QMessageBox …) get the same keys when they take the focus."""
    if now is None:
        return
    window = now.window()
    if isinstance(window, QDialog) and not isinstance(window, QFileDialog) and not window.property("cd_keys"):
        prepare(window, size=False)


def install(app: QApplication | None = None) -> None:
    """Give every dialog of *app* the Ctrl+Enter key (idempotent).

    A focus-change slot rather than an application event filter: a Python filter sees
    every event of QtWebEngine's Quick items too, and PySide crashed wrapping them.
    """
    app = app or QApplication.instance()
    if not getattr(app, "_cd_dialog_keys", False):
        app.focusChanged.connect(_focus_changed)
        app._cd_dialog_keys = True


# --- file names and file dialogs -----------------------------------------------------------------------
_BAD = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
_last_folder: list[Path] = []  # the folder the user last chose, for the next dialog of this session


def documents_dir() -> Path:
    """The user's documents folder (XDG 文档/Documents), or the home folder if there is none."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if found and Path(found).is_dir():
        return Path(found)
    try:
        from platformdirs import user_documents_dir

        path = Path(user_documents_dir())
        if path.is_dir():
            return path
    except Exception:  # noqa: BLE001 - any failure: fall back to home
        pass
    return Path.home()


def start_folder() -> Path:
    """Where a file dialog opens: the folder chosen last time in this session, else documents."""
    if _last_folder and _last_folder[-1].is_dir():
        return _last_folder[-1]
    return documents_dir()


def file_name(*parts: Any, ext: str, day: date | None = None, limit: int = 60) -> str:
    """A file name made of meaningful parts joined by “-”, characters a file system refuses removed.

    ``file_name("初报", "事件4", "连云港海晟化工", ext="pdf", day=date(2026, 12, 3))``
    → ``初报-事件4-连云港海晟化工-20261203.pdf``. Each part is cut to *limit* characters.
    """
    words = []
    for part in (*parts, day.strftime("%Y%m%d") if day else None):
        text = _BAD.sub(" ", str(part or "")).strip()
        text = re.sub(r"\s+", " ", text).strip(" .")[:limit].strip()
        if text:
            words.append(text)
    stem = "-".join(words) or "commanddesk"
    return f"{stem}.{ext.lstrip('.')}"


def today(ctx) -> date:
    """Today's date in Beijing by the store's clock (for dated file names)."""
    from ..clock import to_beijing

    return to_beijing(ctx.store.clock.now()).date()


def _remember(path: str) -> str:
    if path:
        _last_folder[:] = [Path(path).parent]
    return path


def save_path(parent: QWidget | None, title: str, name: str, filters: str) -> str:
    """Ask where to save *name* (a file name, no folder); '' if cancelled.

    The dialog starts in the documents folder (or the folder chosen last), and the
    extension of *name* is added if the user typed a name without one.
    """
    path, _ = QFileDialog.getSaveFileName(parent, title, str(start_folder() / name), filters)
    if path:
        suffix = Path(name).suffix
        if suffix and not Path(path).suffix:
            path += suffix
    return _remember(path)


def open_path(parent: QWidget | None, title: str, filters: str) -> str:
    """Ask for a file to open, starting in the documents folder (or the last one); '' if cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder()), filters)
    return _remember(path)


# --- a small form dialog -------------------------------------------------------------------------------
class FormDialog(QDialog):
    """Asks for a few values; ``on_accept(values)`` runs the action, refusals show in place."""

    def __init__(self, title: str, fields: list[tuple[str, str, Any]], on_accept: Callable[[dict], None],
                 intro: str = "", parent=None) -> None:
        """*fields*: (key, label, default) where a dict default makes a drop-down {value: text}."""
        super().__init__(parent)
        self.setWindowTitle(t(title))
        self.on_accept = on_accept
        self.widgets: dict[str, QLineEdit | QComboBox] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label, default in fields:
            if isinstance(default, dict):
                w = QComboBox()
                for value, text in default.items():
                    w.addItem(t(text), value)
            else:
                w = QLineEdit(str(default or ""))
                w.setMinimumWidth(260)
            w.setObjectName(f"dlg_{key}")
            self.widgets[key] = w
            form.addRow(t(label), w)
        self.error = QLabel()
        theme.mark(self.error, "error")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setToolTip(self.tr("确定（Ctrl+Enter）"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setToolTip(self.tr("取消（Esc）"))
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if intro:
            note = QLabel(t(intro))
            note.setObjectName("dlg_intro")
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        prepare(self, 480)

    def values(self) -> dict[str, Any]:
        """The entered values by field key (a drop-down gives its value, not its text)."""
        return {k: (w.currentData() if isinstance(w, QComboBox) else w.text()) for k, w in self.widgets.items()}

    def try_accept(self) -> None:
        """Run the action; stay open with the reason if it is refused."""
        try:
            self.on_accept(self.values())
        except (ValidationError, UserError) as exc:
            self.error.setText(exc.message)
            fit(self, 480)  # a long refusal wraps: make room for it
            return
        self.accept()
