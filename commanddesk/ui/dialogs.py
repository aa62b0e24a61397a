"""A small form dialog for quick entries (phone report, leader notified, sending)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from ..errors import UserError, ValidationError


class FormDialog(QDialog):
    """Asks for a few values; ``on_accept(values)`` runs the action, refusals show in place."""

    def __init__(self, title: str, fields: list[tuple[str, str, Any]], on_accept: Callable[[dict], None],
                 intro: str = "", parent=None) -> None:
        """*fields*: (key, label, default) where a dict default makes a drop-down {value: text}."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.on_accept = on_accept
        self.widgets: dict[str, QLineEdit | QComboBox] = {}
        form = QFormLayout()
        for key, label, default in fields:
            if isinstance(default, dict):
                w = QComboBox()
                for value, text in default.items():
                    w.addItem(text, value)
            else:
                w = QLineEdit(str(default or ""))
            w.setObjectName(f"dlg_{key}")
            self.widgets[key] = w
            form.addRow(label, w)
        self.error = QLabel()
        self.error.setStyleSheet("color:#b00020; font-weight:bold;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if intro:
            note = QLabel(intro)
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(460, 0)

    def values(self) -> dict[str, Any]:
        return {k: (w.currentData() if isinstance(w, QComboBox) else w.text()) for k, w in self.widgets.items()}

    def try_accept(self) -> None:
        """Run the action; stay open with the reason if it is refused."""
        try:
            self.on_accept(self.values())
        except (ValidationError, UserError) as exc:
            self.error.setText(exc.message)
            return
        self.accept()
