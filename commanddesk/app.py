"""Wires the desktop app together once: Qt, the store, sign-in, the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from typing import TYPE_CHECKING

from .clock import SystemClock
from .errors import UserError

if TYPE_CHECKING:  # SQLAlchemy is imported after the sign-in window is up
    from .store import Store

NO_DISPLAY = ("commanddesk: 没有图形显示（未设置 DISPLAY/WAYLAND_DISPLAY）。无界面可用："
              "commanddesk --demo --screenshot 输出.png [--page teams] [--size 1366x768]，"
              "或设置 QT_QPA_PLATFORM=offscreen；审计校验：commanddesk audit verify")


def has_display() -> bool:
    """Whether a window could be shown (or an explicit Qt platform was chosen)."""
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                    or os.environ.get("QT_QPA_PLATFORM"))
    return True


def store_path(db: str | None, demo: bool) -> tuple[Path, Path | None]:
    """The database file the command line asks for, and a demo copy to discard at exit."""
    from . import paths
    from .services import demo as demo_data

    if demo:
        copy = demo_data.fresh_copy()
        return copy, copy
    return (Path(db) if db else paths.default_db()), None


def open_for_args(db: str | None, demo: bool) -> tuple[Store, Path | None]:
    """Open the store the command line asked for; return it and a demo copy to discard."""
    from .store import open_store

    path, copy = store_path(db, demo)
    return open_store(path, SystemClock()), copy


def quick_accounts(path: Path) -> list[tuple[str, str]] | None:
    """Who may sign in, read with plain sqlite3 so the window can appear before the ORM loads.

    None when the file is missing, not at the current schema, or has no
    accounts: then the store is opened first, as usual, and says what is wrong.
    """
    import sqlite3

    from . import migrations
    from .catalogues import catalogue

    if not path.is_file() or path.stat().st_size == 0:
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
        try:
            if conn.execute("SELECT version_num FROM alembic_version").fetchone() != (migrations.HEAD,):
                return None
            rows = conn.execute("SELECT name, role FROM operator WHERE active = 1 ORDER BY id").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    roles = catalogue("operator_role")
    return [(name, roles.get(role, role)) for name, role in rows] or None


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
    early, demo_copy = None, None
    try:
        path, demo_copy = store_path(args.db, args.demo)
        accounts = None if screenshot else quick_accounts(path)
        if accounts is not None:  # show the sign-in window first; load the ORM behind it
            from .ui.signin import SignInDialog

            early = SignInDialog(None, accounts=accounts, demo=args.demo)
            early.show()
            app.processEvents()
            if os.environ.get("COMMANDDESK_BENCH"):
                import time

                print(f"signin_shown {time.time():.4f}", flush=True)
        from .store import open_store

        store = open_store(path, SystemClock())
    except UserError as exc:
        print(f"commanddesk: {exc.message}", file=sys.stderr)
        if early is not None:
            early.close()
        if not screenshot:
            QMessageBox.critical(None, "commanddesk", exc.message)
        if demo_copy is not None:
            from .services import demo as demo_data

            demo_data.discard(demo_copy)
        return 2
    try:
        return _run_with_store(app, store, args, screenshot, early)
    finally:
        store.close()
        if demo_copy is not None:
            from .services import demo as demo_data

            demo_data.discard(demo_copy)


def _run_with_store(app, store: Store, args, screenshot: str | None, early=None) -> int:
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
    if early is not None:
        dialog = early
        dialog.attach(ctx)
    else:
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

    if not dialog.isVisible():
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
