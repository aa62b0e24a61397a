"""The drill window's watch on real duty: the real store's clocks keep running and alarming during a drill."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel

from ..drills.session import DrillRun
from ..services import settings


class RealDutyWatch(QLabel):
    """On the drill banner: the REAL store's running clocks, on the real clock, with the real alarm.

    The drill window's strip shows drill clocks only; this label keeps real duty in sight
    (真实 vs 演练) and raises the alarm when a real clock runs out. A click returns to real duty.
    """

    def __init__(self, run: DrillRun, window) -> None:
        super().__init__()
        from .clock_strip import Alarm

        self.setObjectName("real_duty_watch")
        self.run, self.window_ = run, window
        self.real = run.real_ctx
        self.alarm = Alarm(window, self.real)
        self.views: list = []
        self.items: list = []
        self.due_soon_minutes = 5
        self._seen: set[int] = set()
        self._flash = False
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("真实值班的报告时限（不是演练）；点击返回真实值班"))
        self.real.notifier.sig_data_changed.connect(lambda _k: self.reload())
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.timer.start(1000)
        self._reload_timer = QTimer(self)  # other seats may add real incidents
        self._reload_timer.timeout.connect(self.reload)
        self._reload_timer.start(15_000)
        self.reload()

    def reload(self) -> None:
        """Re-read the real store's running clocks."""
        from ..services import deadlines

        with self.real.store.read() as s:
            self.views = deadlines.running(s, drills=False)
            self.due_soon_minutes = int(settings.get(s, "due_soon_minutes") or 5)
            self.alarm.muted = settings.get(s, "alarm_muted") == "1"
        self.tick()

    def overdue(self) -> list:
        """The real clocks that have run out."""
        return [i for i in self.items if i.state == "overdue"]

    def tick(self) -> None:
        """Recompute the real clocks on the real store's clock; alarm once per clock that runs out."""
        from ..services import clocks

        self.items = clocks.strip(self.views, self.real.store.clock.now(), self.due_soon_minutes)
        self._flash = not self._flash
        late = self.overdue()
        for item in late:
            if item.view.id not in self._seen:
                self._seen.add(item.view.id)
                self.alarm.trigger(item)
        soon = sum(1 for i in self.items if i.state == "due_soon")
        if late:
            text = self.tr("真实值班：%1 项时限已超时！点击返回处置").replace("%1", str(len(late)))
            bg = "#c62828" if self._flash else "#7f1d1d"
        elif soon:
            text = self.tr("真实值班：%1 项时限即将到时").replace("%1", str(soon))
            bg = "#ffb300"
        elif self.items:
            text = self.tr("真实值班：%1 项时限计时中，无超时").replace("%1", str(len(self.items)))
            bg = "#1d4d1d"
        else:
            text = self.tr("真实值班：无正在计时的时限")
            bg = "#37474f"
        self.setText(text)
        fg = "#222222" if bg == "#ffb300" else "#ffffff"
        self.setStyleSheet(f"QLabel#real_duty_watch{{background:{bg}; color:{fg}; border:2px solid white;"
                           f" border-radius:4px; padding:2px 8px; font-weight:bold;}}")

    def mousePressEvent(self, _event) -> None:  # noqa: N802 - Qt override
        """A click on the real-duty strip brings the real window to the front."""
        if hasattr(self.window_, "back_to_real"):
            self.window_.back_to_real()
