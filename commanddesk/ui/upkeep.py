"""Scheduled housekeeping in the window (services/upkeep.py): a check every minute by the store's clock,
the job on a worker thread, its progress in the status bar, the outcome audited.

The check runs shortly after start (a job a day overdue runs then) and each minute after; nothing runs
in a drill window, while a job is running, or while another seat is signed in. A job that fails (the
database busy) is tried again ten minutes later at the earliest.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QSpinBox, QVBoxLayout, QWidget

from ..errors import UserError
from .context import AppContext

CHECK_MS = 60_000
FIRST_CHECK_MS = 5_000  # after start: the window and its first page first
RETRY = timedelta(minutes=10)


class Upkeep(QObject):
    """Runs the housekeeping job the schedule says is due; progress in *status_bar* when given."""

    sig_progress = Signal(int, int)
    sig_done = Signal(str, object, str)  # job, Tidied or None, message

    def __init__(self, ctx: AppContext, status_bar=None, parent=None) -> None:
        super().__init__(parent)
        from ..services import presence

        self.ctx = ctx
        self.seat = presence.seat_name()
        self._thread: threading.Thread | None = None
        self._failed_at: datetime | None = None
        self.last_message = ""
        self.label = QLabel()
        self.label.setObjectName("upkeep_label")
        self.bar = QProgressBar()
        self.bar.setObjectName("upkeep_progress")
        self.bar.setRange(0, 1000)
        self.bar.setMaximumWidth(160)
        self.bar.setFormat("%p%")
        for w in (self.label, self.bar):
            w.hide()
            if status_bar is not None:
                status_bar.addPermanentWidget(w)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.sig_progress.connect(self._progress)
        self.sig_done.connect(self._done)

    def start(self) -> None:
        """Check now and then every minute (not in a drill window: a drill store is thrown away)."""
        if self.ctx.drill is not None:
            return
        QTimer.singleShot(FIRST_CHECK_MS, self.check)
        self.timer.start(CHECK_MS)

    def stop(self) -> None:
        """Stop checking for due upkeep jobs."""
        self.timer.stop()

    @property
    def running(self) -> bool:
        """Whether an upkeep job is running on its worker thread now."""
        return self._thread is not None and self._thread.is_alive()

    def check(self) -> str | None:
        """Start the due job on a worker thread; the job started, or None."""
        from ..services import upkeep

        if self.running or self.ctx.drill is not None or self.ctx.actor is None or self.ctx.store.location is None:
            return None  # (a store in memory lives as long as the window: nothing to keep tidy)
        now = self.ctx.store.clock.now()
        if self._failed_at is not None and now - self._failed_at < RETRY:
            return None
        try:
            with self.ctx.store.read() as s:
                job = upkeep.due(s, now)
                if job is None or upkeep.others_signed_in(s, now, self.seat):
                    return None
        except Exception:  # noqa: BLE001 - a server out of reach: the next check tries again
            return None
        self.last_message = ""
        self.label.setText(self.tr("定时整理数据库…") if job == "vacuum" else self.tr("定时更新统计信息…"))
        self.label.show()
        self.bar.setValue(0)
        self.bar.show()
        self._thread = threading.Thread(target=self._run, args=(job,), name="commanddesk-upkeep", daemon=True)
        self._thread.start()
        return job

    def _run(self, job: str) -> None:
        from ..services import upkeep

        try:
            result = upkeep.run(self.ctx.store, job, lambda done, total, _what: self.sig_progress.emit(done, total))
        except UserError as exc:
            self.sig_done.emit(job, None, exc.message)
        except Exception as exc:  # noqa: BLE001 - reported in the status bar, tried again later
            self.sig_done.emit(job, None, str(exc))
        else:
            self.sig_done.emit(job, result, result.message() if job == "vacuum" else "")

    def _progress(self, done: int, total: int) -> None:
        self.bar.setMaximum(total)
        self.bar.setValue(done)

    def _done(self, job: str, result, message: str) -> None:
        from ..services import upkeep

        self.bar.hide()
        if result is None:
            self._failed_at = self.ctx.store.clock.now()
            self.last_message = self.tr("定时整理未完成，稍后再试：%1").replace("%1", message)
        else:
            self._failed_at = None
            try:
                with self.ctx.store.transaction() as s:
                    upkeep.record_run(s, job, result, scheduled=True)
            except Exception as exc:  # noqa: BLE001 - the work is done; only its record failed
                self.last_message = self.tr("定时整理已完成，但未能记录：%1").replace("%1", str(exc))
            else:
                self.last_message = message or self.tr("已按计划更新查询统计信息（ANALYZE）。")
        self.label.setText(self.last_message)
        QTimer.singleShot(15_000, self.label.hide)

    def wait(self, seconds: float = 60.0) -> None:
        """Block until a running job has finished (tests, closing the window)."""
        if self._thread is not None:
            self._thread.join(seconds)


class ScheduleEditor(QWidget):
    """设置 → 数据与审计: the housekeeping schedule and its last runs; administrators change it."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.hour = QSpinBox()
        self.hour.setObjectName("upkeep_hour")
        self.hour.setRange(0, 23)
        self.hour.setSuffix(self.tr(" 时"))
        self.analyze_days = QSpinBox()
        self.analyze_days.setObjectName("upkeep_analyze_days")
        self.vacuum_days = QSpinBox()
        self.vacuum_days.setObjectName("upkeep_vacuum_days")
        for box in (self.analyze_days, self.vacuum_days):
            box.setRange(0, 365)
            box.setSuffix(self.tr(" 天"))
            box.setSpecialValueText(self.tr("不定时"))
        self.btn = QPushButton(self.tr("保存整理计划"))
        self.btn.setObjectName("upkeep_save")
        self.btn.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setObjectName("upkeep_status")
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for label, box in ((self.tr("定时整理时段（北京时间）"), self.hour),
                           (self.tr("更新统计每"), self.analyze_days), (self.tr("整理数据库每"), self.vacuum_days)):
            row.addWidget(QLabel(label))
            row.addWidget(box)
        row.addWidget(self.btn)
        row.addStretch(1)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addLayout(row)
        col.addWidget(self.status)
        self.load()
        self.refresh_permission()
        ctx.notifier.sig_data_changed.connect(lambda key: key == "settings" and self.load())

    def load(self) -> None:
        """Show the saved schedule and when each job last ran."""
        from ..services import upkeep

        with self.ctx.store.read() as s:
            plan = upkeep.schedule(s)
            analyzed, vacuumed = upkeep.last_runs(s)
        self.hour.setValue(plan.hour)
        self.analyze_days.setValue(plan.analyze_days)
        self.vacuum_days.setValue(plan.vacuum_days)
        self.status.setText(upkeep.describe_schedule(plan, analyzed, vacuumed))

    def refresh_permission(self) -> None:
        """Only operators who may edit rules can change the schedule."""
        from ..services.auth import Permission

        actor = self.ctx.actor
        may = actor is not None and actor.can(Permission.EDIT_RULES)
        for w in (self.hour, self.analyze_days, self.vacuum_days, self.btn):
            w.setEnabled(may)

    def save(self) -> None:
        """Save the schedule; a refusal shows in the status line."""
        from ..services import upkeep

        try:
            with self.ctx.store.transaction() as s:
                upkeep.set_schedule(s, self.hour.value(), self.analyze_days.value(), self.vacuum_days.value())
        except UserError as exc:
            self.status.setText(exc.message)
            return
        self.ctx.notifier.sig_data_changed.emit("settings")
        self.load()
