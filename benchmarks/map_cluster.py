"""Benchmarks for the clustered map and the situation-map export (offscreen; not part of the test suite).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/map_cluster.py

1. First paint with clustering: a MapPage on a store holding 10,000 extra features
   (plus the demo county), every layer and the idle teams switched on, from the
   constructor to the second animation frame after the last marker went into its
   cluster. Target ≤ 0.6 s. Also the default start (incidents and teams on task).
2. Pan and zoom: frames the page paints per second while it is panned by a few
   pixels on every frame for 2 s, and during animated zooms 10 → 15 → 10 on the
   software renderer. Target 60 fps.
3. Export: the demo county's 一张图快照 (export.build), time and size. Target ≤ 1 s, ≤ 3 MB.
"""

from __future__ import annotations

import importlib.util
import statistics
import time
from pathlib import Path

_spec = importlib.util.spec_from_file_location("map_bench", Path(__file__).with_name("map.py"))
mb = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mb)  # sets up QtWebEngine and the QApplication


def _js(view, code: str):
    import json

    got: list = []
    view.page().runJavaScript(f"JSON.stringify({code})", 0, lambda r: got.append(r))
    mb._wait(lambda: got)
    return json.loads(got[0]) if got[0] not in (None, "") else None


def bench_first_paint(store, runs: int = 3) -> None:
    from commanddesk.map import payload
    from commanddesk.ui.context import AppContext
    from commanddesk.ui.map_page import MapPage

    for label, open_all in (("every layer and idle teams on", True), ("default start", False)):
        totals = []
        for _ in range(runs):
            saved = payload.OPEN_AT_START
            if open_all:
                payload.OPEN_AT_START = payload.ALL_KINDS
            t0 = time.perf_counter()
            page = MapPage(AppContext(store))
            payload.OPEN_AT_START = saved
            if open_all:
                page.set_idle_teams(True)
            page.resize(1366, 768)
            page.show()
            mb._wait(lambda: page.view.loaded)
            mb._painted(page.view)
            totals.append(time.perf_counter() - t0)
            s = _js(page.view, "cd.stats()")
            page.close()
            page.deleteLater()
            mb.QTest.qWait(50)
        shown = sum(n for k, n in s["shown"].items() if s["visible"][k])
        print(f"first paint, {label}: {shown:,} features in layers shown, {s['clusters']} clusters and "
              f"{s['markers']} single markers on screen: median {statistics.median(totals):.3f} s "
              f"(first {totals[0]:.3f}, runs {runs})")
    return


def bench_pan_zoom(store, open_all: bool = True) -> None:
    from commanddesk.map import payload
    from commanddesk.ui.context import AppContext
    from commanddesk.ui.map_page import MapPage

    saved = payload.OPEN_AT_START
    if open_all:
        payload.OPEN_AT_START = payload.ALL_KINDS
    page = MapPage(AppContext(store))
    payload.OPEN_AT_START = saved
    page.set_idle_teams(open_all)
    page.resize(1366, 768)
    page.show()
    mb._wait(lambda: page.view.loaded)
    mb._painted(page.view)
    _js(page.view, """(function () {
      window.__fps = null;
      var n = 0, t0 = performance.now(), m = window.__cdmap;
      function step(t) {
        n += 1; cd.panBy(4, 2);
        if (t - t0 < 2000) { requestAnimationFrame(step); } else { window.__fps = n * 1000 / (t - t0); }
      }
      requestAnimationFrame(step); return 1; })()""")
    mb._wait(lambda: _js(page.view, "window.__fps") is not None, timeout=20)
    pan = _js(page.view, "window.__fps")
    _js(page.view, """(function () {
      window.__zfps = null;
      var n = 0, t0 = performance.now(), zooms = [12, 13, 14, 15, 14, 13, 12, 11, 10, 11], i = 0, done = false;
      function frame(t) { n += 1; if (!done) { requestAnimationFrame(frame); } else { window.__zfps = [n * 1000 / (t - t0), t - t0]; } }
      function next() {
        if (i >= zooms.length) { done = true; return; }
        cd.zoomAnimated(zooms[i++], next);
      }
      requestAnimationFrame(frame); next(); return 1; })()""")
    mb._wait(lambda: _js(page.view, "window.__zfps") is not None, timeout=60)
    zoom, ms = _js(page.view, "window.__zfps")
    print(("every layer on — " if open_all else "default start — ") + f"pan: {pan:.0f} frames/s while panning every frame for 2 s; "
          f"zoom: {zoom:.0f} frames/s over ten animated zoom steps 11→15→10→11 ({ms / 1000:.1f} s)")
    page.close()
    page.deleteLater()


def bench_export(runs: int = 5) -> None:
    from commanddesk.map import export
    from commanddesk.services import demo
    from commanddesk.store import open_store

    path = demo.fresh_copy()
    store = open_store(path)
    demo.stage_incidents(store)
    times, size = [], 0
    with store.read() as s:
        for _ in range(runs):
            t0 = time.perf_counter()
            snap = export.build(s)
            times.append(time.perf_counter() - t0)
            size = len(snap.html.encode())
    store.close()
    demo.discard(path)
    print(f"export: the demo county's 一张图快照 ({sum(snap.counts.values())} features): median "
          f"{statistics.median(times):.3f} s (first {times[0]:.3f}, runs {runs}), {size / 1e6:.2f} MB")


def main() -> None:
    import sys

    only = sys.argv[1:]
    if not only or "export" in only:
        bench_export()
    store = mb._store(10_000)
    if not only or "paint" in only:
        bench_first_paint(store)
    if not only or "pan" in only:
        bench_pan_zoom(store)
    if not only or "pan0" in only:
        bench_pan_zoom(store, open_all=False)
    store.close()


if __name__ == "__main__":
    main()
