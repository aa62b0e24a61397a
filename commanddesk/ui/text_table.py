"""A read-only table of texts with per-row colours, tooltips and an optional check column.

The dispatch, ledger and shelter screens show their rows through this model
rather than ``QTableWidget.setItem``: filling a 2,000-row ledger is then one
model reset instead of tens of thousands of calls into Qt (each of which, with
PySide6 6.12 on CPython 3.11, also drops a reference to ``None``; see
``tests/ui/test_dispatch.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QTableView

from . import theme
from .texts import t
from .tables import fit_columns

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_COLOURS: dict[tuple[str, str, bool], QColor] = {}
_BOLD = QFont()
_BOLD.setBold(True)


def colour(name: str, background: bool = False) -> QColor:
    """A shared QColor for a colour name, adapted to the current look (night: dark tints, light text)."""
    key = (theme.current().name, name, background)
    if key not in _COLOURS:
        _COLOURS[key] = theme.adapt(name, background)
    return _COLOURS[key]


@dataclass
class TextRow:
    """One row: its cell texts and how it looks."""

    texts: list[str]
    fg: str | None = None
    bg: str | None = None
    bold: bool = False
    tip: str = ""
    cell_fg: dict[int, str] = field(default_factory=dict)  # column → colour, over ``fg``
    cell_bg: dict[int, str] = field(default_factory=dict)  # column → background, over ``bg``


class TextModel(QAbstractTableModel):
    """Rows of texts; column 0 may carry a check box; rows may be hidden by a filter."""

    def __init__(self, headers: list[str], right: tuple[int, ...] = (), checkable: bool = False,
                 parent=None) -> None:
        super().__init__(parent)
        self.headers = headers
        self.right = set(right)
        self.checkable = checkable
        self.on_check: Callable[[], None] | None = None
        self._all: list[TextRow] = []
        self._shown: list[int] = []
        self._checked: set[int] = set()
        self._keep: Callable[[int], bool] | None = None

    # --- Qt interface ---
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        """The rows the filter lets through (none under a valid parent: the model is flat)."""
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        """One column per header."""
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The column header, translated; nothing for row headers."""
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return t(self.headers[section])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        """Rows are selectable; the first column takes a tick when the table is checkable."""
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.checkable and index.column() == 0:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A cell's text, tooltip, colours or tick for the view, from the precomputed row."""
        if not index.isValid():
            return None
        pos = self._shown[index.row()]
        row, col = self._all[pos], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.texts[col] if col < len(row.texts) else ""
        if role == Qt.ItemDataRole.ForegroundRole:
            name = row.cell_fg.get(col, row.fg)
            return colour(name) if name else None
        if role == Qt.ItemDataRole.BackgroundRole:
            name = row.cell_bg.get(col, row.bg)
            return colour(name, background=True) if name else None
        if role == Qt.ItemDataRole.FontRole:
            return _BOLD if row.bold else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in self.right:
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tip or None
        if role == Qt.ItemDataRole.CheckStateRole and self.checkable and col == 0:
            return Qt.CheckState.Checked if pos in self._checked else Qt.CheckState.Unchecked
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Tick or untick a row from the view (only the first column of a checkable table)."""
        if role != Qt.ItemDataRole.CheckStateRole or not (self.checkable and index.column() == 0):
            return False
        self.set_checked(index.row(), Qt.CheckState(value) == Qt.CheckState.Checked)
        return True

    # --- our interface ---
    def set_rows(self, rows: list[TextRow]) -> None:
        """Replace every row (clears the checks; keeps the filter)."""
        self.beginResetModel()
        self._all = rows
        self._checked = set()
        self._apply()
        self.endResetModel()

    def set_text(self, source_row: int, column: int, text: str, fg: str | None = None, bg: str | None = None) -> None:
        """Change one cell (by full-list row) in place, e.g. a countdown; *fg* and *bg* colour that cell."""
        row = self._all[source_row]
        if row.texts[column] == text and row.cell_fg.get(column) == fg and row.cell_bg.get(column) == bg:
            return
        row.texts[column] = text
        for colours, value in ((row.cell_fg, fg), (row.cell_bg, bg)):
            if value is None:
                colours.pop(column, None)
            else:
                colours[column] = value
        shown = self.shown_row(source_row)
        if shown >= 0:
            index = self.index(shown, column)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole,
                                                 Qt.ItemDataRole.BackgroundRole])

    def set_filter(self, keep: Callable[[int], bool] | None) -> None:
        """Show only the rows (by position in the full list) for which *keep* is true."""
        self.beginResetModel()
        self._keep = keep
        self._apply()
        self.endResetModel()

    def _apply(self) -> None:
        keep = self._keep
        self._shown = [i for i in range(len(self._all)) if keep is None or keep(i)]

    def source_row(self, shown_row: int) -> int:
        """Position in the full list of a shown row."""
        return self._shown[shown_row]

    def shown_row(self, source_row: int) -> int:
        """Shown position of a row of the full list, or -1 if filtered out."""
        try:
            return self._shown.index(source_row)
        except ValueError:
            return -1

    def text(self, shown_row: int, column: int) -> str:
        """The text of a shown cell."""
        return self._all[self._shown[shown_row]].texts[column]

    def row(self, shown_row: int) -> TextRow:
        """A shown row."""
        return self._all[self._shown[shown_row]]

    @property
    def total(self) -> int:
        """How many rows there are before filtering."""
        return len(self._all)

    def set_checked(self, shown_row: int, on: bool) -> None:
        """Tick or untick the check box of a shown row."""
        pos = self._shown[shown_row]
        if on:
            self._checked.add(pos)
        else:
            self._checked.discard(pos)
        index = self.index(shown_row, 0)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        if self.on_check is not None:
            self.on_check()

    def checked(self) -> list[int]:
        """Full-list positions of the ticked rows, in order."""
        return sorted(self._checked)


class TextTable(QTableView):
    """A read-only, row-selecting view over a ``TextModel``; its columns always fit its width.

    *stretch* is the column that takes spare width (default the last),
    *elastic* the columns cut (elided) first when the width is short.
    """

    def __init__(self, headers: list[str], name: str = "", right: tuple[int, ...] = (), checkable: bool = False,
                 parent=None, stretch: int = -1, elastic: tuple[int, ...] | None = None) -> None:
        super().__init__(parent)
        self.stretch, self.elastic = stretch, elastic
        if name:
            self.setObjectName(name)
        self.rows = TextModel(headers, right, checkable, self)
        self.setModel(self.rows)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(24)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.fitter = fit_columns(self, stretch, elastic, watch=False)

    def fill(self, rows: list[TextRow], widths: dict[int, int] | None = None) -> None:
        """Show *rows*; size the columns to their contents (capped by *widths*) within the view's width."""
        self.rows.set_rows(rows)
        fit_columns(self, self.stretch, self.elastic, caps=widths, watch=False)

    def current(self) -> int | None:
        """Full-list position of the selected row, if any."""
        sel = self.selectionModel().selectedRows()
        return self.rows.source_row(sel[0].row()) if sel else None

    def select_source(self, source_row: int) -> None:
        """Select a row by its full-list position (if it is shown)."""
        shown = self.rows.shown_row(source_row)
        if shown < 0:
            return
        index = self.rows.index(shown, 0)
        self.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.scrollTo(index)
