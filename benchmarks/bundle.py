"""Benchmark of the built bundle (make bundle first; not part of the test suite).

    .venv/bin/python benchmarks/bundle.py [dist/commanddesk] [--runs 5]

1. Size: the unpacked folder, and the archives in dist/ if they were made.
2. Start-up of the frozen app, warm (after one run that fills the page cache and
   builds the demo template): ``commanddesk --demo`` with COMMANDDESK_BENCH=1,
   which prints ``signin_shown <epoch>`` when the sign-in dialog is up and
   ``main_shown <epoch>`` when the main window is (see ``_bench_startup`` in
   commanddesk/app.py); both are measured from just before the process starts.
   The sign-in dialog is the first interactive window; the target is < 1.0 s.
3. ``--version`` and ``--demo --screenshot --page map`` as whole processes.

Runs offscreen in private XDG directories. Any Python 3.9+ will do.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _stats(values: list[float]) -> str:
    return f"median {statistics.median(values):.3f} s (min {min(values):.3f}, max {max(values):.3f})"


def _size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", default=str(ROOT / "dist" / "commanddesk"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    folder = Path(args.bundle).resolve()
    exe = folder / ("commanddesk.exe" if sys.platform.startswith("win") else "commanddesk")
    if not exe.is_file():
        print(f"no bundle at {exe}: run make bundle", file=sys.stderr)
        return 2

    size = _size(folder)
    print(f"unpacked: {size / 1e6:.1f} MB ({size / 2**20:.1f} MiB)  {folder}")
    for archive in sorted(folder.parent.glob("commanddesk-*.*")):
        if archive.suffix in (".gz", ".xz", ".zip"):
            n = archive.stat().st_size
            print(f"packed:   {n / 1e6:.1f} MB ({n / 2**20:.1f} MiB)  {archive.name}")

    with tempfile.TemporaryDirectory(prefix="cd-bench-") as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("COMMANDDESK_")}
        env["QT_QPA_PLATFORM"] = "offscreen"
        for name in ("DATA", "CACHE", "CONFIG"):
            env[f"XDG_{name}_HOME"] = str(Path(tmp) / name.lower())
        bench = {**env, "COMMANDDESK_BENCH": "1"}
        cmd = [str(exe), "--demo"]
        subprocess.run(cmd, env=bench, capture_output=True, check=True, timeout=120)  # warm-up
        signin, main_shown = [], []
        for _ in range(args.runs):
            t = time.time()
            out = subprocess.run(cmd, env=bench, capture_output=True, text=True, check=True, timeout=120).stdout
            marks = dict(line.split() for line in out.splitlines() if line.startswith(("signin_shown", "main_shown")))
            signin.append(float(marks["signin_shown"]) - t)
            main_shown.append(float(marks["main_shown"]) - t)
        print(f"frozen --demo, warm, {args.runs} runs: sign-in window shown {_stats(signin)}; "
              f"main window shown after sign-in {_stats(main_shown)}")

        version = []
        for _ in range(args.runs):
            t = time.perf_counter()
            subprocess.run([str(exe), "--version"], env=env, capture_output=True, check=True, timeout=60)
            version.append(time.perf_counter() - t)
        print(f"frozen --version as a whole process: {_stats(version)}")

        shot = Path(tmp) / "map.png"
        whole = []
        for _ in range(args.runs):
            t = time.perf_counter()
            subprocess.run([str(exe), "--demo", "--screenshot", str(shot), "--page", "map"], env=env,
                           capture_output=True, check=True, timeout=120)
            whole.append(time.perf_counter() - t)
        print(f"frozen --demo --screenshot --page map as a whole process (map loaded, tiles faded in, "
              f"PNG saved): {_stats(whole)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
