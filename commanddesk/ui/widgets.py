"""Small widgets several pages share: read-only tables, the red refusal label, the audit list."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from ..services import audit_sentences
from . import theme
from .tables import fit_columns
from .texts import ts


def read_only_table(headers: list[str], single: bool = False, stretch: int = -1,
                    elastic: tuple[int, ...] | None = None) -> QTableWidget:
    """A read-only, row-selecting table with these column headers (one row at a time if *single*).

    Its columns always fit its width (``tables.fit_columns``): *stretch* takes
    spare width, *elastic* columns are elided first when it is short.
    """
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().hide()
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    fit_columns(t, stretch, elastic)
    return t


def error_label(name: str) -> QLabel:
    """A red, wrapping label for refusals."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    theme.mark(label, "error")
    return label


def audit_table(entries, parent=None) -> QTableWidget:
    """A read-only table of audit entries (a few hundred rows at most)."""
    t = QTableWidget(len(entries), 5, parent)
    t.setHorizontalHeaderLabels(ts(["时间", "操作人", "操作", "对象", "内容"]))
    t.verticalHeader().hide()
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    for i, e in enumerate(entries):
        d = audit_sentences.describe(e)  # one wording for every screen: a sentence, Beijing time, labels not codes
        for j, text in enumerate((d.at, d.actor, d.action, d.subject, d.sentence)):
            item = QTableWidgetItem(text)
            if j == 4:
                item.setToolTip(d.line())
            t.setItem(i, j, item)
    fit_columns(t, stretch=4, elastic=(4, 3))
    return t


def replace_widget(layout: QVBoxLayout, widget: QWidget) -> None:
    """Put *widget* in *layout* in place of whatever it held (the old widgets are deleted)."""
    while layout.count():
        old = layout.takeAt(0).widget()
        if old is not None:
            old.deleteLater()
    layout.addWidget(widget)
