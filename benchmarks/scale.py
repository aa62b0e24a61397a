"""The ten-year store (issue #22): build it once, then time the incidents list, statistics and audit verify.

    .venv/bin/python benchmarks/scale.py [--years N] [--rebuild]

The store is built with ``commanddesk demo create build/scale.sqlite --years 10`` and kept (cached) in
build/; its audit key lives in build/scale-config, so the user's files are not touched.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BUILD = ROOT / "build"


def _timed(label: str, fn, repeat: int = 3):
    """Best wall time of *repeat* runs, and this process's CPU time for that run (the machine is shared:
    when other work runs, wall time grows but CPU time says what the code itself costs)."""
    best, cpu, out = None, None, None
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        out = fn()
        took, used = time.perf_counter() - t, time.process_time() - c
        if best is None or took < best:
            best, cpu = took, used
    print(f"{label}: {best * 1000:.0f} ms (best of {repeat}; CPU {cpu * 1000:.0f} ms)")
    return out


def _clock_strip(n: int, ticks: int = 50) -> None:
    """The clock strip's one-second tick (recompute + repaint) with *n* running clocks, half of them run out."""
    import statistics as stats
    from datetime import timedelta

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from commanddesk.clock import SystemClock
    from commanddesk.services.clocks import ClockView
    from commanddesk.store import open_store
    from commanddesk.ui.clock_strip import ClockStrip
    from commanddesk.ui.context import AppContext

    _app = QApplication.instance() or QApplication([])
    store = open_store(None, SystemClock())
    strip = ClockStrip(AppContext(store))
    strip.timer.stop()
    strip.resize(1366, 34)
    strip.show()
    now = store.clock.now()
    strip.views = [ClockView(i, i // 4, f"事件{i // 4}", "电话报告市政府", "市政府总值班室",
                             now + timedelta(seconds=3 * i - 3 * n // 2), now + timedelta(seconds=3 * i - 3 * n // 2 - 300))
                   for i in range(n)]
    strip.set_focus(n // 8)
    times = []
    for _ in range(ticks):
        t = time.perf_counter()
        strip.tick()
        strip.repaint()
        times.append(time.perf_counter() - t)
    print(f"clock strip tick + repaint, {n} running clocks: median {stats.median(times) * 1000:.2f} ms, "
          f"max {max(times) * 1000:.2f} ms ({ticks} ticks)")
    store.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--rebuild", action="store_true", help="build the store again even if it is cached")
    args = ap.parse_args()
    BUILD.mkdir(exist_ok=True)
    for var, sub in (("XDG_CONFIG_HOME", "scale-config"), ("XDG_DATA_HOME", "scale-data"), ("XDG_CACHE_HOME", "scale-cache")):
        os.environ[var] = str(BUILD / sub)
    db = BUILD / ("scale.sqlite" if args.years == 10 else f"scale-{args.years}y.sqlite")
    if args.rebuild:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    from commanddesk.cli import main as cli

    if not db.exists():
        t = time.perf_counter()
        tmp = db.with_name(db.name + ".part")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)
        if cli(["demo", "create", str(tmp), "--years", str(args.years)]) != 0:
            sys.exit("building the store failed")
        os.replace(tmp, db)
        print(f"built {db.name} ({args.years} years) in {time.perf_counter() - t:.1f} s")
    print(f"file size: {db.stat().st_size / 1e6:.0f} MB")

    from datetime import date

    from sqlalchemy import func, select

    from commanddesk.models import AuditEntry, Incident
    from commanddesk.services import audit, incidents, statistics
    from commanddesk.store import open_store

    store = open_store(db)
    try:
        with store.read() as s:
            n = s.scalar(select(func.count()).select_from(Incident))
            entries = s.scalar(select(func.count()).select_from(AuditEntry))
            print(f"incidents {n}, audit entries {entries}")
            _timed("incident list, first page (services.incidents.list_page)", lambda: len(incidents.list_page(s).incidents))
            for typed in ("火", "火灾 海州", "#54321", "车1-0007", "没有这个词"):  # the last two match nothing: the whole scan
                _timed(f"incident list filtered by “{typed}”", lambda: incidents.list_page(s, typed).total)
            _timed("incident list, page 100 (更多 pressed 99 times)", lambda: len(incidents.list_page(s, offset=19_800).incidents))
            s.expire_all()
            st = _timed("statistics.compute over everything",
                        lambda: statistics.compute(s, date(2000, 1, 1), store.clock.now().date()), repeat=3)
            print(f"  counted {st.incidents} incidents, {st.decided} report deadlines")
            today = store.clock.now().date()
            _timed("statistics.compute, the last year", lambda: statistics.compute(s, date(today.year - 1, today.month, 1), today))
        _clock_strip(2000)
        with store.engine.connect() as conn:
            result = _timed("audit verify", lambda: audit.verify(conn, store.seal), repeat=1)
        print("  " + result.message().splitlines()[0])
    finally:
        store.close()


if __name__ == "__main__":
    main()
