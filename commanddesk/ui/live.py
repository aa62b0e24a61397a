"""Live updates on a PostgreSQL seat: other seats' changes re-read within a second, a lost connection said.

The listener thread (notify.Listener) hands table names to a queued Qt
signal, so views are told on the main thread. Tables heard within a short
moment are announced together, once per change key (live.keys_for), on the
app's notifier: views re-read what they show the same way as after this
seat's own actions, keeping their selection and filters and anything typed
in a box. On SQLite (one seat) nothing is started.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from .. import live, notify

GATHER_MS = 40  # one commit sends several tables; announce them together


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
        if self.ctx.store.server and self.listener is None:
            self.listener = notify.Listener(self.ctx.store.url, self._heard.emit, self._status.emit).start()
        return self

    def stop(self) -> None:
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
