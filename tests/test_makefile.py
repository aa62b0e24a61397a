"""The Makefile installs what a real desktop needs: every library of Qt's xcb plugin is in `make sysdeps`."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("make") is None, reason="make 不可用")
def test_sysdeps_installs_the_xcb_libraries_that_make_run_needs():
    from commanddesk import app

    planned = subprocess.run(["make", "-n", "sysdeps"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    packages = set(planned.split())
    wanted = {app.debian_package(soname) for soname in app.XCB_SONAMES}
    assert wanted and wanted <= packages, sorted(wanted - packages)
