"""Qt item model over registry rows, with filtering and sorting in Python; column fitting for every table.

Filtering and sorting run over the rows' precomputed texts in plain Python
(one pass, no call back from C++ per row), so a 10,000-row table filters in a
few milliseconds per keystroke.

``fit_columns`` keeps any table view's columns inside its width: columns take
their contents' width, the widest ones are cut down (text elided, the whole
text in a tooltip) when they do not all fit, and spare width goes to one
column. It refits when the view is resized or its rows are replaced.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHeaderView, QTableView, QToolTip

from ..services.registry import Field, Row
from .texts import t

NUMERIC = ("int", "float")


class RowTableModel(QAbstractTableModel):
    """Shows a list of ``Row`` records, one column per table field."""

    def __init__(self, fields: tuple[Field, ...], parent=None) -> None:
        super().__init__(parent)
        self.fields = fields
        self._all: list[Row] = []
        self._rows: list[Row] = []
        self._terms: list[str] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # --- Qt interface ---
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        """The registry rows shown (none under a valid parent: the model is flat)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        """One column per table field of the spec."""
        return 0 if parent.isValid() else len(self.fields)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A cell's display text (and sort key) from the row's precomputed texts."""
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        f = self.fields[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:  # a code list's label or 是/否 in the interface language
            return t(row.texts[f.key]) if f.kind in ("choice", "bool") else row.texts[f.key]
        if role == Qt.ItemDataRole.TextAlignmentRole and f.kind in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The field's label as column header, in the interface language."""
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return t(self.fields[section].label)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # column -1 means "no sort": keep the order the service gave
        """Sort by *column* in *order* (a click on the header); the filter stays."""
        self._sort = (column, order) if 0 <= column < len(self.fields) else None
        self.beginResetModel()
        self._apply()
        self.endResetModel()

    # --- our interface ---
    def set_rows(self, rows: list[Row]) -> None:
        """Replace all rows (keeps the filter and sort)."""
        self.beginResetModel()
        self._all = rows
        self._apply()
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        """Show only rows containing every whitespace-separated term."""
        terms = text.casefold().split()
        if terms == self._terms:
            return
        self.beginResetModel()
        self._terms = terms
        self._apply()
        self.endResetModel()

    def row(self, index: int) -> Row:
        """The record shown in row *index*."""
        return self._rows[index]

    def row_of(self, record_id: int) -> int:
        """Visible position of a record, or -1."""
        for i, r in enumerate(self._rows):
            if r.id == record_id:
                return i
        return -1

    @property
    def total(self) -> int:
        """How many rows there are before filtering."""
        return len(self._all)

    def _apply(self) -> None:
        rows = self._all
        if self._terms:
            terms = self._terms
            rows = [r for r in rows if all(t in r.haystack for t in terms)]
        else:
            rows = list(rows)
        if self._sort is not None:
            column, order = self._sort
            f = self.fields[column]
            if f.kind in NUMERIC:
                key = lambda r: (r.values.get(f.key) is None, r.values.get(f.key) or 0)  # noqa: E731
            else:
                key = lambda r: r.texts[f.key]  # noqa: E731
            rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = rows


# --- column fitting, shared by every table ---

MIN_COLUMN = 56
"""No column is cut narrower than this (pixels) to make the others fit."""


def shrink_to(widths: list[int], available: int, elastic: tuple[int, ...] | None = None,
              minimum: int = MIN_COLUMN, fixed: frozenset[int] = frozenset()) -> list[int]:
    """Column widths that add up to at most *available*, cutting the widest columns first.

    The *elastic* columns (e.g. free-text notes) give way first; only if that
    is not enough are the others cut too. No column is cut below *minimum*
    (so a table with very many columns may still need scrolling), and the
    *fixed* ones (widths the user dragged) are not cut at all.
    """
    out = list(widths)
    for group in (elastic, None):
        excess = sum(out) - available
        if excess <= 0:
            break
        cols = [c for c in range(len(out))
                if (group is None or c in group) and c not in fixed and out[c] > minimum]
        if not cols:
            continue
        budget = sum(out[c] for c in cols) - excess
        cap = _water_level(sorted(out[c] for c in cols), budget, minimum)
        for c in cols:
            out[c] = min(out[c], cap)
    return out


def _water_level(sorted_widths: list[int], budget: int, minimum: int) -> int:
    """The largest cap with sum(min(w, cap)) <= budget, but not below *minimum*."""
    spent = 0
    for i, w in enumerate(sorted_widths):
        cap = (budget - spent) // (len(sorted_widths) - i)
        if cap < w:
            return max(minimum, cap)
        spent += w
    return sorted_widths[-1] if sorted_widths else minimum


MEASURED_ROWS = 100


class ColumnFitter(QObject):
    """Keeps a table view's columns within its width (see ``fit_columns``)."""

    def __init__(self, view: QTableView, stretch: int = -1, elastic: tuple[int, ...] | None = None,
                 caps: dict[int, int] | None = None, minimum: int = MIN_COLUMN, watch: bool = True,
                 keep: tuple[int, ...] = ()) -> None:
        super().__init__(view)
        self.keep = frozenset(keep)  # never cut (phone numbers): a cut-off 0518-… is of no use
        self.view = view
        self.stretch = stretch
        self.elastic = elastic
        self.caps = dict(caps or {})
        self.minimum = minimum
        self.natural: list[int] = []
        self.user: dict[int, int] = {}  # column → width the user dragged it to (kept across refits)
        self._applying = False
        # only a resize made with the mouse on the header is the user's (code may resize columns too)
        self.by_user = lambda: bool(QGuiApplication.mouseButtons() & Qt.MouseButton.LeftButton)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        # a column's width is measured on the rows in view and those around them, MEASURED_ROWS in all (Qt's
        # default is 1,000); a longer text further down is cut, with the whole text in its tooltip
        header.setResizeContentsPrecision(MEASURED_ROWS)
        header.sectionResized.connect(self._resized)
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self.fit)
        self._model = None
        self._fit_when_shown = False  # filled while hidden: measured once it is shown
        if watch:
            self.watch_model()
        view.viewport().installEventFilter(self)

    def watch_model(self) -> None:
        """Refit (on the next turn of the event loop) whenever the view's rows or cells change."""
        model = self.view.model()
        if model is None or model is self._model:
            return
        self._model = model
        for sig in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged,
                    model.columnsInserted, model.columnsRemoved, model.dataChanged):
            sig.connect(self._pending.start)

    def fit(self) -> None:
        """Measure the contents of every column now, then fit them to the width."""
        self._pending.stop()
        view, model = self.view, self.view.model()
        if model is None:
            return
        if not view.isVisible() and model.rowCount() > MEASURED_ROWS:
            # Qt measures every row of a hidden view (2,000 ledger movements in a tab behind: ~2 s);
            # shown, it measures the rows in view and those around them
            self._fit_when_shown = True
            return
        self._fit_when_shown = False
        header = view.horizontalHeader()
        natural = []
        for c in range(model.columnCount()):
            if view.isColumnHidden(c):
                natural.append(0)
                continue
            if c in self.user:
                natural.append(self.user[c])
                continue
            w = max(view.sizeHintForColumn(c), header.sectionSizeHint(c))
            natural.append(min(w, self.caps[c]) if c in self.caps else w)
        self.natural = natural
        self.apply()

    def apply(self) -> None:
        """Share the current width among the columns measured last."""
        natural = self.natural
        if not natural:
            return
        available = self.view.viewport().width()
        if available <= 0:
            return
        fixed = frozenset(self.user) | self.keep
        widths = shrink_to(natural, available, self.elastic, self.minimum, fixed)
        spare = available - sum(widths)
        if spare > 0:
            visible = [c for c in range(len(widths)) if natural[c]]
            free = [c for c in visible if c not in fixed] or visible
            model = self.view.model()
            if free and model is not None and model.rowCount() == 0:
                # nothing to measure yet: share the width, so the headers do not crowd into a corner
                for i, c in enumerate(free):
                    widths[c] += spare // len(free) + (1 if i < spare % len(free) else 0)
            elif free:
                target = self.stretch if self.stretch in free else free[-1]
                widths[target] += spare
        header = self.view.horizontalHeader()
        self._applying = True
        try:
            for c, w in enumerate(widths):
                if natural[c] and header.sectionSize(c) != w:
                    header.resizeSection(c, w)
        finally:
            self._applying = False

    def _resized(self, column: int, _old: int, new: int) -> None:
        """A width the user dragged is theirs: keep it and let the other columns make room."""
        if self._applying or new <= 0 or self.view.isColumnHidden(column) or not self.by_user():
            return
        self.user[column] = new
        self._pending.start()

    def user_widths(self) -> dict[str, int]:
        """The dragged widths, for the layout file (keys are column numbers as text)."""
        return {str(c): w for c, w in sorted(self.user.items())}

    def restore_widths(self, widths: dict) -> None:
        """Take back widths saved by ``user_widths`` (bad entries are ignored)."""
        self.user = {}
        for key, value in (widths or {}).items():
            try:
                c, w = int(key), int(value)
            except (TypeError, ValueError):
                continue
            if w >= self.minimum:
                self.user[c] = w
        self.fit()

    def forget_widths(self) -> None:
        """Back to widths fitted to the content."""
        self.user = {}
        self.fit()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        """Fit the columns when the table is shown or resized; the full text of a cut-off cell as its tooltip."""
        kind = event.type()
        if kind == QEvent.Type.Show and self._fit_when_shown:
            self.fit()
        elif kind == QEvent.Type.Resize:
            self.apply()
        elif kind == QEvent.Type.ToolTip:
            return self._elided_tip(event)
        return False

    def _elided_tip(self, event) -> bool:
        """Show the whole text of a cut-off cell that has no tooltip of its own."""
        view = self.view
        index = view.indexAt(event.pos())
        if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return False
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if text is None or str(text) == "":
            return False
        text = str(text)
        if view.fontMetrics().horizontalAdvance(text) + 10 <= view.visualRect(index).width():
            return False
        QToolTip.showText(event.globalPos(), text, view)
        return True


def fit_columns(view: QTableView, stretch: int = -1, elastic: tuple[int, ...] | None = None,
                caps: dict[int, int] | None = None, minimum: int = MIN_COLUMN, watch: bool = True,
                keep: tuple[int, ...] = ()) -> ColumnFitter:
    """Keep *view*'s columns inside its width, now and whenever it is resized or refilled.

    *stretch* is the column that takes spare width (default: the last shown);
    *elastic* the columns cut first when space is short (default: any, widest
    first); *caps* limit a column's measured width. With *watch* the columns
    are re-measured whenever the rows or cells change (for small tables that
    others fill cell by cell); without it only when this is called again (for
    large tables filtered per keystroke), while resizing always refits. The
    *keep* columns are never cut (phone numbers), nor are widths the user dragged.
    Calling it again on the same view updates the settings and refits.
    """
    fitter = getattr(view, "_column_fitter", None)
    if fitter is None:
        fitter = ColumnFitter(view, stretch, elastic, caps, minimum, watch, keep)
        view._column_fitter = fitter
    else:
        fitter.stretch, fitter.elastic, fitter.minimum = stretch, elastic, minimum
        fitter.caps = dict(caps or {})
        fitter.keep = frozenset(keep)
        if watch:
            fitter.watch_model()
    fitter.fit()
    return fitter
