"""Start-up of the desktop app: the xcb library check, Qt's Chinese texts, the no-display line."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from commanddesk import app

ROOT = Path(__file__).resolve().parents[1]


def test_debian_package_names_follow_debian_rule():
    assert app.debian_package("libxcb-icccm.so.4") == "libxcb-icccm4"
    assert app.debian_package("libxcb-keysyms.so.1") == "libxcb-keysyms1"
    assert app.debian_package("libxkbcommon-x11.so.0") == "libxkbcommon-x11-0"
    assert app.debian_package("libX11-xcb.so.1") == "libx11-xcb1"
    assert app.debian_package("libxcb-render-util.so.0.0.0") == "libxcb-render-util0"


def test_make_run_installs_every_library_the_start_up_check_knows():
    """The Makefile's XCB_PKGS (installed by make run) and app.XCB_SONAMES name the same packages."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    block = re.search(r"^XCB_PKGS := (.*?)(?<!\\)\n", text, re.S | re.M).group(1)
    packages = set(block.replace("\\\n", " ").split())
    assert packages == {app.debian_package(s) for s in app.XCB_SONAMES}
    apt = re.search(r"^APT_PKGS := (.*?)(?<!\\)\n", text, re.S | re.M).group(1)
    assert "$(XCB_PKGS)" in apt
    run = re.search(r"^run: (.*)$", text, re.M).group(1)
    assert "sysdeps" in run


def test_missing_library_is_named_with_its_package_in_one_chinese_line():
    line = app.xcb_problem({"DISPLAY": ":0"}, sonames=("libcd-not-installed.so.7", "libc.so.6"))
    assert line is not None and "\n" not in line
    assert "libcd-not-installed.so.7" in line and "apt-get install libcd-not-installed7" in line
    assert "libc.so.6" not in line  # present libraries are not blamed
    assert "缺少" in line


@pytest.mark.parametrize("env", [{}, {"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"},
                                 {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}])
def test_no_xcb_check_when_qt_will_not_use_xcb(env):
    assert app.xcb_problem(env, sonames=("libcd-not-installed.so.7",)) is None


def test_explicit_xcb_platform_is_checked_even_without_display():
    assert app.xcb_problem({"QT_QPA_PLATFORM": "xcb"}, sonames=("libcd-not-installed.so.7",)) is not None


def test_all_xcb_libraries_are_present_on_this_machine_after_make_sysdeps():
    """On a Debian machine set up by `make run` the real plugin loads (skipped elsewhere)."""
    if shutil.which("dpkg-query") is None:
        pytest.skip("not a Debian system")
    missing = app.missing_xcb_libs(plugin=app._qxcb_plugin())
    if missing:
        pytest.skip("xcb libraries not installed here (a head-less CI): " + ", ".join(missing))
    assert app.xcb_problem({"DISPLAY": ":0"}) is None


@pytest.mark.skipif(shutil.which("cc") is None, reason="needs a C compiler to build a plugin with a missing dependency")
def test_plugin_dependency_unknown_to_the_list_is_found(tmp_path):
    """A library the list does not know is still named, from the plugin's own load failure."""
    dep = tmp_path / "libcdgone.so.3"
    (tmp_path / "dep.c").write_text("int cd_gone(void) { return 3; }\n")
    (tmp_path / "plugin.c").write_text("int cd_gone(void);\nint cd_plugin(void) { return cd_gone(); }\n")
    subprocess.run(["cc", "-shared", "-fPIC", "-Wl,-soname,libcdgone.so.3", "-o", str(dep),
                    str(tmp_path / "dep.c")], check=True)
    plugin = tmp_path / "libqfake.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(plugin), str(tmp_path / "plugin.c"), str(dep)], check=True)
    dep.unlink()  # now the loader cannot find it
    line = app.xcb_problem({"DISPLAY": ":0"}, sonames=(), plugin=plugin)
    assert line is not None and "libcdgone.so.3" in line and "libcdgone3" in line


def test_run_stops_with_exit_4_and_one_line_before_qt_starts(monkeypatch, capsys):
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(app, "XCB_SONAMES", ("libcd-not-installed.so.7",))
    args = SimpleNamespace(screenshot=None, db=None, demo=True, page="duty", size=(1366, 768))
    assert app.run(args) == app.EXIT_MISSING_LIBS
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "libcd-not-installed7" in err


def test_no_display_still_says_so_in_one_line_exit_3():
    env = {k: v for k, v in __import__("os").environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "commanddesk", "--demo"], env=env, capture_output=True, text=True,
                          timeout=60, cwd=ROOT)
    assert done.returncode == 3
    assert len(done.stderr.strip().splitlines()) == 1 and "没有图形显示" in done.stderr


def test_qt_own_buttons_and_menus_read_chinese(qapp):
    from PySide6.QtWidgets import QDialogButtonBox

    translators = app.install_translations(qapp)
    try:
        assert translators, "qtbase_zh_CN.qm not found in PySide6's translations folder"
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                               | QDialogButtonBox.StandardButton.Save)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
        assert box.button(QDialogButtonBox.StandardButton.Save).text() == "保存"
        assert app.install_translations(qapp) is translators  # loaded once
    finally:
        for tr in translators:
            qapp.removeTranslator(tr)
        del qapp._cd_translators


def _app_args(db):
    return SimpleNamespace(screenshot=None, db=str(db), demo=False, page="duty", size=(1366, 768), theme=None,
                           large_type=False, lang="zh")


def test_a_store_that_cannot_be_opened_is_offered_its_backup_then_opens(qapp, store, clock, monkeypatch):
    """#20: an empty (0-byte) store with a backup: the 数据库无法打开 dialog, a shift leader's PIN checked
    against the backup, the restore, then the app goes on with the restored store."""
    from datetime import datetime

    from PySide6.QtWidgets import QMessageBox

    from commanddesk.clock import BEIJING
    from commanddesk.services import backup_auto
    from commanddesk.ui import backups

    store.close()
    assert backup_auto.make(store.path, datetime(2026, 11, 23, 8, tzinfo=BEIJING), "start", keep=3).ok
    store.path.write_bytes(b"")
    shown = []

    def answer(dialog):
        shown.append(dialog.windowTitle())
        dialog.name.setText("领导乙")
        dialog.pin.setText("123456")
        dialog.restore()
        return dialog.result()

    monkeypatch.setattr(backups.RestoreOffer, "exec", answer)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    opened = []
    monkeypatch.setattr(app, "_run_with_store", lambda _app, s, *_a, **_k: opened.append(s.path) or 0)
    assert app.run(_app_args(store.path)) == 0
    assert shown == ["数据库无法打开"] and opened == [store.path.resolve()]
    assert store.path.stat().st_size > 0
    side = [p for p in store.path.parent.glob("test.sqlite.replaced-*") if not p.name.endswith(("-wal", "-shm"))]
    assert side[0].stat().st_size == 0  # kept as it was


def test_a_store_that_cannot_be_opened_without_backups_offers_another_store(qapp, store, monkeypatch):
    """#20 ("the app still offers to open another store or restore a backup"): no backups, the same dialog
    says so and offers 连接其他数据库…; quitting it exits 2 with the file unchanged; choosing another store
    starts the app again without --db (on the store just saved for this machine)."""
    from commanddesk.ui import backups

    store.close()
    store.path.write_bytes(b"")
    seen, started = [], []

    def quit_it(dialog):
        seen.append((dialog.table.isVisibleTo(dialog), dialog.other.isVisibleTo(dialog), dialog.ok.isVisibleTo(dialog)))
        return 0

    monkeypatch.setattr(backups.RestoreOffer, "exec", quit_it)
    assert app.run(_app_args(store.path)) == 2
    assert seen == [(False, True, False)] and store.path.stat().st_size == 0
    monkeypatch.setattr(backups.RestoreOffer, "exec", lambda _d: backups.RestoreOffer.OTHER)
    monkeypatch.setattr(app, "_start_again", started.append)
    monkeypatch.setattr(sys, "argv", ["commanddesk", "--db", str(store.path), "--lang", "zh"])
    assert app.run(_app_args(store.path)) == 0
    assert started and "--db" not in started[0] and started[0][-2:] == ["--lang", "zh"]


def test_after_a_restore_the_app_starts_again_on_the_same_store():
    argv = ["/usr/bin/commanddesk", "--db", "/srv/post.sqlite", "--lang", "zh"]
    assert app.same_command(argv, "/venv/python", False) == ["/venv/python", "-m", "commanddesk", "--db",
                                                               "/srv/post.sqlite", "--lang", "zh"]
    assert app.same_command(argv, "/opt/commanddesk/commanddesk", True)[1:3] == ["--db", "/srv/post.sqlite"]
    assert "--db" not in app.restart_command(argv, "/venv/python", False)  # 连接数据库… drops it, a restore not


def test_a_restore_asked_on_the_settings_page_runs_once_the_store_is_closed(qapp, store, clock, monkeypatch):
    from datetime import datetime

    from PySide6.QtWidgets import QMessageBox

    from commanddesk.clock import BEIJING
    from commanddesk.services import backup_auto
    from commanddesk.services.auth import Actor, Role

    out = backup_auto.make(store.path, datetime(2026, 11, 23, 8, tzinfo=BEIJING), "daily", keep=3)
    store.close()

    def window(qt_app, opened, *_a, **_k):  # the leader chose 从所选备份恢复… and the window closed
        qt_app._cd_restore = (out.path, Actor(2, "领导乙", Role.SHIFT_LEADER))
        return 0

    said, started = [], []
    monkeypatch.setattr(app, "_run_with_store", window)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    monkeypatch.setattr(app, "_start_again", started.append)
    monkeypatch.setattr(sys, "argv", ["commanddesk", "--db", str(store.path)])
    assert app.run(_app_args(store.path)) == 0
    assert "已从备份恢复" in said[0] and started[0][-2:] == ["--db", str(store.path)]
    assert [b.kind for b in backup_auto.list_backups(store.path)].count("replaced") == 1
