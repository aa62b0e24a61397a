"""A detail form generated from a registry's fields."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget,
)

from ..services.registry import Field, Row
from . import theme
from .texts import t


class RecordForm(QWidget):
    """Edits one record; emits ``sig_edited`` when the user changes anything."""

    sig_edited = Signal()
    """A field was changed by the user."""

    def __init__(self, fields: tuple[Field, ...], parent=None) -> None:
        super().__init__(parent)
        self.fields = fields
        self.widgets: dict[str, QWidget] = {}
        self._loading = False
        inner = QWidget()
        outer = QVBoxLayout(inner)
        outer.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for f in fields:
            w = self._make(f)
            w.setObjectName(f"field_{f.key}")
            if f.hint:
                w.setToolTip(t(f.hint))
            self.widgets[f.key] = w
            text = t(f.label) + ("＊" if f.required else "")
            form.addRow(text, w)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.error = QLabel()
        self.error.setObjectName("form_error")
        self.error.setWordWrap(True)
        theme.mark(self.error, "error")
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)

    def _make(self, f: Field) -> QWidget:
        if f.kind == "multiline":
            w = QPlainTextEdit()
            w.setTabChangesFocus(True)
            w.setFixedHeight(64)
            w.textChanged.connect(self._changed)
        elif f.kind in ("choice", "ref", "bool"):
            w = QComboBox()
            if f.kind == "ref":
                w.setEditable(True)  # type to find among hundreds of entries
                w.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            w.currentIndexChanged.connect(self._changed)
        else:
            w = QLineEdit()
            if f.kind == "pin":
                w.setEchoMode(QLineEdit.EchoMode.Password)
            if f.kind == "date":
                w.setPlaceholderText("2027-06-30")
            w.textEdited.connect(self._changed)
        if not f.editable:
            w.setEnabled(False)
        return w

    def _changed(self, *_: Any) -> None:
        if not self._loading:
            self.sig_edited.emit()

    def set_choices(self, choices: dict[str, list[tuple[Any, str]]]) -> None:
        """Fill the drop-downs; *choices* maps field key to (value, label) pairs."""
        self._loading = True
        for f in self.fields:
            if f.key in choices:
                box: QComboBox = self.widgets[f.key]
                box.clear()
                if not f.required and f.kind == "ref":
                    box.addItem("", None)
                for value, text in choices[f.key]:
                    box.addItem(t(text) if f.kind != "ref" else text, value)
        self._loading = False

    def load(self, row: Row | None) -> None:
        """Show a record (None: an empty form with defaults, for a new one)."""
        self._loading = True
        self.clear_error()
        for f in self.fields:
            value = row.values.get(f.key) if row is not None else f.default
            w = self.widgets[f.key]
            if isinstance(w, QComboBox):
                i = w.findData(value)
                w.setCurrentIndex(i if i >= 0 else (0 if row is None and w.count() and f.required else -1))
                if i < 0 and w.isEditable():
                    w.setEditText("")
            elif isinstance(w, QPlainTextEdit):
                w.setPlainText("" if value is None else str(value))
            elif f.kind == "pin":
                w.clear()
            else:
                text = row.texts.get(f.key, "") if row is not None else ("" if value is None else str(value))
                w.setText(text)
        self._loading = False

    def values(self) -> dict[str, Any]:
        """The raw inputs, keyed by field; validation happens in the service."""
        out: dict[str, Any] = {}
        for f in self.fields:
            if not f.editable:
                continue
            w = self.widgets[f.key]
            if isinstance(w, QComboBox):
                if w.isEditable() and w.currentText() and w.currentText() != w.itemText(w.currentIndex()):
                    out[f.key] = w.currentText()  # typed text that matches no entry
                else:
                    out[f.key] = w.currentData() if w.currentIndex() >= 0 else None
            elif isinstance(w, QPlainTextEdit):
                out[f.key] = w.toPlainText()
            else:
                out[f.key] = w.text()
        return out

    def set_editable(self, editable: bool) -> None:
        """Lock or unlock every editable field."""
        for f in self.fields:
            if f.editable:
                w = self.widgets[f.key]
                if isinstance(w, QLineEdit | QPlainTextEdit):
                    w.setReadOnly(not editable)
                else:
                    w.setEnabled(editable)

    def show_error(self, message: str, field_key: str | None = None) -> None:
        """Show a refusal under the form and put the cursor on the culprit."""
        self.error.setText(message)
        self.error.show()
        for key, w in self.widgets.items():
            theme.flag_invalid(w, key == field_key)
        if field_key in self.widgets:
            self.widgets[field_key].setFocus()

    def clear_error(self) -> None:
        """Hide the refusal and the marks on the fields."""
        self.error.hide()
        self.error.clear()
        for w in self.widgets.values():
            theme.flag_invalid(w, False)
