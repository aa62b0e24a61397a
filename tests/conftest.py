"""Shared fixtures. Qt runs offscreen; every test gets its own store and clock."""

from __future__ import annotations

import os
import shutil
from datetime import datetime

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# QtWebEngine (the map) reads its flags and URL schemes once, before the QApplication exists.
from commanddesk.map import register_schemes  # noqa: E402

register_schemes()

from commanddesk.clock import BEIJING, FixedClock  # noqa: E402
from commanddesk.services import accounts, demo  # noqa: E402
from commanddesk.store import open_store  # noqa: E402

# A cheap PIN hash for accounts made in tests (the real cost is tested on its own).
FAST_N = 2**4


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path_factory, monkeypatch):
    """Keep platformdirs' user directories inside the test's temporary area."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(_shared_cache()))
    # audit keys and anchors: shared like the cache, so copies of the demo template find their key
    monkeypatch.setenv("XDG_CONFIG_HOME", str(_shared_cache()) + "-config")
    from commanddesk import paths

    monkeypatch.setattr(paths, "_DIRS", paths.PlatformDirs("commanddesk", appauthor=False))


@pytest.fixture(autouse=True)
def _no_idle_lock(monkeypatch):
    """Tests jump the injected clock by minutes or hours between keystrokes; the seat lock would cover the
    window there. Off unless a test asks for it (tests/ui/test_idle_lock.py puts the real default back)."""
    from commanddesk.services import settings

    monkeypatch.setitem(settings.DEFAULTS, "idle_lock_minutes", "0")


@pytest.fixture(autouse=True)
def _no_passphrase(monkeypatch):
    """Each test starts with no store passphrase in the process (the CLI and the app set one)."""
    from commanddesk import cipher

    monkeypatch.delenv(cipher.PASSPHRASE_ENV, raising=False)
    cipher.set_passphrase(None)
    yield
    cipher.set_passphrase(None)


_CACHE: list = []


def _shared_cache():
    """One cache directory for the whole run, so the demo template is built once."""
    if not _CACHE:
        import tempfile

        _CACHE.append(tempfile.mkdtemp(prefix="cd-cache-"))
    return _CACHE[0]


@pytest.fixture
def clock() -> FixedClock:
    """A clock stopped at 2026-11-23 22:00:00 Beijing time."""
    return FixedClock(datetime(2026, 11, 23, 22, 0, 0, tzinfo=BEIJING))


@pytest.fixture
def backend() -> str:
    """Which database the ``store`` fixture opens; tests/services and tests/models run both."""
    return "sqlite"


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL server for the whole run (skips, saying why, when none can be had)."""
    from tests.pg import PgServer, Unavailable

    server = PgServer()
    try:
        server.start()
    except Unavailable as exc:
        server.stop()
        pytest.skip(f"PostgreSQL 不可用，跳过 PostgreSQL 测试：{exc}")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server):
    """A migrated, empty commanddesk database to copy for each test (name of the template)."""
    from commanddesk import paths

    with pytest.MonkeyPatch.context() as mp:  # its audit key goes where the tests' stores look for it
        mp.setenv("XDG_CONFIG_HOME", str(_shared_cache()) + "-config")
        mp.setattr(paths, "_DIRS", paths.PlatformDirs("commanddesk", appauthor=False))
        url = pg_server.create_database(prefix="cd_template_")
        open_store(url).close()
    return url.rsplit("/", 1)[1]


@pytest.fixture
def pg_url(pg_server, pg_template):
    """The URL of a fresh, migrated PostgreSQL database of this test's own (dropped afterwards)."""
    url = pg_server.take(pg_template)
    yield url
    pg_server.drop_database(url)


@pytest.fixture
def store(request, backend, tmp_path, clock):
    """An empty store (SQLite on disk, or PostgreSQL), with one account per role, nobody signed in."""
    where = request.getfixturevalue("pg_url") if backend == "postgresql" else tmp_path / "test.sqlite"
    s = open_store(where, clock)
    with s.transaction() as session:
        for name, role in (("值班员甲", "duty_officer"), ("领导乙", "shift_leader"),
                           ("导调丙", "trainer"), ("管理员丁", "admin")):
            accounts.create_operator(session, name, role, "123456", check=False, n=FAST_N)
    yield s
    s.close()


def sign_in(store, name: str, pin: str = "123456"):
    """Sign *name* in on *store* and return the actor."""
    with store.transaction() as session:
        store.actor = accounts.sign_in(session, name, pin)
    return store.actor


@pytest.fixture
def officer(store):
    """The store with the duty officer signed in."""
    return sign_in(store, "值班员甲")


@pytest.fixture(scope="session")
def demo_template():
    """The demo database, built once per run in the run's own cache (never the user's)."""
    from commanddesk import paths

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(_shared_cache()))
        mp.setenv("XDG_CONFIG_HOME", str(_shared_cache()) + "-config")
        mp.setattr(paths, "_DIRS", paths.PlatformDirs("commanddesk", appauthor=False))
        return demo.template()


@pytest.fixture
def demo_store(tmp_path, clock, demo_template):
    """A private copy of the demo database with the demo duty officer signed in."""
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, path)
    s = open_store(path, clock)
    sign_in(s, demo.DEMO_OFFICER, "111111")
    yield s
    s.close()


@pytest.fixture(scope="session", autouse=True)
def _delete_windows_before_exit():
    """Delete every top-level widget (and with it any web page) before Qt shuts down.

    A QWebEnginePage still alive when the QApplication is destroyed makes
    QtWebEngine crash at interpreter exit; this runs first.
    """
    yield
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    for widget in app.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()


@pytest.fixture(autouse=True)
def _the_apps_own_look(request):
    """Widgets are tested in the look the app starts with (Fusion, the day palette, normal type), whatever a
    previous test switched to — not in Qt's bare default, which is narrower than what users see."""
    if not {"qapp", "qtbot", "window"} & set(request.fixturenames):
        yield
        return
    request.getfixturevalue("qapp")
    from commanddesk.ui import theme

    theme.apply("day", False)
    yield
