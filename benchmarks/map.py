"""Benchmarks for the map's speed targets (offscreen; not part of the test suite).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/map.py

1. Load: a MapPage built on a store holding 10,000 extra features (plus the demo
   county), from the constructor to the first paint with every marker drawn.
   Target < 1 s. Also: the same 10,000 features pushed into a page already loaded.
2. Live update: 1,000 teams change status in the store; ``MapPage.refresh()``
   re-reads, diffs and recolours them; timed to the second animation frame.
   Target < 100 ms.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split()
for _f in (["--no-sandbox"] if os.geteuid() == 0 else []) + ["--disable-gpu"]:
    if _f not in _flags:
        _flags.append(_f)
os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join(_flags)
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from commanddesk.map import register_schemes  # noqa: E402

register_schemes()

from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

APP = QApplication.instance() or QApplication(sys.argv)


def _wait(predicate, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError
        QTest.qWait(1)


def _painted(view) -> None:
    """Block until the page has painted twice after everything queued so far."""
    got: list[str] = []
    token = f"p{time.perf_counter_ns()}"
    view.bridge.sig_painted.connect(got.append)
    view.call("afterPaint", token)
    _wait(lambda: token in got)
    view.bridge.sig_painted.disconnect(got.append)


def _store(n: int):
    from datetime import datetime

    from sqlalchemy import insert

    from commanddesk.clock import BEIJING, FixedClock
    from commanddesk.models import HazardSite, RescueTeam, Shelter, Warehouse
    from commanddesk.services import demo
    from commanddesk.store import open_store

    path = Path(tempfile.mkdtemp()) / "bench.sqlite"
    shutil.copyfile(demo.template(), path)
    store = open_store(path, FixedClock(datetime(2026, 11, 23, 22, 0, tzinfo=BEIJING)))
    rnd = random.Random(7)

    def where() -> dict:
        return {"lat": 34.45 + rnd.random() * 0.45, "lon": 118.9 + rnd.random() * 0.75}

    types = ["fire", "flood", "hazmat", "medical", "power", "militia", "social", "water_rescue"]
    teams, hazards, shelters = n // 2, n * 3 // 10, n * 3 // 20
    depots = n - teams - hazards - shelters
    with store.engine.begin() as conn:
        conn.execute(insert(RescueTeam), [
            {"code": f"BT{i:05d}", "name": f"压测队伍{i}", "team_type": rnd.choice(types), "status": "available",
             "version": 1, **where()} for i in range(teams)])
        conn.execute(insert(HazardSite), [
            {"code": f"BH{i:05d}", "name": f"压测风险点{i}", "kind": "tank_farm",
             "risk_level": rnd.choice(["major", "high", "medium", "low"]), "version": 1, **where()}
            for i in range(hazards)])
        conn.execute(insert(Shelter), [
            {"code": f"BS{i:05d}", "name": f"压测避难场所{i}", "level": "immediate", "kind": "site",
             "capacity": rnd.randint(100, 5000), "occupancy": 0, "version": 1, **where()} for i in range(shelters)])
        conn.execute(insert(Warehouse), [
            {"code": f"BW{i:05d}", "name": f"压测仓库{i}", "level": "town", "version": 1, **where()}
            for i in range(depots)])
    return store


def bench_load(store, runs: int = 3) -> None:
    from commanddesk.map import payload
    from commanddesk.ui.context import AppContext
    from commanddesk.ui.map_page import MapPage

    totals, builds, counts = [], [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        page = MapPage(AppContext(store))
        page.resize(1366, 768)
        page.show()
        _wait(lambda: page.view.loaded)
        _painted(page.view)
        totals.append(time.perf_counter() - t0)
        counts = sum(len(v) for v in page._sent.values())
        t1 = time.perf_counter()
        with store.read() as s:
            layers = payload.build_layers(s)
        builds.append(time.perf_counter() - t1)
        page.close()
        page.deleteLater()
        QTest.qWait(50)
    print(f"load: MapPage with {counts:,} features, constructor → first paint: "
          f"median {statistics.median(totals):.3f} s (first {totals[0]:.3f}, runs {runs}); "
          f"of which reading the store and building the features {statistics.median(builds) * 1000:.0f} ms")

    page = MapPage(AppContext(store))
    page.resize(1366, 768)
    page.show()
    _wait(lambda: page.view.loaded)
    _painted(page.view)
    pushes = []
    for _ in range(5):
        t0 = time.perf_counter()
        for kind, features in layers.items():
            page.view.call("setFeatures", kind, [payload.wire(f) for f in features.values()])
        _painted(page.view)
        pushes.append(time.perf_counter() - t0)
    print(f"push: all {counts:,} features replaced in a loaded page, to paint: "
          f"median {statistics.median(pushes) * 1000:.0f} ms (min {min(pushes) * 1000:.0f})")
    return page


def bench_update(store, page, n: int = 1000, runs: int = 5) -> None:
    from sqlalchemy import select, update

    from commanddesk.map import payload
    from commanddesk.models import RescueTeam

    with store.read() as s:
        ids = s.scalars(select(RescueTeam.id).order_by(RescueTeam.id).limit(n)).all()
    statuses = ["dispatched", "en_route", "on_scene", "returning", "available"]
    for label, kinds in (("refresh(('team',)), as after a 'teams' change notice", ("team",)),
                         ("refresh() of every layer", None)):
        whole, refresh_py = [], []
        for i in range(runs):
            with store.transaction() as s:
                s.execute(update(RescueTeam).where(RescueTeam.id.in_(ids)).values(status=statuses[i % len(statuses)]))
            t0 = time.perf_counter()
            page.refresh(kinds)
            t1 = time.perf_counter()
            _painted(page.view)
            whole.append(time.perf_counter() - t0)
            refresh_py.append(t1 - t0)
        print(f"update: {len(ids):,} team statuses changed, {label} → paint: median "
              f"{statistics.median(whole) * 1000:.0f} ms (min {min(whole) * 1000:.0f}, max {max(whole) * 1000:.0f}); "
              f"of which Python (read, diff, send) {statistics.median(refresh_py) * 1000:.0f} ms")
    key = f"team:{ids[0]}"
    feature = page._sent["team"][key]
    js_only = []
    for i in range(runs):
        colour = ["#ff0000", "#00ff00"][i % 2]
        batch = [{**page._sent["team"][f"team:{t}"],
                  "properties": {**page._sent["team"][f"team:{t}"]["properties"], "color": colour}} for t in ids]
        t0 = time.perf_counter()
        page.view.call("update", "team", [payload.wire(f) for f in batch], [])
        _painted(page.view)
        js_only.append(time.perf_counter() - t0)
    assert feature
    print(f"update: the same {len(ids):,} recolours sent straight to the page → paint: "
          f"median {statistics.median(js_only) * 1000:.0f} ms")


def main() -> None:
    store = _store(10_000)
    page = bench_load(store)
    bench_update(store, page)
    page.close()
    page.deleteLater()
    QTest.qWait(100)
    store.close()


if __name__ == "__main__":
    main()
