"""The seat lock: after a quiet spell (or 锁定, Ctrl+L) the main window is covered until the PIN is given.

What was typed stays underneath, untouched; clocks keep running and alarms still sound; the lock
screen shows how many clocks have run out, never which incidents. Unlocking takes the same
operator's PIN (wrong ones count toward the account lock and are audited, as at sign-in), or
another operator signs in: the shift changes, and the forms keep what the first one typed (the
intake form also keeps its draft) for the new operator to save or discard under their own name.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from ..clock import format_beijing
from ..errors import UserError
from . import theme
from .texts import t

if TYPE_CHECKING:
    from .context import AppContext

INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin,
})


class LockScreen(QWidget):
    """Covers the main window: who holds the seat, the time, how many clocks have run out, the PIN."""

    def __init__(self, window: QWidget, ctx: AppContext, on_unlock, on_switch) -> None:
        super().__init__(window, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("lock_screen")
        self.setWindowTitle(self.tr("已锁定 — commanddesk"))
        self.setWindowModality(Qt.WindowModality.WindowModal)  # this window and its dialogs; a drill window has its own
        self.setAutoFillBackground(True)
        self.ctx = ctx
        self.title = QLabel(self.tr("值班席位已锁定"))
        self.title.setStyleSheet("font-size:22px; font-weight:bold;")
        self.who = QLabel()
        self.who.setObjectName("lock_who")
        self.time = QLabel()
        self.time.setObjectName("lock_time")
        self.time.setStyleSheet("font-size:18px;")
        self.overdue = QLabel()
        self.overdue.setObjectName("lock_overdue")
        self.pin = QLineEdit()
        self.pin.setObjectName("lock_pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("PIN"))
        self.pin.setMaximumWidth(220)
        self.pin.returnPressed.connect(on_unlock)
        self.error = QLabel()
        self.error.setObjectName("lock_error")
        self.error.setWordWrap(True)
        theme.mark(self.error, "error")
        unlock = QPushButton(self.tr("解锁"))
        unlock.setObjectName("lock_unlock")
        unlock.clicked.connect(on_unlock)
        switch = QPushButton(self.tr("换人签到…"))
        switch.setObjectName("lock_switch")
        switch.setToolTip(self.tr("另一位值班人员签到接班；已填写未保存的内容保留在表单中，由接班人保存或放弃"))
        switch.clicked.connect(on_switch)
        note = QLabel(self.tr("未保存的内容保留在窗口中；时限照常计时，超时照常报警。"))
        theme.mark(note, "muted")
        buttons = QHBoxLayout()
        buttons.addWidget(self.pin)
        buttons.addWidget(unlock)
        buttons.addWidget(switch)
        buttons.addStretch(1)
        box = QVBoxLayout()
        for w in (self.title, self.who, self.time, self.overdue):
            box.addWidget(w)
        box.addSpacing(12)
        box.addLayout(buttons)
        box.addWidget(self.error)
        box.addWidget(note)
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(box, 3)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(3)

    def show_state(self, overdue: int, running: int) -> None:
        """The clock and the counts (no incident names: anyone may be looking at a locked seat)."""
        actor = self.ctx.actor
        self.who.setText(self.tr("当前值班：%1（%2）。请输入 PIN 解锁。").replace("%1", actor.name)
                         .replace("%2", t(actor.role_label)) if actor is not None else "")
        self.time.setText(format_beijing(self.ctx.store.clock.now()) + self.tr(" 北京时间"))
        if overdue:
            self.overdue.setText(self.tr("%1 项时限已超时（共 %2 项计时中）").replace("%1", str(overdue))
                                 .replace("%2", str(running)))
            theme.mark(self.overdue, "error")
        else:
            self.overdue.setText(self.tr("计时中 %1 项，无超时").replace("%1", str(running)))
            theme.mark(self.overdue, "muted")


class IdleLock(QObject):
    """Watches the application's input and locks the seat of *window* after ``idle_lock_minutes``."""

    def __init__(self, window, ctx: AppContext) -> None:
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self.screen: LockScreen | None = None
        self.last_input = ctx.store.clock.now()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(1000)
        QGuiApplication.instance().focusWindowChanged.connect(self._focus_moved)  # a dialog opens: watch it at once

    def stop(self) -> None:
        """Stop watching (the window closes)."""
        self.timer.stop()
        try:
            QGuiApplication.instance().focusWindowChanged.disconnect(self._focus_moved)
        except (RuntimeError, TypeError):
            pass
        for handle in self._ours():
            handle.removeEventFilter(self)

    def _ours(self) -> list:
        """The window's QWindow and every window opened from it (dialogs, their dialogs, menus), alive now."""
        main = self.window.windowHandle()
        if main is None:
            return []
        found = []
        for handle in QGuiApplication.topLevelWindows():
            parent, depth = handle, 0
            while parent is not None and parent is not main and depth < 12:
                parent, depth = parent.transientParent(), depth + 1
            if parent is main:
                found.append(handle)
        return found

    def _watch(self) -> None:
        """Every key and click in this window or a dialog opened from it passes through its QWindow's filter.

        Not the application's filter (PySide must not wrap dying objects there); installing the same
        filter again on a window only moves it to the front, so this may run every second.
        """
        for handle in self._ours():
            handle.installEventFilter(self)

    def _focus_moved(self, _window) -> None:
        self._watch()

    @property
    def locked(self) -> bool:
        """Whether the lock screen covers the window now."""
        return self.screen is not None

    def minutes(self) -> int:
        """The idle time before a lock, from the post settings (0 or junk: never)."""
        from ..services import settings

        with self.ctx.store.read() as s:
            value = settings.get(s, "idle_lock_minutes")
        try:
            return max(int(value), 0)
        except ValueError:
            return 0

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        """Note the time of each key press or mouse input while unlocked; never swallows it."""
        if self.screen is None and event.type() in INPUT_EVENTS:
            self.last_input = self.ctx.store.clock.now()
        return False  # while locked the lock screen is modal for this window: Qt keeps input and shortcuts away

    def check(self) -> None:
        """Lock when the seat has been quiet long enough (by the injected clock); refresh the lock screen."""
        self._watch()
        if self.screen is not None:
            self._refresh()
            return
        if self.ctx.actor is None or not self.window.isVisible():
            return
        idle = self.ctx.store.clock.now() - self.last_input
        if idle < timedelta(minutes=1):
            return  # the setting is read only once the seat has been quiet a while
        minutes = self.minutes()
        if minutes and idle >= timedelta(minutes=minutes):
            self.lock("idle")

    def lock(self, reason: str = "manual") -> None:
        """Cover the window now (锁定, Ctrl+L, or the idle time); audited."""
        from ..services import accounts

        actor = self.ctx.actor
        if self.screen is not None or actor is None:
            return
        try:
            with self.ctx.store.transaction() as s:
                accounts.lock_screen(s, actor, reason)
        except UserError:
            pass  # a revoked account: the seat locks all the same
        self.screen = LockScreen(self.window, self.ctx, self.try_unlock, self.switch_operator)
        self._refresh()
        self.screen.setGeometry(self.window.frameGeometry())
        self.screen.show()
        self.screen.raise_()
        self.screen.activateWindow()
        self.screen.pin.setFocus()

    def _refresh(self) -> None:
        strip = self.window.strip
        self.screen.show_state(strip.overdue_count, len(strip.views))
        geometry = self.window.frameGeometry()
        if self.screen.geometry() != geometry:
            self.screen.setGeometry(geometry)

    def try_unlock(self) -> None:
        """The same operator's PIN lifts the lock; a wrong one is counted and audited."""
        from ..services import accounts

        actor = self.ctx.actor
        try:
            with self.ctx.store.transaction(actor=None) as s:
                accounts.resume(s, actor, self.screen.pin.text())
        except UserError as exc:
            self.screen.error.setText(exc.message)
            self.screen.pin.clear()
            self.screen.pin.setFocus()
            return
        self._close()

    def switch_operator(self) -> None:
        """Another operator signs in on the locked seat (the first one's shift ends)."""
        from .signin import SignInDialog

        dialog = SignInDialog(self.ctx, self.screen)
        if dialog.exec() and self.screen is not None:
            self._close()
            self.window.statusBar().showMessage(
                self.tr("已换人签到；上一位值班员未保存的内容仍在表单中，保存时记在您的名下。"), 15000)

    def _close(self) -> None:
        screen, self.screen = self.screen, None
        screen.hide()
        screen.deleteLater()
        self.last_input = self.ctx.store.clock.now()
        self.window.activateWindow()
