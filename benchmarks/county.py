"""A county centre's ten-year store on PostgreSQL and on SQLite (#17): every list opening, and start-up.

    .venv/bin/python benchmarks/county.py --db postgresql://… --db path/to/ten-year.sqlite [--startup]

Build each store once (``commanddesk demo create URL|PATH --years 10``); both should come from the same
commanddesk, so they hold the same 100,000 incidents. For each store this script signs the demo duty
officer in, builds the real main window (offscreen, 1366×768) and times, best of three with this
process's CPU time beside it (the machine is shared):

* each page's first opening (the page built and its lists filled, as Alt+N does it),
* each list again as after another seat's change (the page's reload),
* the incident list filtered, its 更多…, the incident with the longest timeline opened (all its tabs),
* the ledger with the busiest stock line selected, and one depot's movements (services.ledger),
* the audit log (设置 and the shift's changes on 值班).

With ``--startup`` it also starts the app as a person does, under Xvfb + openbox (tools/desktop_check.py):
process start → the 签到上岗 window on the screen, PIN typed and Return → the main window on the
screen, median of five per store, the stores taking turns. The audit key must be where the stores were built
(XDG_CONFIG_HOME as then).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_MS = 300


def _timed(fn, repeat: int = 3, before=None) -> tuple[float, float]:
    """(best wall ms, CPU ms of that run) of *repeat* runs of *fn* (each after an untimed *before*)."""
    best = None
    for _ in range(repeat):
        if before is not None:
            before()
        t, c = time.perf_counter(), time.process_time()
        fn()
        took, used = time.perf_counter() - t, time.process_time() - c
        if best is None or took < best[0]:
            best = (took, used)
    return best[0] * 1000, best[1] * 1000


def _lists(where: str) -> dict[str, tuple[float, float]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import func, select

    from commanddesk.models import Incident, Operator, StockMovement, TimelineEvent
    from commanddesk.pages import PAGE_KEYS
    from commanddesk.services import auth, ledger, overview
    from commanddesk.services.demo import DEMO_OFFICER
    from commanddesk.store import open_store
    from commanddesk.ui.context import AppContext
    from commanddesk.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    out: dict[str, tuple[float, float]] = {}
    store = open_store(where)
    try:
        with store.read() as s:
            n = s.scalar(select(func.count()).select_from(Incident))
            op = s.scalar(select(Operator).where(Operator.name == DEMO_OFFICER))
            big = s.execute(select(TimelineEvent.incident_id, func.count()).group_by(TimelineEvent.incident_id)
                            .order_by(func.count().desc()).limit(1)).first()
            moves = s.scalar(select(func.count()).select_from(StockMovement))
            busy_line = s.execute(select(StockMovement.stock_line_id, func.count())
                                  .group_by(StockMovement.stock_line_id).order_by(func.count().desc()).limit(1)).first()
            busy_house = s.execute(select(StockMovement.warehouse_id, func.count())
                                   .group_by(StockMovement.warehouse_id).order_by(func.count().desc()).limit(1)).first()
        print(f"{store.label}: {n} incidents, {moves} ledger movements; longest timeline #{big[0]} ({big[1]} entries); "
              f"busiest line {busy_line[0]} ({busy_line[1]} movements), depot {busy_house[0]} ({busy_house[1]})")
        store.actor = auth.Actor(op.id, op.name, auth.Role(op.role))
        window = MainWindow(AppContext(store))
        window.resize(1366, 768)
        window.show()
        app.processEvents()

        def opened(key: str):
            def go() -> None:
                window.show_page("duty" if key != "duty" else "settings")
                app.processEvents()
                widget = window.pages.pop(key, None)  # built again each time: the first opening
                if widget is not None:
                    pos = PAGE_KEYS.index(key)
                    window.stack.removeWidget(widget)
                    widget.deleteLater()
                    from PySide6.QtWidgets import QLabel

                    window.stack.insertWidget(pos, QLabel())
                t = time.perf_counter()
                window.show_page(key)
                app.processEvents()
                go.took = time.perf_counter() - t
            return go

        def first_opening(key: str) -> None:
            go = opened(key)
            best = None
            for _ in range(3):
                c = time.process_time()
                go()
                used = time.process_time() - c
                if best is None or go.took < best[0]:
                    best = (go.took, used)
            out[f"open {key}"] = (best[0] * 1000, best[1] * 1000)

        for key in ("duty", "incidents", "warnings", "teams", "materials", "ledger", "shelters", "hazards",
                    "contacts", "roster", "handover", "statistics", "settings"):
            first_opening(key)
        # the same lists again, as after another seat's change
        for key in ("duty", "incidents", "warnings", "teams", "ledger", "shelters", "hazards", "settings"):
            window.show_page(key)
            app.processEvents()
            page = window.pages[key]
            out[f"reload {key}"] = _timed(page.reload)
        for key in ("materials", "contacts"):
            window.show_page(key)
            for sub, page in window.pages[key].pages.items():
                window.pages[key].setCurrentWidget(page)
                app.processEvents()
                out[f"reload {key}/{sub}"] = _timed(page.reload)
        inc = window.page("incidents")
        window.show_page("incidents")

        def filtered(text: str):
            def go() -> None:
                inc.filter.setText(text)
                inc.refilter()
                app.processEvents()
            return go

        for text in ("火", "火灾 海州", "#54321"):
            out[f"incidents filtered “{text}”"] = _timed(filtered(text))
        filtered("")()
        out["incidents 更多… (the next 200)"] = _timed(lambda: (inc.load_more(), app.processEvents()),
                                                     before=lambda: (inc.reload(), app.processEvents()))
        out[f"incident with the longest timeline (#{big[0]}, {big[1]} entries)"] = _timed(
            lambda: (inc.show_incident(big[0]), app.processEvents()))
        led = window.page("ledger")
        window.show_page("ledger")
        out[f"ledger: busiest line selected ({busy_line[1]} movements)"] = _timed(
            lambda: (led.select_line(busy_line[0]), led._line_selected(), app.processEvents()))

        def depot() -> None:
            with store.read() as s:
                ledger.movements(s, warehouse_id=busy_house[0])
        out[f"ledger.movements of the busiest depot ({busy_house[1]})"] = _timed(depot)

        def audit_log() -> None:
            with store.read() as s:
                overview.recent_audit(s, 200)
        out["overview.recent_audit (the 200 newest)"] = _timed(audit_log)
        window.close()
    finally:
        store.close()
    return out


def _startup(stores: list[str], runs: int = 5) -> dict[str, tuple[list[float], list[float]]]:
    """Per store: process start → sign-in window shown; Return after the PIN → main window shown (seconds).
    The stores take turns, run by run, so that both see the same load on a shared machine."""
    sys.path.insert(0, str(ROOT / "tools"))
    import tempfile

    from desktop_check import MAIN_TITLE, Desktop, demo_pin

    from commanddesk.services.demo import DEMO_OFFICER

    d = Desktop(Path(tempfile.mkdtemp(prefix="cd-county-")), "clipboard", 0, keep=False)
    d.start()
    times: dict[str, tuple[list[float], list[float]]] = {w: ([], []) for w in stores}
    try:
        env = dict(d.env, **{k: os.environ[k] for k in ("XDG_CONFIG_HOME",) if k in os.environ})
        pin = demo_pin(DEMO_OFFICER)

        def wait_for(title: str, timeout: float = 60) -> str:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                found = d.x("search", "--onlyvisible", "--name", title, check=False).split()
                if found:
                    return found[-1]
                time.sleep(0.01)
            raise RuntimeError(f"window {title!r} did not appear")

        for where in [w for _ in range(runs) for w in stores]:
            signin, main = times[where]
            t = time.monotonic()
            app = subprocess.Popen([sys.executable, "-m", "commanddesk", "--db", where], cwd=ROOT, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                wid = wait_for("签到上岗")
                signin.append(time.monotonic() - t)
                d.activate(wid)
                d.x("type", "--delay", "20", pin)
                t = time.monotonic()
                d.x("key", "Return")
                wait_for(MAIN_TITLE)
                main.append(time.monotonic() - t)
            finally:
                app.terminate()
                try:
                    app.wait(15)
                except subprocess.TimeoutExpired:
                    app.kill()
            time.sleep(1.0)
    finally:
        d.stop()
    return times


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", action="append", required=True, help="a ten-year store (URL or SQLite path); give two")
    ap.add_argument("--startup", action="store_true", help="also time start-up under Xvfb (needs Xvfb, openbox, xdotool)")
    ap.add_argument("--skip-lists", action="store_true")
    ap.add_argument("--runs", type=int, default=5, help="start-ups per store (they take turns)")
    args = ap.parse_args()
    results = {}
    if not args.skip_lists:
        for where in args.db:  # each in its own process: the same start for both
            got = subprocess.run([sys.executable, "-c", f"import sys, json; sys.path.insert(0, {str(ROOT)!r}); "
                                  f"from benchmarks.county import _lists; "
                                  f"print('JSON' + json.dumps(_lists({where!r})))"],
                                 cwd=ROOT, capture_output=True, text=True)
            if got.returncode != 0:
                print(got.stderr[-3000:])
                return 1
            import json

            for line in got.stdout.splitlines():
                if line.startswith("JSON"):
                    results[where] = json.loads(line[4:])
                else:
                    print(line)
        names = list(dict.fromkeys(k for r in results.values() for k in r))
        labels = ["PostgreSQL" if "://" in w else "SQLite" for w in args.db]
        print(f"{'list (best of 3; CPU)':<58}" + "".join(f"{label:>22}" for label in labels))
        slow = []
        for name in names:
            cells = []
            for where in args.db:
                wall, cpu = results[where].get(name, (float("nan"), float("nan")))
                cells.append(f"{wall:8.0f} ms ({cpu:4.0f} CPU)")
                if "://" in where and wall >= TARGET_MS:
                    slow.append(name)
            print(f"{name:<58}" + "".join(f"{c:>22}" for c in cells))
        print(f"PostgreSQL lists at or over {TARGET_MS} ms: {', '.join(slow) if slow else 'none'}")
    if args.startup:
        for where, (signin, main_) in _startup(args.db, args.runs).items():
            label = "PostgreSQL" if "://" in where else "SQLite"
            print(f"start-up {label}: to 签到上岗 median {statistics.median(signin):.2f} s "
                  f"({', '.join(f'{x:.2f}' for x in signin)}); Return -> main window median "
                  f"{statistics.median(main_):.2f} s ({', '.join(f'{x:.2f}' for x in main_)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
