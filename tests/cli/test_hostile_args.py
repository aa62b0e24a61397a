"""The red team's command-line overflow cases (#20): each refused with exit status 2 and one Chinese line on
stderr, no traceback, and the store given with --db byte-identical afterwards."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import pytest

from commanddesk.cli import main

ARGS = {
    "clocks --received 0001": ["clocks", "--kind", "accident", "--level", "2", "--received", "0001-01-01T00:00"],
    "clocks --received 9999": ["clocks", "--kind", "accident", "--level", "2", "--received", "9999-12-31T23:59"],
    "clocks --horizon 10^17": ["clocks", "--kind", "accident", "--level", "2", "--received", "2026-11-23T10:00",
                               "--horizon", "99999999999999999"],
    "plans match --measure 1.2.3": ["plans", "match", "--demo", "--type", "typhoon", "--measure", "outage_share=1.2.3"],
    "plans match --deaths 10^400": ["plans", "match", "--demo", "--type", "explosion", "--deaths", "9" * 400],
    "grade --deaths 1e309": ["grade", "--kind", "accident", "--deaths", "1e309"],
    "--size 99999x99999": ["--demo", "--screenshot", "x.png", "--size", "99999x99999"],
    "drill run --speed nan": ["drill", "run", "forest-fire-night", "--speed", "nan"],
    "intake parse --received 0001": ["intake", "parse", "今晚8点 某地起火", "--received", "0001-01-01T00:00"],
}
STORE_ARGS = {
    "stats 0001..9999": ["stats", "--from", "0001-01-01", "--to", "9999-12-31"],
    "roster show --date 9999": ["roster", "show", "--date", "9999-12-31"],
    "daily-report --date 9999": ["daily-report", "--date", "9999-12-31"],
    "map export --incident 10^40": ["map", "export", "-o", "m.html", "--incident", "9" * 40],
}


def _one_chinese_line(err: str) -> str:
    lines = [x for x in err.strip().splitlines() if x.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    assert any("\u4e00" <= c <= "\u9fff" for c in lines[0]), lines
    return lines[0]


@pytest.mark.parametrize("name", ARGS)
def test_overflowing_arguments_are_refused_in_one_chinese_line(capsys, tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_:
        raise SystemExit(main(ARGS[name]))
    assert exit_.value.code == 2
    _one_chinese_line(capsys.readouterr().err)


@pytest.mark.parametrize("name", STORE_ARGS)
def test_overflowing_arguments_leave_the_store_untouched(capsys, tmp_path, monkeypatch, store, name):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "test.sqlite"
    store.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(SystemExit) as exit_:
        raise SystemExit(main([*STORE_ARGS[name], "--db", str(path)]))
    assert exit_.value.code == 2
    _one_chinese_line(capsys.readouterr().err)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_the_segfault_case_as_a_real_process(tmp_path):
    """--size 99999x99999 used to crash Qt (SIGSEGV): the real process exits 2 before any window exists."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    p = subprocess.run([sys.executable, "-m", "commanddesk", "--demo", "--screenshot", str(tmp_path / "x.png"),
                        "--size", "99999x99999"], capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode == 2
    _one_chinese_line(p.stderr)
