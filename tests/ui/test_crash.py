"""Unexpected errors are logged and shown; the app keeps running."""

import sys

from commanddesk import paths
from commanddesk.ui import crash


def test_unexpected_error_is_logged_and_shown(qapp, monkeypatch):
    """An uncaught exception goes to the rotating log and a dialog, not a crash."""
    shown = []
    monkeypatch.setattr(crash, "_show", lambda icon, text: shown.append(text))
    old = sys.excepthook
    crash.install_excepthook()
    try:
        try:
            raise ZeroDivisionError("boom")
        except ZeroDivisionError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old
    log = (paths.log_dir() / "commanddesk.log").read_text(encoding="utf-8")
    assert "ZeroDivisionError: boom" in log and "Traceback" in log
    assert shown and "意外错误" in shown[0] and "已保存的数据不受影响" in shown[0]


def test_user_error_is_shown_plainly(qapp, monkeypatch):
    """A UserError that escapes is shown as its own message."""
    from commanddesk.errors import StoreError

    shown = []
    monkeypatch.setattr(crash, "_show", lambda icon, text: shown.append(text))
    old = sys.excepthook
    crash.install_excepthook()
    try:
        sys.excepthook(StoreError, StoreError("数据库正被另一个程序锁定"), None)
    finally:
        sys.excepthook = old
    assert shown == ["数据库正被另一个程序锁定"]
