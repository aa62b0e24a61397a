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


# Every shared library Qt's xcb platform plugin needs beyond what the offscreen set already
# brings (ldd on plugins/platforms/libqxcb.so, lib/libQt6XcbQpa.so.6, plugins/xcbglintegrations
# of PySide6 6.11.3). The Makefile's XCB_PKGS installs the Debian package of each one.
XCB_SONAMES = (
    "libX11.so.6", "libX11-xcb.so.1", "libxcb.so.1", "libxcb-cursor.so.0", "libxcb-glx.so.0",
    "libxcb-icccm.so.4", "libxcb-image.so.0", "libxcb-keysyms.so.1", "libxcb-randr.so.0",
    "libxcb-render.so.0", "libxcb-render-util.so.0", "libxcb-shape.so.0", "libxcb-shm.so.0",
    "libxcb-sync.so.1", "libxcb-util.so.1", "libxcb-xfixes.so.0", "libxcb-xinerama.so.0",
    "libxcb-xkb.so.1", "libxkbcommon-x11.so.0",
)
EXIT_NO_DISPLAY = 3
EXIT_MISSING_LIBS = 4


def debian_package(soname: str) -> str:
    """The Debian package that ships *soname* by Debian's library naming rule.

    ``libxcb-icccm.so.4`` → ``libxcb-icccm4``; ``libxkbcommon-x11.so.0`` → ``libxkbcommon-x11-0``
    (a dash when the name itself ends in a digit); ``libX11.so.6`` → ``libx11-6``.
    """
    stem, _, version = soname.partition(".so")
    version = version.lstrip(".").split(".")[0]
    stem = stem.lower().replace("_", "-")
    return stem + ("-" if version and stem[-1].isdigit() else "") + version


def _xcb_wanted(env) -> bool:
    """Whether Qt will try its xcb plugin: asked for, or the default on an X display."""
    platform = (env.get("QT_QPA_PLATFORM") or "").split(";")[0].split(":")[0].strip()
    if platform:
        return platform == "xcb"
    if not env.get("DISPLAY"):
        return False
    wayland = env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE") == "wayland"
    return not wayland  # a Wayland session uses Qt's wayland plugin first


def missing_xcb_libs(sonames=None, plugin: Path | None = None) -> list[str]:
    """The sonames among *sonames* the dynamic loader cannot find (then *plugin*'s own first miss).

    Loading each library by name is what Qt's loader will do a moment later; a missing one
    makes Qt abort (exit 134) with a message that names the wrong package.
    """
    import ctypes
    import re

    missing = []
    for name in XCB_SONAMES if sonames is None else sonames:
        try:
            ctypes.CDLL(name)
        except OSError:
            missing.append(name)
    if not missing and plugin is not None and plugin.is_file():
        try:
            ctypes.CDLL(str(plugin))
        except OSError as exc:  # a library the list above does not know
            found = re.search(r"([\w.+-]+\.so[.\d]*): cannot open", str(exc))
            missing.append(found.group(1) if found else str(exc))
    return missing


def xcb_problem(env=None, sonames=None, plugin: Path | None = None) -> str | None:
    """One Chinese line naming the libraries the xcb plugin lacks and how to install them; None if fine."""
    env = os.environ if env is None else env
    if not sys.platform.startswith("linux") or not _xcb_wanted(env):
        return None
    if plugin is None:
        plugin = _qxcb_plugin()
    missing = missing_xcb_libs(sonames, plugin)
    if not missing:
        return None
    packages = " ".join(dict.fromkeys(debian_package(m) for m in missing if ".so" in m))
    return (f"commanddesk: 无法加载 Qt 的 xcb 图形平台插件，缺少系统库 {'、'.join(missing)}。"
            f"请安装：sudo apt-get install {packages}（或运行 make run，它会安装全部依赖）")


def _qxcb_plugin() -> Path | None:
    try:  # PySide6's package folder, found without importing Qt
        import importlib.util

        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]) / "Qt" / "plugins" / "platforms" / "libqxcb.so"


LANGUAGES = {"zh": "中文", "en": "English"}
TRANSLATIONS = Path(__file__).parent / "data" / "i18n"


def install_translations(app, lang: str = "zh") -> list:
    """Load the interface texts for *lang*; return the translators (loaded once per app).

    Chinese (the default): the app's own texts are Chinese; Qt's Chinese texts are loaded for
    OK/Cancel, file dialogs and context menus. English: the app's English translation
    (data/i18n/commanddesk_en.qm); Qt's own texts are English already.
    """
    from PySide6.QtCore import QLibraryInfo, QTranslator

    loaded = getattr(app, "_cd_translators", None)
    if loaded is not None:
        return loaded
    loaded = []
    if lang == "en":
        wanted = [("commanddesk_en", str(TRANSLATIONS))]
    else:
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        wanted = [("qtbase_zh_CN", folder), ("qtwebengine_zh_CN", folder)]
    for name, folder in wanted:
        tr = QTranslator(app)
        if tr.load(name, folder):
            app.installTranslator(tr)
            loaded.append(tr)
    app._cd_translators = loaded
    app._cd_language = lang
    return loaded


def saved_language() -> str:
    """The interface language chosen in 视图 → 语言 (Chinese until someone chooses otherwise)."""
    from PySide6.QtCore import QSettings

    from . import paths

    value = str(QSettings(str(paths.data_dir() / "layout.ini"), QSettings.Format.IniFormat).value("look/lang", "zh"))
    return value if value in LANGUAGES else "zh"


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

    from .store import is_url

    if demo:
        copy = demo_data.fresh_copy()
        return copy, copy
    if is_url(db):  # a PostgreSQL database (postgresql://…): the URL itself
        return db, None
    return (Path(db) if db else paths.default_db()), None


def unlock_store(path) -> bool:
    """An encrypted store's passphrase, asked until it opens the file (True) or the operator quits (False).

    A passphrase given by COMMANDDESK_PASSPHRASE or --passphrase-file is tried first; a plain
    store, a new file or a server asks nothing. A wrong passphrase changes nothing in the file.
    """
    from . import cipher

    if not isinstance(path, Path) or not cipher.is_encrypted(path):
        return True
    if not cipher.available():  # said by the caller's message box, exit status 2
        cipher.dbapi(path)
    problem = ""
    given = cipher.passphrase()
    if given is not None:
        try:
            cipher.probe(path, given)
            return True
        except UserError as exc:
            problem = exc.message
            cipher.set_passphrase(None)

    def check(text: str) -> None:
        cipher.probe(path, text)
        cipher.set_passphrase(text)

    from .ui.backups import RestoreOffer, offer_restore, restorable
    from .ui.passphrase import PassphraseDialog

    can_restore = restorable(path)
    answer = PassphraseDialog(str(path), check, problem=problem, restorable=can_restore).exec()
    if answer == PassphraseDialog.RESTORE:  # the file may be damaged rather than encrypted (#20)
        from PySide6.QtCore import QCoreApplication

        why = QCoreApplication.translate("BackupsTab", "用口令打不开，文件可能已损坏")
        answer = offer_restore(path, why, SystemClock())
        if answer == RestoreOffer.OTHER:
            _start_again(restart_command(sys.argv, sys.executable, getattr(sys, "frozen", False)))
        if answer != 1:
            return False
        return unlock_store(path)  # the restored file: plain, or encrypted with the passphrase just given
    return bool(answer)


def quick_accounts(path: Path) -> list[tuple[str, str]] | None:
    """Who may sign in, read with plain sqlite3 so the window can appear before the ORM loads.

    None when the file is missing, not at the current schema, or has no
    accounts: then the store is opened first, as usual, and says what is wrong.
    """
    from . import cipher, migrations
    from .catalogues import catalogue

    if isinstance(path, str) and "://" in path:
        return _quick_server_accounts(path)
    if not isinstance(path, Path) or not path.is_file() or path.stat().st_size == 0:
        return None
    try:
        conn = cipher.connect(path, read_only=True, timeout=1)  # an encrypted store with the passphrase just given
        try:
            if conn.execute("SELECT version_num FROM alembic_version").fetchone() != (migrations.HEAD,):
                return None
            rows = conn.execute("SELECT name, role FROM operator WHERE active = 1 ORDER BY id").fetchall()
        finally:
            conn.close()
    except (UserError, *cipher.errors()):
        return None
    roles = catalogue("operator_role")
    return [(name, roles.get(role, role)) for name, role in rows] or None


def _load_driver() -> None:
    try:
        import psycopg  # noqa: F401 - imported for later: the sign-in list and the store need it
    except ImportError:
        pass  # opening the store says so


def _quick_server_accounts(url: str) -> list[tuple[str, str]] | None:
    """The same list from a PostgreSQL server, read with plain psycopg (no SQLAlchemy, no models yet).

    None when the server cannot be reached or refuses, or the database is not at the current schema:
    then opening the store says what is wrong.
    """
    from . import migrations
    from .catalogues import catalogue

    try:
        import psycopg
    except ImportError:
        return None
    dsn = url
    for prefix in ("postgresql+psycopg://", "postgres://"):
        if dsn.startswith(prefix):
            dsn = "postgresql://" + dsn[len(prefix):]
    try:
        with psycopg.connect(dsn, connect_timeout=3, autocommit=True) as conn:
            if conn.execute("SELECT to_regclass('alembic_version') IS NOT NULL").fetchone() != (True,):
                return None
            if conn.execute("SELECT version_num FROM alembic_version").fetchone() != (migrations.HEAD,):
                return None
            rows = conn.execute("SELECT name, role FROM operator WHERE active ORDER BY id").fetchall()
    except (psycopg.Error, ValueError):
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
    from .services import store_choice

    setting_problem = None
    try:  # no --db and no --demo: the store this machine is set to (设置 → 连接数据库…, or db use)
        args.db = store_choice.target(args.db, args.demo)
    except UserError as exc:
        setting_problem = exc  # said in a message box once Qt is up
    if isinstance(args.db, str) and "://" in args.db:  # the server's driver loads while Qt starts (~0.3 s)
        import threading

        threading.Thread(target=_load_driver, name="load-psycopg", daemon=True).start()
    if not has_display():
        if not screenshot:
            print(NO_DISPLAY, file=sys.stderr)
            return EXIT_NO_DISPLAY
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    problem = None if screenshot else xcb_problem()
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_MISSING_LIBS

    from .map import register_schemes

    register_schemes()  # the offline map's app:// and tiles:// schemes must exist before QApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("commanddesk")
    app.setApplicationDisplayName("commanddesk")
    install_translations(app, getattr(args, "lang", None) or ("zh" if screenshot else saved_language()))
    from .ui import dialogs

    dialogs.install(app)  # every dialog: fitted to its content, Ctrl+Enter confirms
    from .ui import theme

    saved_look, saved_large = ("day", False) if screenshot else theme.saved()  # screenshots: as asked only
    theme.apply(getattr(args, "theme", None) or saved_look, getattr(args, "large_type", False) or saved_large)
    from PySide6.QtGui import QIcon

    from .paths import PACKAGE_DATA

    app.setWindowIcon(QIcon(str(PACKAGE_DATA / "icons" / "commanddesk.png")))
    early, demo_copy = None, None
    try:
        if setting_problem is not None:
            raise setting_problem
        path, demo_copy = store_path(args.db, args.demo)
        if not screenshot and not unlock_store(path):
            return 0  # the operator left the passphrase prompt: nothing was opened
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

        try:
            store = open_store(path, SystemClock())
        except UserError as exc:  # a bad store: a shift leader or administrator may restore a backup
            from .ui.backups import RestoreOffer, offer_restore

            if screenshot or demo_copy is not None or not isinstance(path, Path):
                raise  # said in the message box below
            if early is not None:
                early.close()
                early = None
            print(f"commanddesk: {exc.message}", file=sys.stderr)
            answer = offer_restore(path, exc.message, SystemClock())  # its backups, or another store
            if answer == RestoreOffer.OTHER:
                _start_again(restart_command(sys.argv, sys.executable, getattr(sys, "frozen", False)))
                return 0
            if answer != 1:
                return 2
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
        status = _run_with_store(app, store, args, screenshot, early)
    finally:
        store.close()
        if demo_copy is not None:
            from .services import demo as demo_data

            demo_data.discard(demo_copy)
    if getattr(app, "_cd_restore", None) is not None:  # 设置 → 备份与恢复 asked for a restore: the store is closed now
        from .ui.backups import finish_restore

        finish_restore(app, path, SystemClock())
        _start_again(same_command(sys.argv, sys.executable, getattr(sys, "frozen", False)))  # the same store
        return status
    if app.property("cd_restart"):  # 设置 → 连接数据库… saved another store: start again on it
        import subprocess

        subprocess.Popen(restart_command(sys.argv, sys.executable, getattr(sys, "frozen", False)),
                         start_new_session=True)
    return status


def restart_command(argv: list[str], executable: str, frozen: bool) -> list[str]:
    """The command that starts this app again without its --db/--demo (so the machine's setting is read)."""
    rest, skip = [], False
    for word in argv[1:]:
        if skip:
            skip = False
        elif word == "--db":
            skip = True
        elif not (word == "--demo" or word.startswith("--db=")):
            rest.append(word)
    return [executable, *rest] if frozen else [executable, "-m", "commanddesk", *rest]


def _start_again(command: list[str]) -> None:
    """Start a new commanddesk process (this one is about to end)."""
    import subprocess

    subprocess.Popen(command, start_new_session=True)


def same_command(argv: list[str], executable: str, frozen: bool) -> list[str]:
    """The command that starts this app again as it was started (after a restore: the same store)."""
    return [executable, *argv[1:]] if frozen else [executable, "-m", "commanddesk", *argv[1:]]


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
    if os.environ.get("COMMANDDESK_BENCH"):
        return _bench_startup(app, ctx, dialog, stage=args.demo)
    if args.demo:  # live demo incidents are staged while the operator types the PIN
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, lambda: demo_data.stage_incidents(store))
    if not dialog.exec():
        return 0
    from .ui.main_window import MainWindow  # imported after sign-in: the dialog appears sooner

    window = MainWindow(ctx)
    window.show_for_operator()  # maximised the first time; then as this operator left it
    return app.exec()


def _bench_startup(app, ctx, dialog, stage: bool = True) -> int:
    """For benchmarks/run.py and benchmarks/scale_startup.py: print when each window is up, then quit
    (the demo officer signs in: a demo store, or the ten-year one made from it)."""
    import time

    from .ui.main_window import MainWindow

    if not dialog.isVisible():
        dialog.show()
        app.processEvents()
        print(f"signin_shown {time.time():.4f}", flush=True)
    dialog.close()
    from .services import demo as demo_data

    if stage:
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

    from .services import accounts
    from .services.demo import DEMO_DIR, DEMO_OFFICER

    with open(DEMO_DIR / "operators.csv", encoding="utf-8") as fh:
        pin = next(r["pin"] for r in csv.DictReader(fh) if r["name"] == DEMO_OFFICER)
    with store.transaction() as s:
        store.actor = accounts.sign_in(s, DEMO_OFFICER, pin)
