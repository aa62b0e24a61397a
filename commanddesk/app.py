"""Wires the desktop app together once: Qt, the store, sign-in, the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .clock import SystemClock
from .errors import UserError
from .store import Store, open_store

NO_DISPLAY = ("commanddesk: 没有图形显示（未设置 DISPLAY/WAYLAND_DISPLAY）。无界面可用："
              "commanddesk --demo --screenshot 输出.png [--page teams] [--size 1366x768]，"
              "或设置 QT_QPA_PLATFORM=offscreen；审计校验：commanddesk audit verify")


def has_display() -> bool:
    """Whether a window could be shown (or an explicit Qt platform was chosen)."""
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                    or os.environ.get("QT_QPA_PLATFORM"))
    return True


def open_for_args(db: str | None, demo: bool) -> tuple[Store, Path | None]:
    """Open the store the command line asked for; return it and a demo copy to discard."""
    from . import paths
    from .services import demo as demo_data

    if demo:
        copy = demo_data.fresh_copy()
        return open_store(copy, SystemClock()), copy
    return open_store(Path(db) if db else paths.default_db(), SystemClock()), None


def ensure_admin(store: Store) -> bool:
    """Whether the store has any account (a new store needs a first administrator)."""
    from sqlalchemy import func, select

    from .models import Operator

    with store.read() as s:
        return bool(s.scalar(select(func.count(Operator.id))))


def run(args) -> int:
    """Run the interactive app or the screenshot mode; return the exit status."""
    screenshot = getattr(args, "screenshot", None)
    if not has_display():
        if not screenshot:
            print(NO_DISPLAY, file=sys.stderr)
            return 3
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from .map import register_schemes

    register_schemes()  # the offline map's app:// and tiles:// schemes must exist before QApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("commanddesk")
    app.setApplicationDisplayName("commanddesk")
    from PySide6.QtGui import QIcon

    from .paths import PACKAGE_DATA

    app.setWindowIcon(QIcon(str(PACKAGE_DATA / "icons" / "commanddesk.png")))
    try:
        store, demo_copy = open_for_args(args.db, args.demo)
    except UserError as exc:
        print(f"commanddesk: {exc.message}", file=sys.stderr)
        if not screenshot:
            QMessageBox.critical(None, "commanddesk", exc.message)
        return 2
    try:
        return _run_with_store(app, store, args, screenshot)
    finally:
        store.close()
        if demo_copy is not None:
            from .services import demo as demo_data

            demo_data.discard(demo_copy)


def _run_with_store(app, store: Store, args, screenshot: str | None) -> int:
    from .ui.context import AppContext
    from .ui.crash import install_excepthook
    from .ui.signin import SignInDialog

    from .services import demo as demo_data

    ctx = AppContext(store, demo=args.demo)
    if screenshot:
        if args.demo:
            demo_data.stage_incidents(store)
            _sign_in_demo_officer(store)
        from .ui.screenshot import render

        return render(ctx, screenshot, args.page, args.size)
    install_excepthook()
    if not ensure_admin(store):
        from .ui.first_run import FirstAdminDialog

        if not FirstAdminDialog(ctx).exec():
            return 0
    dialog = SignInDialog(ctx)
    if os.environ.get("COMMANDDESK_BENCH") and args.demo:
        return _bench_startup(app, ctx, dialog)
    if args.demo:  # live demo incidents are staged while the operator types the PIN
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, lambda: demo_data.stage_incidents(store))
    if not dialog.exec():
        return 0
    from .ui.main_window import MainWindow  # imported after sign-in: the dialog appears sooner

    window = MainWindow(ctx)
    window.show()
    return app.exec()


def _bench_startup(app, ctx, dialog) -> int:
    """For benchmarks/run.py: print when each window is up, then quit."""
    import time

    from .ui.main_window import MainWindow

    dialog.show()
    app.processEvents()
    print(f"signin_shown {time.time():.4f}", flush=True)
    dialog.close()
    from .services import demo as demo_data

    demo_data.stage_incidents(ctx.store)
    _sign_in_demo_officer(ctx.store)
    window = MainWindow(ctx)
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    print(f"main_shown {time.time():.4f}", flush=True)
    return 0


def _sign_in_demo_officer(store: Store) -> None:
    import csv

    from .services import auth
    from .services.demo import DEMO_DIR, DEMO_OFFICER

    with open(DEMO_DIR / "operators.csv", encoding="utf-8") as fh:
        pin = next(r["pin"] for r in csv.DictReader(fh) if r["name"] == DEMO_OFFICER)
    with store.transaction() as s:
        store.actor = auth.sign_in(s, DEMO_OFFICER, pin)
