"""Start-up and lists on the ten-year store against the demo store (issue #22; not part of the test suite).

    .venv/bin/python benchmarks/scale_startup.py [--runs 5] [--bundle dist/commanddesk]

1. Start-up, warm (one run first fills the page cache): a process with COMMANDDESK_BENCH=1 prints when
   the sign-in window is up and when the main window is (commanddesk/app.py, _bench_startup), both from
   just before the process starts; on a copy of the demo store and on a copy of build/scale.sqlite
   (``make bench-scale`` builds it), the demo officer signing in. The target: the big store no slower
   than 1.2x the demo store. With --bundle, the frozen app as well.
2. Every list, in this process on the big store's copy: the page built and shown (offscreen, 1366x768),
   then each keystroke of a filter typed into it, with the events it causes processed.

Each figure gives this process's CPU time beside the wall time (the box is shared). The copies live in
a temporary folder; build/scale.sqlite is only read.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
sys.path.insert(0, str(ROOT))


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMMANDDESK_")}
    for var, sub in (("XDG_CONFIG_HOME", "scale-config"), ("XDG_DATA_HOME", "scale-data"),
                     ("XDG_CACHE_HOME", "scale-cache")):
        env[var] = str(BUILD / sub)  # the big store's audit key is there
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["COMMANDDESK_BENCH"] = "1"
    return env


def _stats(values: list[float]) -> str:
    return f"median {statistics.median(values):.3f} s (min {min(values):.3f}, max {max(values):.3f})"


def startup(cmd: list[str], db: Path, runs: int, label: str) -> tuple[float, float]:
    env = _env()
    full = [*cmd, "--db", str(db)]
    subprocess.run(full, check=True, capture_output=True, env=env, cwd=ROOT)  # warm: page cache, imports
    signin, main = [], []
    for _ in range(runs):
        t = time.time()
        out = subprocess.run(full, check=True, capture_output=True, text=True, env=env, cwd=ROOT).stdout
        marks = dict(line.split() for line in out.splitlines() if line.startswith(("signin_shown", "main_shown")))
        signin.append(float(marks["signin_shown"]) - t)
        main.append(float(marks["main_shown"]) - t)
    print(f"{label}: sign-in window {_stats(signin)}; main window {_stats(main)}", flush=True)
    return statistics.median(signin), statistics.median(main)


def _timed(label: str, fn, repeat: int = 3):
    best = cpu = out = None
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        out = fn()
        took, used = time.perf_counter() - t, time.process_time() - c
        if best is None or took < best:
            best, cpu = took, used
    print(f"  {label}: {best * 1000:.0f} ms (best of {repeat}; CPU {cpu * 1000:.0f} ms)", flush=True)
    return out


def lists(db: Path) -> None:
    """Every list page built and shown on *db*, and filter keystrokes where the page has a filter."""
    os.environ.update({k: v for k, v in _env().items() if k.startswith("XDG_")})
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QLineEdit

    from commanddesk.app import _sign_in_demo_officer
    from commanddesk.clock import SystemClock
    from commanddesk.store import open_store
    from commanddesk.ui.context import AppContext
    from commanddesk.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    store = open_store(db, SystemClock())
    _sign_in_demo_officer(store)
    ctx = AppContext(store)
    window = MainWindow(ctx)
    window.upkeep.stop()
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    pages = ("duty", "incidents", "teams", "materials", "ledger", "shelters", "hazards", "contacts", "drills",
             "warnings", "handover", "roster", "statistics", "settings")
    print(f"lists on {db.name} (page built and shown the first time; then shown again):")
    for key in pages:
        def first(k=key):
            window.show_page(k)
            app.processEvents()
        t, c = time.perf_counter(), time.process_time()
        first()
        print(f"  {key}: first show {(time.perf_counter() - t) * 1000:.0f} ms (CPU {(time.process_time() - c) * 1000:.0f} ms)",
              flush=True)
        if key != "duty":
            def again(k=key):
                window.show_page("duty")
                app.processEvents()
                t = time.perf_counter()
                window.show_page(k)
                app.processEvents()
                return time.perf_counter() - t
            print(f"  {key}: shown again {min(again() for _ in range(3)) * 1000:.0f} ms (best of 3)", flush=True)
    for key, typed in (("incidents", "火灾 海州"), ("teams", "演示12"), ("contacts", "张"), ("ledger", "发电机")):
        window.show_page(key)
        app.processEvents()
        page = window.pages[key]
        boxes = [e for e in page.findChildren(QLineEdit) if e.placeholderText().startswith("筛选")]
        boxes.sort(key=lambda e: "单号" not in e.placeholderText())  # the ledger: its movements' filter first
        if not boxes:
            print(f"  {key}: no filter field found")
            continue
        box = boxes[0]
        box.setFocus()
        box.clear()
        app.processEvents()
        times, cpus = [], []
        debounce = getattr(page, "_filter_timer", None)  # the incidents list asks the store 150 ms after typing
        for ch in typed:
            t, c = time.perf_counter(), time.process_time()
            QApplication.sendEvent(box, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch))
            app.processEvents()
            if debounce is not None and debounce.isActive():
                debounce.stop()
                page.refilter()
                app.processEvents()
            times.append(time.perf_counter() - t)
            cpus.append(time.process_time() - c)
        box.clear()
        app.processEvents()
        print(f"  {key} filter “{typed}” ({box.objectName() or box.placeholderText()}): per keystroke median "
              f"{statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms "
              f"(CPU median {statistics.median(cpus) * 1000:.0f} ms)", flush=True)
    window.close()
    store.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--bundle", help="also time the frozen app in this folder (dist/commanddesk)")
    ap.add_argument("--no-lists", action="store_true")
    ap.add_argument("--no-startup", action="store_true")
    ap.add_argument("--lists-of", metavar="DB", help=argparse.SUPPRESS)  # the lists of one store, in this process
    args = ap.parse_args()
    if args.lists_of:
        lists(Path(args.lists_of))
        return 0
    big = BUILD / "scale.sqlite"
    if not big.exists():
        print("no build/scale.sqlite: make bench-scale first", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="cd-scale-start-", dir=BUILD) as tmp:
        env = _env()
        demo_db = Path(tmp) / "demo.sqlite"
        subprocess.run([sys.executable, "-m", "commanddesk", "demo", "create", str(demo_db)], check=True, env=env,
                       cwd=ROOT, capture_output=True)
        big_db = Path(tmp) / "scale.sqlite"
        shutil.copyfile(big, big_db)
        print(f"demo store {demo_db.stat().st_size / 1e6:.1f} MB, ten-year store {big_db.stat().st_size / 1e6:.0f} MB",
              flush=True)
        runs = [("python -m commanddesk", [sys.executable, "-m", "commanddesk"])]
        if args.bundle:
            runs.append(("bundle", [str(Path(args.bundle).resolve() / "commanddesk")]))
        for label, cmd in [] if args.no_startup else runs:
            small = startup(cmd, demo_db, args.runs, f"{label}, demo store")
            large = startup(cmd, big_db, args.runs, f"{label}, ten-year store")
            print(f"{label}: ten-year / demo = {large[0] / small[0]:.2f}x to the sign-in window, "
                  f"{large[1] / small[1]:.2f}x to the main window", flush=True)
        if not args.no_lists:  # each store in a fresh process, so both first shows pay for the imports
            for db in (demo_db, big_db):
                subprocess.run([sys.executable, __file__, "--lists-of", str(db)], check=True, cwd=ROOT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
