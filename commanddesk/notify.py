"""Change notification between seats on PostgreSQL (LISTEN/NOTIFY), free of Qt.

Writers: ``install(sessionmaker)`` makes every flush on PostgreSQL send
``pg_notify('commanddesk', <table>)`` once per changed table. NOTIFY is
transactional, so other seats hear of a change only when it commits, and a
rolled-back action is never announced.

Readers: ``Listener(url, on_change)`` runs a daemon thread with its own
connection that LISTENs and calls ``on_change(frozenset of table names)`` for
each batch of notifications. The callback runs on the listener thread: a Qt
seat forwards it with a queued signal. When the connection is lost the
listener calls ``on_status(False)``, retries with back-off (*retry_seconds*,
doubling up to *max_retry_seconds*), and on reconnecting
calls ``on_status(True)`` and then ``on_change({ALL})``: notifications sent
while it was away are not replayed, so the seat re-reads everything.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from sqlalchemy import event, text
from sqlalchemy.orm import Session, sessionmaker

CHANNEL = "commanddesk"
ALL = "*"  # "re-read everything" (after a reconnect)


def _changed_tables(session: Session) -> set[str]:
    out = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        table = getattr(obj, "__tablename__", None)
        if table and getattr(obj, "__notified__", True):  # a heartbeat (seat_presence) is not announced
            out.add(table)
    return out


def _before_flush(session: Session, _ctx, _instances) -> None:
    if session.get_bind().dialect.name != "postgresql":
        return
    pending = session.info.setdefault("_notify_tables", set())
    pending |= _changed_tables(session)


def _after_flush(session: Session, _ctx) -> None:
    tables = session.info.pop("_notify_tables", None)
    if not tables:
        return
    conn = session.connection()
    for table in sorted(tables):  # delivered at commit; PostgreSQL folds duplicates in one transaction
        conn.execute(text("SELECT pg_notify(:c, :t)"), {"c": CHANNEL, "t": table})


def install(factory: sessionmaker) -> None:
    """Make every session from *factory* announce the tables it changes (PostgreSQL only)."""
    if not event.contains(factory, "before_flush", _before_flush):
        event.listen(factory, "before_flush", _before_flush)
    if not event.contains(factory, "after_flush", _after_flush):
        event.listen(factory, "after_flush", _after_flush)


def announce(conn, *tables: str) -> None:
    """Announce changes made without the ORM (e.g. bulk SQL) on *conn*."""
    for table in tables:
        conn.execute(text("SELECT pg_notify(:c, :t)"), {"c": CHANNEL, "t": table})


def _libpq_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    u = make_url(url)
    return u.set(drivername="postgresql").render_as_string(hide_password=False)


class Backoff:
    """Waits between reconnection attempts: *first*, doubling up to *most*; back to *first* once connected."""

    def __init__(self, first: float = 0.5, most: float = 10.0) -> None:
        self.first, self.most = first, most
        self._next = first

    def next(self) -> float:
        """The wait before the next reconnect, doubling up to the limit."""
        wait = self._next
        self._next = min(self._next * 2, self.most)
        return wait

    def reset(self) -> None:
        """Start again from the shortest wait (after a connection held)."""
        self._next = self.first


class Listener:
    """A thread that hears which tables other seats changed."""

    def __init__(self, url: str, on_change: Callable[[frozenset[str]], None],
                 on_status: Callable[[bool], None] | None = None, retry_seconds: float = 0.5,
                 max_retry_seconds: float = 10.0) -> None:

        self.url = _libpq_url(url)
        self.on_change = on_change
        self.on_status = on_status or (lambda _up: None)
        self.backoff = Backoff(retry_seconds, max(retry_seconds, max_retry_seconds))
        self.connected = threading.Event()
        self._stop = threading.Event()
        self._conn = None
        self._thread = threading.Thread(target=self._run, name="commanddesk-listener", daemon=True)

    def start(self) -> Listener:
        """Start listening on its own thread; returns the listener."""
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the thread to stop and wait for it (at most *timeout* seconds)."""
        self._stop.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        import psycopg

        first = True
        while not self._stop.is_set():
            try:
                with psycopg.connect(self.url, autocommit=True, connect_timeout=3) as conn:
                    self._conn = conn
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.connected.set()
                    self.backoff.reset()
                    self.on_status(True)
                    if not first:
                        self.on_change(frozenset({ALL}))  # missed notifications are not replayed
                    first = False
                    while not self._stop.is_set() and not conn.closed:
                        for n in conn.notifies(timeout=0.25):  # each as it comes: no batching delay
                            self.on_change(frozenset({n.payload}))
                            if self._stop.is_set():
                                break
            except psycopg.Error:
                pass
            finally:
                self._conn = None
            if self.connected.is_set():
                self.connected.clear()
                self.on_status(False)
            if not self._stop.is_set():
                self._stop.wait(self.backoff.next())
