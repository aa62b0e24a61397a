"""The command line: screenshot mode, no-display message, bad arguments."""

import os
import subprocess
import sys

from PySide6.QtGui import QImage


def _run(args, env_extra=None, drop=()):
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "commanddesk", *args], capture_output=True,
                          text=True, env=env, timeout=120)


def test_screenshot_mode(tmp_path):
    """--demo --screenshot renders the page at the asked size, headless."""
    out = tmp_path / "teams.png"
    r = _run(["--demo", "--screenshot", str(out), "--page", "teams", "--size", "1366x768"])
    assert r.returncode == 0, r.stderr
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1366, 768)
    colours = {img.pixel(x, y) for x in range(0, 1366, 37) for y in range(0, 768, 29)}
    assert len(colours) > 5  # not a blank image


def test_no_display_says_so_in_one_line():
    """Without a display the app prints one line pointing to the headless mode."""
    r = _run(["--demo"], drop=("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))
    assert r.returncode == 3
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "没有图形显示" in lines[0] and "--screenshot" in lines[0]


def test_bad_arguments_get_one_message():
    """A malformed size is refused with status 2 and a Chinese message."""
    r = _run(["--screenshot", "x.png", "--size", "big"])
    assert r.returncode == 2 and "尺寸格式" in r.stderr
    r = _run(["--screenshot", "x.png", "--size", "99999x99999"])  # used to crash Qt (segfault)
    assert r.returncode == 2 and "截图尺寸应在" in r.stderr


def test_db_in_missing_directory(tmp_path):
    """--db in a missing directory fails with one clear line."""
    r = _run(["--db", str(tmp_path / "no" / "x.sqlite"), "--screenshot", str(tmp_path / "x.png")])
    assert r.returncode == 2 and "目录不存在" in r.stderr


def test_version():
    """--version prints the version."""
    r = _run(["--version"])
    assert r.returncode == 0 and r.stdout.startswith("commanddesk ")
