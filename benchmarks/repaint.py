"""Another seat's change to this seat's screen (#17): commit on seat A → row in seat B's list and strip, painted.

    .venv/bin/python benchmarks/repaint.py [--changes 30] [--db postgresql://…]

Seat B is the real main window (commanddesk.ui.main_window.MainWindow) in this process, on its own store
and its own LISTEN connection, showing the 事件 page at 1366×768 (offscreen, or on $DISPLAY with
``--platform xcb``). Seat A is another process (this script with ``--writer``) that records a call every
0.8–1.6 s through the service layer (services.incidents.record_call in one transaction) and prints the
wall-clock time right after each commit. Seat B notes, for each new incident, when

* heard: the listener thread got the NOTIFY (first one after that commit),
* listed: the incident is a row of the incident list's model,
* painted: the list's viewport has painted with that row in the model (time taken when the paint is
  over, back in the event loop), and the same for the clock strip with the incident's clocks in it.

Both processes run on this machine, so their wall clocks are the same clock. Without ``--db`` a
throwaway server (tests/pg.py) with the demo county is used; with ``--db`` the calls are added to that
database (use a copy: they stay there).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PLACES = ("海州区新浦路与解放路交叉口", "连云区港城大道", "赣榆区青口镇", "灌云县伊山镇", "东海县牛山街道",
          "灌南县新安镇", "海州区朝阳街道", "连云区墟沟街道")


def _writer(url: str, changes: int, seed: int) -> int:
    """Seat A: record *changes* calls, one line of JSON after each commit."""
    from sqlalchemy import select

    from commanddesk.models import Operator
    from commanddesk.services import auth
    from commanddesk.services import incidents as svc
    from commanddesk.services.demo import DEMO_OFFICER
    from commanddesk.store import open_store

    from sqlalchemy import event

    rnd = random.Random(seed)
    store = open_store(url)
    committed: list[float] = []
    event.listen(store._sessions, "after_commit", lambda _s: committed.append(time.time()))  # the server said done
    try:
        with store.read() as s:
            op = s.scalar(select(Operator).where(Operator.name == DEMO_OFFICER))
            actor = auth.Actor(op.id, op.name, auth.Role(op.role))
        print(json.dumps({"ready": True}), flush=True)
        for n in range(changes):
            time.sleep(rnd.uniform(0.8, 1.6))
            place = f"{rnd.choice(PLACES)}（测量{n + 1}）"
            inp = svc.CallInput(category="accident", type="accident.fire", place_text=place,
                                caller_unit="基准测试", caller_name="席位A", counts={"injured": rnd.randrange(0, 3)},
                                course="民房起火（基准测试）")
            with store.transaction(actor) as s:
                result = svc.record_call(s, inp)
            print(json.dumps({"incident": result.incident_id, "committed": committed[-1]}), flush=True)
    finally:
        store.close()
    return 0


def _demo_server():
    """A throwaway server with the demo county loaded; returns (server, url)."""
    from commanddesk.services import demo
    from commanddesk.store import open_store
    from tests.pg import PgServer

    server = PgServer().start()
    url = server.create_database(prefix="repaint")
    store = open_store(url)
    with store.transaction() as s:
        demo.load(s)
    demo.stage_incidents(store)
    store.close()
    return server, url


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def _line(label: str, ms: list[float]) -> str:
    if not ms:
        return f"{label}: none"
    return (f"{label}: median {statistics.median(ms):.1f} ms, p95 {_pct(ms, 95):.1f} ms, "
            f"max {max(ms):.1f} ms (n={len(ms)})")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--changes", type=int, default=30)
    ap.add_argument("--db", help="an existing commanddesk database on a server (the calls stay in it)")
    ap.add_argument("--platform", default="offscreen", help="Qt platform for seat B (offscreen, or xcb on $DISPLAY)")
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--profile", action="store_true", help="profile what seat B does for one remote change")
    ap.add_argument("--writer", metavar="URL", help=argparse.SUPPRESS)  # seat A, started by this script
    args = ap.parse_args()
    if args.writer:
        return _writer(args.writer, args.changes, args.seed)

    home = Path(tempfile.mkdtemp(prefix="cd-repaint-"))
    if not args.db:  # the throwaway store's audit key in a private place; a given store's as the user has it
        for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
            os.environ[var] = str(home / var.lower())
    os.environ["QT_QPA_PLATFORM"] = args.platform
    os.environ.setdefault("COMMANDDESK_SEAT", "席位B")
    server = None
    if args.db:
        url = args.db
    else:
        server, url = _demo_server()
    try:
        return _measure(url, args)
    finally:
        if server is not None:
            server.stop()


def _measure(url: str, args) -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    from commanddesk.models import Operator
    from commanddesk.services import auth
    from commanddesk.services.demo import DEMO_OFFICER
    from commanddesk.store import open_store
    from commanddesk.ui.context import AppContext
    from commanddesk.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    t = time.perf_counter()
    store = open_store(url)
    with store.read() as s:
        op = s.scalar(select(Operator).where(Operator.name == DEMO_OFFICER))
        store.actor = auth.Actor(op.id, op.name, auth.Role(op.role))
    ctx = AppContext(store)
    window = MainWindow(ctx)
    window.resize(1366, 768)
    window.show()
    window.show_page("incidents")
    page = window.pages["incidents"]
    strip = window.strip
    print(f"seat B: main window on the 事件 page in {time.perf_counter() - t:.1f} s ({args.platform})")

    if args.profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        window.live._take({"incident", "call_record", "clock_instance"})
        window.live._announce()
        app.processEvents()
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
    baseline_list = {page.model.row(i).id for i in range(page.model.rowCount())}
    baseline_strip = {v.incident_id for v in strip.views}
    heard: list[float] = []
    listed: dict[int, float] = {}
    painted: dict[int, float] = {}
    strip_seen: dict[int, float] = {}
    strip_painted: dict[int, float] = {}
    commits: dict[int, float] = {}
    done = threading.Event()

    listener = window.live.listener
    passed_on = listener.on_change

    def hear(tables) -> None:  # in the listener thread, as it hears
        if "incident" in tables:
            heard.append(time.time())
        passed_on(tables)

    listener.on_change = hear

    def on_model_reset() -> None:
        now = time.time()
        for i in range(page.model.rowCount()):
            iid = page.model.row(i).id
            if iid not in baseline_list and iid not in listed:
                listed[iid] = now

    page.model.modelReset.connect(on_model_reset)
    page.model.rowsInserted.connect(lambda *_a: on_model_reset())

    class PaintWatch(QObject):
        """Notes paints of the list and the strip; the time is taken once the paint is over."""

        def eventFilter(self, obj, event):  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint:
                if obj is page.table.viewport():
                    shown = {page.model.row(i).id for i in range(page.model.rowCount())} - baseline_list
                    todo = [i for i in shown if i not in painted]
                    if todo:
                        QTimer.singleShot(0, lambda ids=todo: [painted.setdefault(i, time.time()) for i in ids])
                elif obj is strip:
                    todo = [v.incident_id for v in strip.views
                            if v.incident_id not in baseline_strip and v.incident_id not in strip_painted]
                    for i in todo:
                        strip_seen.setdefault(i, time.time())
                    if todo:
                        QTimer.singleShot(0, lambda ids=todo: [strip_painted.setdefault(i, time.time()) for i in ids])
            return False

    watch = PaintWatch()
    page.table.viewport().installEventFilter(watch)
    strip.installEventFilter(watch)
    for _ in range(20):
        app.processEvents()
        time.sleep(0.05)

    writer = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--writer", url,
                               "--changes", str(args.changes), "--seed", str(args.seed)],
                              cwd=ROOT, stdout=subprocess.PIPE, text=True, env=dict(os.environ))

    def read_writer() -> None:
        for line in writer.stdout:
            got = json.loads(line)
            if "incident" in got:
                commits[got["incident"]] = got["committed"]
        done.set()

    threading.Thread(target=read_writer, daemon=True).start()
    deadline = time.monotonic() + 60 + 3 * args.changes
    while time.monotonic() < deadline:
        app.processEvents()
        if done.is_set() and all(i in painted and i in strip_painted for i in commits):
            break
        time.sleep(0.002)
    end_wait = time.monotonic() + 3  # the last change's repaint
    while time.monotonic() < end_wait and not all(i in painted and i in strip_painted for i in commits):
        app.processEvents()
        time.sleep(0.002)
    writer.wait(30)
    window.close()
    store.close()

    heard_ms, list_ms, paint_ms, strip_ms = [], [], [], []
    heard_sorted = sorted(heard)
    for iid, at in sorted(commits.items()):
        # the server tells listeners as it commits, before seat A's client has its answer: nearest, ±50 ms
        near = [h for h in heard_sorted if at - 0.05 <= h <= at + 1.0]
        if near:
            heard_ms.append((min(near, key=lambda h: abs(h - at)) - at) * 1000)
        if iid in listed:
            list_ms.append((listed[iid] - at) * 1000)
        if iid in painted:
            paint_ms.append((painted[iid] - at) * 1000)
        if iid in strip_painted:
            strip_ms.append((strip_painted[iid] - at) * 1000)
    missing = [i for i in commits if i not in painted or i not in strip_painted]
    print(f"{len(commits)} calls committed by seat A; on seat B: {len(paint_ms)} painted in the list, "
          f"{len(strip_ms)} in the clock strip, {len(missing)} never shown")
    print(_line("commit -> NOTIFY heard", heard_ms))
    print(_line("commit -> row in the list's model", list_ms))
    print(_line("commit -> list painted with the row", paint_ms))
    print(_line("commit -> clock strip painted with its clocks", strip_ms))
    return 0 if commits and not missing else 1


if __name__ == "__main__":
    sys.exit(main())
