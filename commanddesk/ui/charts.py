"""Small charts drawn with QPainter: bars with their values (统计) and dots on a time axis (the drill chart).

The app's charts are printed figures, not plots to explore, so a couple of hundred lines of painting do
what a plotting library did (pyqtgraph brought the QtOpenGL binding with it: 10 MB of the offline
bundle). They paint on white with dark ink in both looks, as a printed page would, and ``grab()`` gives
the picture for a report.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

INK = QColor("#222222")
AXIS = QColor("#999999")
GRID = QColor(0, 0, 0, 40)


def nice_step(top: float, ticks: int = 5) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) that divides 0..*top* into about *ticks* parts."""
    if top <= 0:
        return 1.0
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if raw <= m * power:
            return m * power
    return 10 * power


def _label(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e6 else f"{value:.3g}"


class _Chart(QWidget):
    """Title, plot area with a left axis, and labels under it; subclasses paint the data."""

    def __init__(self, title: str = "", parent=None) -> None:
        super().__init__(parent)
        self.title = title
        self.setMinimumHeight(180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(420, 240)

    def set_title(self, title: str) -> None:
        self.title = title
        self.update()

    def _frame(self, painter: QPainter, left_labels: list[str]) -> QRectF:
        """Paint the background and title; return the plot rectangle (room left for the axis labels)."""
        painter.fillRect(self.rect(), QColor("white"))
        fm = QFontMetrics(self.font())
        top = 6.0
        if self.title:
            bold = QFont(self.font())
            bold.setBold(True)
            painter.setFont(bold)
            painter.setPen(INK)
            height = QFontMetrics(bold).height()
            painter.drawText(QRectF(0, top, self.width(), height), Qt.AlignmentFlag.AlignCenter, self.title)
            painter.setFont(self.font())
            top += height + 6
        left = 10 + max((fm.horizontalAdvance(t) for t in left_labels), default=0)
        return QRectF(left + 6, top + fm.height() / 2, self.width() - left - 18,
                      self.height() - top - fm.height() / 2 - fm.height() - 12)


class BarChart(_Chart):
    """One bar per label with its value written above it; counts (whole-number axis) or shares (0–100 %)."""

    def __init__(self, title: str = "", parent=None) -> None:
        super().__init__(title, parent)
        self.labels: list[str] = []
        self.values: list[float] = []
        self.colour = QColor("#3b6ea8")
        self.percent = False
        self.thin_labels = True  # every k-th label when they overlap (months); False: each cut to its bar (kinds)

    def set_bars(self, labels: list[str], values: list[float], colour: str = "#3b6ea8",
                 percent: bool = False) -> None:
        self.labels, self.values = list(labels), [float(v) for v in values]
        self.colour, self.percent = QColor(colour), percent
        self.update()

    def value_text(self, v: float) -> str:
        return f"{v:.0%}" if self.percent else _label(v)

    def _ticks(self) -> tuple[float, list[float]]:
        if self.percent:
            return 1.15, [0.0, 0.25, 0.5, 0.75, 1.0]
        top = max(self.values, default=0.0)
        step = max(1.0, float(math.ceil(nice_step(top))))
        ceiling = max(1.0, top * 1.2)
        return ceiling, [step * i for i in range(int(ceiling // step) + 1)]

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ceiling, ticks = self._ticks()
        tick_text = [f"{t:.0%}" if self.percent else _label(t) for t in ticks]
        plot = self._frame(painter, tick_text)
        if plot.width() <= 0 or plot.height() <= 0:
            return
        fm = QFontMetrics(self.font())

        def y_of(v: float) -> float:
            return plot.bottom() - plot.height() * min(v, ceiling) / ceiling

        for t, label in zip(ticks, tick_text):
            y = y_of(t)
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(INK)
            painter.drawText(QRectF(0, y - fm.height() / 2, plot.left() - 6, fm.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        painter.setPen(QPen(AXIS, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        n = len(self.values)
        if not n:
            return
        slot = plot.width() / n
        # every k-th label when they would overlap
        widest = max(fm.horizontalAdvance(s) for s in self.labels) + 6
        every = max(1, math.ceil(widest / slot)) if self.thin_labels else 1
        for i, (label, v) in enumerate(zip(self.labels, self.values)):
            x = plot.left() + slot * i
            bar = QRectF(x + slot * 0.2, y_of(v), slot * 0.6, plot.bottom() - y_of(v))
            painter.fillRect(bar, self.colour)
            painter.setPen(INK)
            text = self.value_text(v)
            if fm.horizontalAdvance(text) <= slot or n <= 12:
                painter.drawText(QRectF(x - 20, bar.top() - fm.height() - 1, slot + 40, fm.height()),
                                 Qt.AlignmentFlag.AlignCenter, text)
            if i % every == 0:
                painter.drawText(QRectF(x - slot * (every - 1) / 2, plot.bottom() + 3, slot * every, fm.height()),
                                 Qt.AlignmentFlag.AlignCenter, fm.elidedText(label, Qt.TextElideMode.ElideRight,
                                                                             int(slot * every)))


class DotChart(_Chart):
    """Rows of dots on a horizontal axis (the drill's injects, actions and deadlines over minutes)."""

    def __init__(self, title: str = "", axis_label: str = "", parent=None) -> None:
        super().__init__(title, parent)
        self.axis_label = axis_label
        self.rows: list[tuple[str, str, list[float]]] = []  # (label, colour, xs), bottom row first

    def set_rows(self, rows: list[tuple[str, str, list[float]]]) -> None:
        self.rows = [(label, colour, [float(x) for x in xs]) for label, colour, xs in rows]
        self.update()

    def extent(self) -> tuple[float, float]:
        xs = [x for _l, _c, row in self.rows for x in row]
        lo, hi = (min(xs), max(xs)) if xs else (0.0, 1.0)
        if hi - lo < 1:
            hi = lo + 1
        pad = (hi - lo) * 0.05
        return lo - pad, hi + pad

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        plot = self._frame(painter, [label for label, _c, _x in self.rows])
        fm = QFontMetrics(self.font())
        plot.setBottom(plot.bottom() - (fm.height() + 4 if self.axis_label else 0))
        if plot.width() <= 0 or plot.height() <= 0 or not self.rows:
            return
        lo, hi = self.extent()

        def x_of(v: float) -> float:
            return plot.left() + plot.width() * (v - lo) / (hi - lo)

        step = nice_step(hi - lo, 8)
        tick = math.ceil(lo / step) * step
        while tick <= hi:
            x = x_of(tick)
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.setPen(INK)
            painter.drawText(QRectF(x - 40, plot.bottom() + 3, 80, fm.height()), Qt.AlignmentFlag.AlignCenter,
                             _label(round(tick, 6)))
            tick += step
        if self.axis_label:
            painter.drawText(QRectF(plot.left(), plot.bottom() + fm.height() + 4, plot.width(), fm.height()),
                             Qt.AlignmentFlag.AlignCenter, self.axis_label)
        painter.setPen(QPen(AXIS, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        band = plot.height() / len(self.rows)
        for r, (label, colour, xs) in enumerate(self.rows):
            y = plot.bottom() - band * (r + 0.5)
            painter.setPen(INK)
            painter.drawText(QRectF(0, y - fm.height() / 2, plot.left() - 6, fm.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            for x in xs:
                painter.drawEllipse(QPointF(x_of(x), y), 4.5, 4.5)
