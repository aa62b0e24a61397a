"""Benchmarks for the foundation's speed targets (not part of the test suite).

    .venv/bin/python benchmarks/run.py            # or: make bench

1. Start-up: ``commanddesk --demo --screenshot`` as a whole process, median of 5
   (interpreter, imports, fresh demo copy, sign-in, main window shown and grabbed).
2. Filtering a 10,000-row registry table: per-keystroke time with a table view attached.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent


def _stats(times: list[float]) -> str:
    return f"median {statistics.median(times):.3f} s (min {min(times):.3f}, max {max(times):.3f})"


def bench_startup(runs: int = 5) -> None:
    """Process start → sign-in dialog shown, and → main window shown after sign-in."""
    cmd = [sys.executable, "-m", "commanddesk", "--demo"]
    env = {**os.environ, "COMMANDDESK_BENCH": "1"}
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, env=env)  # warm-up: demo template
    signin, main = [], []
    for _ in range(runs):
        t = time.time()
        out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT, env=env).stdout
        marks = dict(line.split() for line in out.splitlines() if line.endswith(tuple("0123456789")))
        signin.append(float(marks["signin_shown"]) - t)
        main.append(float(marks["main_shown"]) - t)
    print(f"commanddesk --demo, warm, {runs} runs: sign-in window shown {_stats(signin)}; "
          f"main window shown after sign-in (PIN check included) {_stats(main)}")
    shot = Path(tempfile.mkdtemp()) / "s.png"
    cmd = [sys.executable, "-m", "commanddesk", "--demo", "--screenshot", str(shot)]
    whole = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
        whole.append(time.perf_counter() - t)
    print(f"--demo --screenshot as a whole process (start, render, save PNG, exit): {_stats(whole)}")


def bench_filter(n: int = 10_000) -> None:
    from PySide6.QtWidgets import QApplication, QTableView
    from sqlalchemy import insert

    from commanddesk.models import RescueTeam, TeamType
    from commanddesk.services import registry, registry_specs
    from commanddesk.store import open_store
    from commanddesk.ui.tables import RowTableModel

    app = QApplication.instance() or QApplication([])
    store = open_store(None)
    rnd = random.Random(7)
    towns = ["墟沟", "海州湾", "连云", "板桥", "徐圩", "朝阳", "云山", "宿城", "中云", "猴嘴"]
    kinds = ["消防", "防汛", "危化品", "森林火灾", "医疗", "电力", "民兵", "蓝天"]
    with store.engine.begin() as conn:
        conn.execute(insert(TeamType), [{"code": k, "name": k + "队"} for k in kinds])
        conn.execute(insert(RescueTeam), [
            {"code": f"T{i:05d}", "name": f"{rnd.choice(towns)}{rnd.choice(kinds)}应急队{i}",
             "team_type": rnd.choice(kinds), "tier": "professional", "headcount": rnd.randint(5, 80),
             "on_duty": 3, "lead_unit": f"{rnd.choice(towns)}街道办事处", "leader": "张三",
             "duty_phone": "0518-80000000", "version": 1, "status": "available"}
            for i in range(n)])
    t = time.perf_counter()
    with store.read() as s:
        rows = registry.list_rows(s, registry_specs.TEAMS)
    load = time.perf_counter() - t
    model = RowTableModel(registry_specs.TEAMS.table_fields)
    view = QTableView()
    view.setModel(model)
    view.resize(1000, 600)
    view.show()
    model.set_rows(rows)
    app.processEvents()
    typed = "徐圩 消防 1"
    per_key = []
    for _ in range(5):
        for i in range(1, len(typed) + 1):
            t = time.perf_counter()
            model.set_filter(typed[:i])
            app.processEvents()  # includes repainting the view
            per_key.append(time.perf_counter() - t)
        model.set_filter("")
        app.processEvents()
    print(f"registry of {n:,} rows: loaded from store in {load * 1000:.0f} ms; filter per keystroke "
          f"median {statistics.median(per_key) * 1000:.1f} ms, max {max(per_key) * 1000:.1f} ms "
          f"({len(per_key)} keystrokes)")


def bench_clock_strip(n: int = 200, ticks: int = 50) -> None:
    """One-second tick of the clock strip with *n* running clocks (recompute + repaint)."""
    from datetime import timedelta

    from PySide6.QtWidgets import QApplication

    from commanddesk.clock import SystemClock
    from commanddesk.services.clocks import ClockView
    from commanddesk.store import open_store
    from commanddesk.ui.clock_strip import ClockStrip
    from commanddesk.ui.context import AppContext

    app = QApplication.instance() or QApplication([])
    store = open_store(None, SystemClock())
    strip = ClockStrip(AppContext(store))
    strip.timer.stop()
    strip.resize(1366, 34)
    strip.show()
    now = store.clock.now()
    strip.views = [ClockView(i, i, f"事件{i}", "电话报告市政府", "市政府总值班室",
                             now + timedelta(seconds=30 * i - 600), now + timedelta(seconds=30 * i - 900))
                   for i in range(n)]
    times = []
    for _ in range(ticks):
        t = time.perf_counter()
        strip.tick()
        strip.repaint()
        times.append(time.perf_counter() - t)
    print(f"clock strip with {n} running clocks: tick + repaint median {statistics.median(times) * 1000:.2f} ms, "
          f"max {max(times) * 1000:.2f} ms ({ticks} ticks)")


if __name__ == "__main__":
    bench_filter()
    bench_clock_strip()
    bench_startup()
