"""Unexpected errors: written to a rotating log and shown; the app keeps running."""

from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler

from PySide6.QtWidgets import QApplication, QMessageBox

from .. import paths
from ..errors import UserError

log = logging.getLogger("commanddesk")


def setup_logging() -> str:
    """Log to <data>/logs/commanddesk.log, 1 MB × 5 files; return the path."""
    path = paths.log_dir() / "commanddesk.log"
    if not any(isinstance(h, RotatingFileHandler) for h in log.handlers):
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return str(path)


def install_excepthook() -> None:
    """Route uncaught exceptions to the log and a dialog instead of a crash."""
    log_path = setup_logging()

    def hook(kind, value, tb) -> None:
        if isinstance(value, UserError):
            _show(QMessageBox.Icon.Warning, value.message)
            return
        log.error("未处理的异常\n%s", "".join(traceback.format_exception(kind, value, tb)))
        _show(QMessageBox.Icon.Critical,
              f"发生了意外错误：{value}\n\n已保存的数据不受影响。详细信息已写入日志：\n{log_path}")

    sys.excepthook = hook


def _show(icon: QMessageBox.Icon, text: str) -> None:
    if QApplication.instance() is None:
        print(text, file=sys.stderr)
        return
    box = QMessageBox(icon, "commanddesk", text)
    box.exec()
