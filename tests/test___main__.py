"""``python -m commanddesk``: the command line, with its exit status passed on to the shell."""

import subprocess
import sys

from commanddesk import __version__


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "commanddesk", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=60)


def test_the_module_runs_the_command_line():
    """--version answers with the package's version and exit status 0."""
    r = _run("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"commanddesk {__version__}" and r.stderr == ""


def test_bad_input_is_exit_2_and_one_chinese_line():
    """An unknown command reaches the shell as status 2 with one Chinese line on stderr and nothing on stdout."""
    r = _run("no-such-command")
    lines = r.stderr.strip().splitlines()
    assert r.returncode == 2 and r.stdout == ""
    assert len(lines) == 1 and lines[0].startswith("commanddesk: ") and "无效" in lines[0]
