"""Benchmarks for the clustered map and the situation-map export (offscreen; not part of the test suite).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/map_cluster.py

1. First paint with clustering: a MapPage on a store holding 10,000 extra features
   (plus the demo county), every layer and the idle teams switched on, from the
   constructor to the second animation frame after the last marker went into its
   cluster. Target ≤ 0.6 s. Also the default start (incidents and teams on task).
2. Pan and zoom: frames the page paints per second while it is panned by a few
   pixels on every frame for 2 s (a 'moveend' each frame: the worst case), while
   it is dragged with the mouse for 2 s, and during animated zooms 10 → 15 → 10
   on the software renderer. Target 60 fps.
3. Export: the demo county's 一张图快照 (export.build), time and size. Target ≤ 1 s, ≤ 3 MB.
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import time
from pathlib import Path

_spec = importlib.util.spec_from_file_location("map_bench", Path(__file__).with_name("map.py"))
mb = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mb)  # sets up QtWebEngine and the QApplication


def _tree_cpu() -> dict[int, float]:
    """CPU seconds used so far by this process and each of its descendants (the QtWebEngine processes), from /proc.

    On a shared box the wall time also counts waiting for a core; the CPU time
    says what the work itself cost.
    """
    tick = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(entry)] = fields
        children.setdefault(int(fields[1]), []).append(int(entry))
    out, todo = {}, [os.getpid()]
    while todo:
        pid = todo.pop()
        if pid in stats:
            out[pid] = (int(stats[pid][11]) + int(stats[pid][12])) / tick
        todo.extend(children.get(pid, []))
    return out


def _cpu_since(before: dict[int, float]) -> float:
    """CPU seconds the process tree used since *before* (a process that ended meanwhile is not counted)."""
    return sum(cpu - before.get(pid, 0.0) for pid, cpu in _tree_cpu().items())


def _js(view, code: str):
    import json

    got: list = []
    view.page().runJavaScript(f"JSON.stringify({code})", 0, lambda r: got.append(r))
    mb._wait(lambda: got)
    return json.loads(got[0]) if got[0] not in (None, "") else None


def bench_first_paint(store, runs: int = 5) -> None:
    from commanddesk.map import payload
    from commanddesk.ui.context import AppContext
    from commanddesk.ui.map_page import MapPage

    for label, open_all in (("every layer and idle teams on", True), ("default start", False)):
        totals, cpus = [], []
        for _ in range(runs):
            saved = payload.OPEN_AT_START
            if open_all:
                payload.OPEN_AT_START = payload.ALL_KINDS
            c0, t0 = _tree_cpu(), time.perf_counter()
            page = MapPage(AppContext(store))
            payload.OPEN_AT_START = saved
            if open_all:
                page.set_idle_teams(True)
            page.resize(1366, 768)
            page.show()
            mb._wait(lambda: page.view.loaded)
            mb._painted(page.view)
            # markers still going into clusters in chunks (chunkedLoading) are waited for
            if _js(page.view, "cd.stats().clustering"):
                mb._wait(lambda: not _js(page.view, "cd.stats().clustering"))
                mb._painted(page.view)
            totals.append(time.perf_counter() - t0)
            cpus.append(_cpu_since(c0))  # the new page's renderer process included
            s = _js(page.view, "cd.stats()")
            page.close()
            page.deleteLater()
            mb.QTest.qWait(50)
        shown = sum(n for k, n in s["shown"].items() if s["visible"][k])
        print(f"first paint, {label}: {shown:,} features in layers shown, {s['clusters']} clusters and "
              f"{s['markers']} single markers on screen: median {statistics.median(totals):.3f} s "
              f"(first {totals[0]:.3f}, runs {runs}); CPU of all processes meanwhile: median {statistics.median(cpus):.3f} s")
    return


PAN = """(function () {
  window.__bench = null;
  var n = 0, t0 = performance.now();
  function step(t) {
    n += 1; cd.panBy(4, 2);
    if (t - t0 < 2000) { requestAnimationFrame(step); } else { window.__bench = [n, t - t0]; }
  }
  requestAnimationFrame(step); return 1; })()"""

# A drag as a user does it: mouse down on the map, a move on every frame, up after 2 s
# (Leaflet moves the panes while dragging and redraws what is needed at the end).
DRAG = """(function () {
  window.__bench = null;
  var el = document.getElementById('map'), r = el.getBoundingClientRect();
  var x = r.left + r.width / 2, y = r.top + r.height / 2, n = 0, t0 = performance.now(), dx = 3;
  function ev(type) {
    el.dispatchEvent(new MouseEvent(type, {bubbles: true, cancelable: true, clientX: x, clientY: y,
                                           button: 0, buttons: 1, view: window}));
  }
  ev('mousedown');
  function step(t) {
    n += 1; x += dx; y += 1;
    if (Math.abs(x - r.left - r.width / 2) > 300) { dx = -dx; }
    ev('mousemove');
    if (t - t0 < 2000) { requestAnimationFrame(step); } else { ev('mouseup'); window.__bench = [n, t - t0]; }
  }
  requestAnimationFrame(step); return 1; })()"""

ZOOM = """(function () {
  window.__bench = null;
  var n = 0, t0 = performance.now(), zooms = [12, 13, 14, 15, 14, 13, 12, 11, 10, 11], i = 0, done = false;
  function frame(t) { n += 1; if (!done) { requestAnimationFrame(frame); } else { window.__bench = [n, t - t0]; } }
  function next() {
    if (i >= zooms.length) { done = true; return; }
    cd.zoomAnimated(zooms[i++], next);
  }
  requestAnimationFrame(frame); next(); return 1; })()"""


def _frames(view, script: str) -> tuple[float, float, float]:
    """(frames per second, seconds, CPU ms of all processes per frame) of one scripted run."""
    c0 = _tree_cpu()
    _js(view, script)
    mb.QTest.qWait(1900)  # no polling while it runs: polling costs CPU too
    mb._wait(lambda: _js(view, "window.__bench") is not None, timeout=60)
    cpu = _cpu_since(c0)
    n, ms = _js(view, "window.__bench")
    return n * 1000 / ms, ms / 1000, cpu * 1000 / n


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
    mb.QTest.qWait(500)
    pan, drag, zoom = (_frames(page.view, script) for script in (PAN, DRAG, ZOOM))
    print(("every layer on — " if open_all else "default start — ")
          + f"pan: {pan[0]:.0f} frames/s panned by 4 px every frame for 2 s ({pan[2]:.1f} ms CPU a frame), "
          f"{drag[0]:.0f} frames/s dragged with the mouse ({drag[2]:.1f} ms CPU a frame); "
          f"zoom: {zoom[0]:.0f} frames/s over ten animated zoom steps 11→15→10→11 ({zoom[1]:.1f} s, "
          f"{zoom[2]:.1f} ms CPU a frame)")
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
    print("load average before: %.1f %.1f %.1f (2 cores shared with other work: figures vary with it)" % os.getloadavg())
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
