"""The clock strip: every running reporting clock, most urgent first, on every page."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QApplication, QWidget

from ..services import clocks, settings
from .context import AppContext

COLOURS = {  # background, text
    "pending": ("#e8f1e8", "#1d4d1d"),
    "due_soon": ("#ffb300", "#222222"),
    "overdue": ("#c62828", "#ffffff"),
    "overdue_dim": ("#7f1d1d", "#ffd6d6"),
}
CHIP_GAP = 6


class ClockStrip(QWidget):
    """Paints clock chips itself (one widget, not one per clock) so a tick stays cheap."""

    sig_open_incident = Signal(int)
    """The user clicked a clock of this incident."""

    sig_overdue = Signal(object)
    """A clock has just run out (a clocks.StripItem)."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("clock_strip")
        self.views: list[clocks.ClockView] = []
        self.items: list[clocks.StripItem] = []
        self._rects: list[tuple[QRect, clocks.StripItem]] = []
        self._overdue_seen: set[int] = set()
        self._flash = False
        self.due_soon_minutes = 5
        self.setMinimumHeight(34)
        self.setMouseTracking(True)
        self._font = QFont(self.font())
        self._font.setPointSizeF(self._font.pointSizeF() + 0.5)
        self._bold = QFont(self._font)
        self._bold.setBold(True)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.timer.start(1000)
        ctx.notifier.sig_data_changed.connect(lambda _k: self.reload())
        self.reload(first=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(800, 34)

    def reload(self, first: bool = False) -> None:
        """Re-read the running clocks from the store."""
        with self.ctx.store.read() as s:
            self.views = clocks.running(s, drills=self.ctx.store.drill)
            self.due_soon_minutes = int(settings.get(s, "due_soon_minutes") or 5)
        if first:  # clocks that ran out while the app was closed alarm once, now
            self._overdue_seen = set()
        self.tick()

    def tick(self) -> None:
        """Recompute states and countdowns from the injected clock and repaint."""
        now = self.ctx.store.clock.now()
        self.items = clocks.strip(self.views, now, self.due_soon_minutes)
        self._flash = not self._flash
        for item in self.items:
            if item.state == "overdue" and item.view.id not in self._overdue_seen:
                self._overdue_seen.add(item.view.id)
                self.sig_overdue.emit(item)
        self.setToolTip("" if self.items else self.tr("没有正在计时的报告时限"))
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#f4f4f4"))
        x, h = 6, self.height() - 8
        self._rects = []
        if not self.items:
            p.setPen(QColor("#666666"))
            p.setFont(self._font)
            p.drawText(self.rect().adjusted(10, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter,
                       self.tr("报告时限：当前没有正在计时的时限"))
            p.end()
            return
        fm, fmb = QFontMetrics(self._font), QFontMetrics(self._bold)
        for n, item in enumerate(self.items):
            title = _short(item.view.incident_title, 10)
            label, count = f"{title} · {item.view.name}", item.countdown
            w = fm.horizontalAdvance(label) + fmb.horizontalAdvance(count) + 28
            rest = len(self.items) - n
            if x + w > self.width() - 90 and rest > 1:
                p.setPen(QColor("#333333"))
                p.setFont(self._bold)
                p.drawText(QRect(x, 4, 90, h), Qt.AlignmentFlag.AlignVCenter, self.tr("另有 %1 项").replace("%1", str(rest)))
                break
            key = item.state
            if key == "overdue" and not self._flash:
                key = "overdue_dim"
            bg, fg = COLOURS[key]
            rect = QRect(x, 4, w, h)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setPen(QPen(QColor("#9e9e9e") if item.state == "pending" else QColor(bg)))
            p.setBrush(QColor(bg))
            p.drawRoundedRect(QRectF(rect), 5, 5)
            p.setPen(QColor(fg))
            p.setFont(self._font)
            p.drawText(rect.adjusted(8, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, label)
            p.setFont(self._bold)
            p.drawText(rect.adjusted(0, 0, -8, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, count)
            self._rects.append((rect, item))
            x += w + CHIP_GAP
        p.end()

    def item_at(self, pos) -> clocks.StripItem | None:
        """The clock chip under a point, if any."""
        return next((item for rect, item in self._rects if rect.contains(pos)), None)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        item = self.item_at(event.position().toPoint())
        if item is not None:
            self.sig_open_incident.emit(item.view.incident_id)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        item = self.item_at(event.position().toPoint())
        if item is not None:
            v = item.view
            from ..clock import format_beijing
            self.setToolTip(f"{v.incident_title}\n{v.name} → {v.recipient}\n时限 {format_beijing(v.due_at)}\n{item.countdown}")


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


class Alarm:
    """Makes an overdue clock impossible to miss: flash, sound (unless muted), tray message."""

    def __init__(self, window: QWidget, ctx: AppContext) -> None:
        self.window, self.ctx = window, ctx
        self._sound = None
        self._tray = None
        self.muted = False
        self.fired: list[str] = []  # what was raised, newest last (tests read this)

    def trigger(self, item: clocks.StripItem) -> None:
        """Raise the alarm for one overdue clock."""
        text = f"{item.view.incident_title}：{item.view.name} 已超时"
        self.fired.append(text)
        QApplication.alert(self.window, 0)
        if not self.muted:
            self._play()
        self._notify(text)

    def _play(self) -> None:
        if self._sound is False:
            return
        try:
            if self._sound is None:
                from PySide6.QtCore import QUrl
                from PySide6.QtMultimedia import QSoundEffect

                from ..paths import PACKAGE_DATA

                self._sound = QSoundEffect()
                self._sound.setSource(QUrl.fromLocalFile(str(PACKAGE_DATA / "sounds" / "alarm.wav")))
            self._sound.play()
        except Exception:  # no audio stack (e.g. headless): the flashing strip remains
            self._sound = False

    def _notify(self, text: str) -> None:
        from PySide6.QtWidgets import QSystemTrayIcon

        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        if self._tray is None:
            self._tray = QSystemTrayIcon(self.window.windowIcon(), self.window)
            self._tray.show()
        self._tray.showMessage("commanddesk 报告时限", text, QSystemTrayIcon.MessageIcon.Critical, 10000)
