"""Live updates on a PostgreSQL seat: other seats' changes re-read within a second, a lost connection said.

The listener thread (notify.Listener) hands table names to a queued Qt
signal, so views are told on the main thread. Tables heard within a short
moment are announced together, once per change key (live.keys_for), on the
app's notifier: views re-read what they show the same way as after this
seat's own actions, keeping their selection and filters and anything typed
in a box. On SQLite (one seat) nothing is started.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from .. import live, notify
from .texts import t

GATHER_MS = 10  # one commit sends several tables, back to back: announce them together


class LiveUpdates(QObject):
    """Hears other seats (PostgreSQL only) and tells this seat's views."""

    sig_connected = Signal(bool)
    """The connection to the database server was lost (False) or is back (True)."""

    _heard = Signal(object)  # from the listener thread, queued to the main thread
    _status = Signal(bool)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.listener: notify.Listener | None = None
        self.connected = True
        self._tables: set[str] = set()
        self._gather = QTimer(self, singleShot=True, interval=GATHER_MS, timeout=self._announce)
        self._heard.connect(self._take)
        self._status.connect(self._set_status)

    def start(self) -> LiveUpdates:
        """Listen for other seats' changes (a database server only); return self."""
        if self.ctx.store.server and self.listener is None:
            self.listener = notify.Listener(self.ctx.store.url, self._heard.emit, self._status.emit).start()
        return self

    def stop(self) -> None:
        """Stop listening for other seats' changes."""
        if self.listener is not None:
            self.listener.stop()
            self.listener = None

    def _take(self, tables) -> None:
        self._tables |= set(tables)
        if not self._gather.isActive():
            self._gather.start()

    def _announce(self) -> None:
        tables, self._tables = self._tables, set()
        notifier = self.ctx.notifier
        notifier.remote = True
        try:
            for key in live.keys_for(tables):
                notifier.sig_data_changed.emit(key)
        finally:
            notifier.remote = False

    def _set_status(self, up: bool) -> None:
        if up == self.connected:
            return
        self.connected = up
        if up:
            self.ctx.store.engine.dispose()  # pooled connections died with the old server connection
        self.sig_connected.emit(up)


class LostBanner(QLabel):
    """The plain line a seat shows while the server cannot be reached."""

    def __init__(self, live_updates: LiveUpdates, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("connection_lost")
        self.setText(self.tr("与数据库服务器的连接已断开，正在重新连接…"))
        self.setStyleSheet("background:#b71c1c; color:white; font-weight:bold; padding:4px 8px;")
        self.setVisible(False)
        live_updates.sig_connected.connect(lambda up: self.setVisible(not up))


class Heartbeat(QObject):
    """Keeps this seat's presence row fresh while someone is signed in (services/presence.py)."""

    def __init__(self, ctx, live_updates: LiveUpdates, parent=None) -> None:
        super().__init__(parent)
        from ..services import presence

        self.ctx, self.live = ctx, live_updates
        self.seat = presence.seat_name()
        self._timer = QTimer(self, interval=presence.BEAT_SECONDS * 1000, timeout=self.beat)
        if ctx.drill is None:  # a drill workspace is nobody's seat
            self._timer.start()
            ctx.notifier.sig_signed_in.connect(self.beat)

    def beat(self) -> None:
        """Renew the row (nothing while the server is unreachable: the seat shows as out of touch)."""
        from ..services import presence

        actor = self.ctx.actor
        if actor is None or not self.live.connected or self.ctx.drill is not None:
            return
        presence.renew(self.ctx.store, self.seat, actor)  # unreachable: the banner says so; the next beat retries

    def leave(self) -> None:
        """Stop the heartbeat and take this seat off the presence list (not for a drill)."""
        from ..services import presence

        if self.ctx.drill is not None:
            return
        self._timer.stop()
        presence.sign_off(self.ctx.store, self.seat)  # unreachable: the row goes stale by itself


def presence_text(ctx) -> str:
    """One line for the 值班 page: who is at which seat, and seats out of touch."""
    from ..clock import format_beijing
    from ..services import presence

    with ctx.store.read() as s:
        seen = presence.seats(s, ctx.store.clock.now())
    if not seen:
        return QCoreApplication.translate("Presence", "在线席位：无")
    parts = []
    for seat in seen:
        if seat.stale:
            parts.append(QCoreApplication.translate("Presence", "%1 失去联系（最后 %2）")
                         .replace("%1", seat.seat).replace("%2", format_beijing(seat.seen_at, False)[-5:]))
        else:
            parts.append(QCoreApplication.translate("Presence", "%1 %2（%3）").replace("%1", seat.seat)
                         .replace("%2", seat.name).replace("%3", t(seat.role_label)))
    return QCoreApplication.translate("Presence", "在线席位：") + " · ".join(parts)
