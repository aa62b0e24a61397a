"""Soak: several seats of a county command centre working one database at once (#17).

    .venv/bin/python benchmarks/seats.py [--seats 4] [--actions 500] [--backend postgresql|sqlite|both]

Each seat is its own process with its own store, doing a mix of actions: calls (a new incident or a
follow-up), grading, dispatch of a team, ledger issues on the same three stock lines, report sends.
A refusal (a team already out, stock run out, a stale version) is an outcome, counted; anything else
is a failure. At the end: every line's stock equals its opening stock less what the seats say they
issued (no lost update), no line below zero, the ledger check holds, one audit chain that verifies,
and every call a seat recorded is in the database. On PostgreSQL every action also sends a marker
notification in its own transaction; this process LISTENs and reports commit-to-heard latency.
The server is a throwaway cluster started like the tests' (tests/pg.py); everything lives in a
temporary directory with its own config dir for the audit key.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MIX = (("call", 30), ("grade", 15), ("dispatch", 15), ("issue", 30), ("report", 10))


def _actor(store):
    from sqlalchemy import select

    from commanddesk.models import Operator
    from commanddesk.services import auth, demo

    with store.transaction() as s:
        op = s.scalar(select(Operator).where(Operator.name == demo.DEMO_OFFICER))
        return auth.Actor(op.id, op.name, auth.Role(op.role))


def seat(target: str, number: int, actions: int, lines: list[int], teams: list[int], out) -> None:
    """One seat's run; puts its tallies on *out*."""
    from commanddesk import notify
    from commanddesk.errors import UserError
    from commanddesk.services import dispatch, incidents, ledger, reports
    from commanddesk.store import open_store

    rnd = random.Random(number)
    store = open_store(target)
    store.actor = _actor(store)
    mine: list[int] = []
    issued: Counter = Counter()
    outcomes: Counter = Counter()
    refusals: Counter = Counter()
    marks: dict[str, float] = {}
    calls = 0
    spent = []
    kinds = [k for k, w in MIX for _ in range(w)]
    for n in range(actions):
        kind = "call" if not mine else rnd.choice(kinds)
        key = f"bench:{number}:{n}"
        t0 = time.perf_counter()
        try:
            with store.transaction() as s:
                if kind == "call":
                    follow = rnd.choice(mine) if mine and rnd.random() < 0.4 else None
                    r = incidents.record_call(s, incidents.CallInput(
                        category="accident", type="accident.hazmat", place_text=f"{number}号席位第{n}处",
                        counts={"injured": rnd.randint(0, 5)}, caller_unit="县应急局"), incident_id=follow)
                    made = r.incident_id
                elif kind == "grade":
                    incidents.set_grade(s, rnd.choice(mine), rnd.randint(1, 4), "现场核实后调整")
                elif kind == "dispatch":
                    dispatch.dispatch(s, rnd.choice(mine), [rnd.choice(teams)], "到场后向现场指挥部报到")
                elif kind == "issue":
                    qty = rnd.randint(1, 3)
                    line = rnd.choice(lines)
                    ledger.issue(s, line, qty, "现场调用", incident_id=rnd.choice(mine))
                elif kind == "report":
                    reports.log_phone(s, rnd.choice(mine), "市应急管理局", "city", "值班室", "0518-85800000",
                                      "电话报告现场最新情况", store.clock.now())
                if store.server:
                    notify.announce(s.connection(), key)
                marks[key] = time.monotonic()  # just before the commit
        except UserError as exc:
            outcomes[f"{kind} refused"] += 1
            refusals[(kind, exc.message[:40])] += 1
            continue
        spent.append(time.perf_counter() - t0)
        outcomes[kind] += 1
        if kind == "call":
            calls += 1
            if made not in mine:
                mine.append(made)
        elif kind == "issue":
            issued[line] += qty
    store.close()
    out.put(dict(seat=number, issued=dict(issued), outcomes=dict(outcomes), refusals=dict(refusals),
                 marks=marks, calls=calls, spent=spent))


def _prepare(backend: str, tmp: Path):
    """A demo county in a fresh database; returns (target, server or None)."""
    from commanddesk.services import demo
    from commanddesk.store import open_store

    if backend == "sqlite":
        target = tmp / "county.sqlite"
        shutil.copyfile(demo.template(), target)
        store = open_store(target)
        demo.stage_incidents(store)
        store.close()
        return str(target), None
    from tests.pg import PgServer

    server = PgServer().start()
    target = server.create_database(prefix="county")
    store = open_store(target)
    with store.transaction() as s:
        demo.load(s)
    demo.stage_incidents(store)
    store.close()
    return target, server


def run(backend: str, seats: int, actions: int, tmp: Path) -> dict:
    from sqlalchemy import func, select

    from commanddesk import notify
    from commanddesk.models import CallRecord, RescueTeam, StockLine
    from commanddesk.services import audit, ledger
    from commanddesk.store import open_store

    target, server = _prepare(backend, tmp)
    try:
        store = open_store(target)
        with store.read() as s:
            stock = s.execute(select(StockLine.id, StockLine.quantity).where(StockLine.quantity >= 150)
                              .where(StockLine.expires_on.is_(None)).order_by(StockLine.quantity, StockLine.id)
                              .limit(3)).all()
            teams = list(s.scalars(select(RescueTeam.id).order_by(RescueTeam.id)))
            calls_before = s.scalar(select(func.count()).select_from(CallRecord))
        opening = {line_id: qty for line_id, qty in stock}
        heard: dict[str, float] = {}
        listener = None
        if store.server:
            def on_change(tables):
                now = time.monotonic()
                for t in tables:
                    if t.startswith("bench:"):
                        heard.setdefault(t, now)
            listener = notify.Listener(target, on_change).start()
            listener.connected.wait(10)
        ctx = mp.get_context("spawn")
        out = ctx.Queue()
        procs = [ctx.Process(target=seat, args=(target, i, actions, list(opening), teams, out)) for i in range(seats)]
        t0 = time.perf_counter()
        for p in procs:
            p.start()
        results = [out.get(timeout=1800) for _ in procs]
        for p in procs:
            p.join()
        wall = time.perf_counter() - t0
        time.sleep(0.5)  # the last notifications
        if listener is not None:
            listener.stop()
        failures = [p.exitcode for p in procs if p.exitcode]
        issued: Counter = Counter()
        outcomes: Counter = Counter()
        refusals: Counter = Counter()
        marks: dict[str, float] = {}
        for r in results:
            issued.update(r["issued"])
            outcomes.update(r["outcomes"])
            refusals.update(r["refusals"])
            marks.update(r["marks"])
        with store.read() as s:
            final = dict(s.execute(select(StockLine.id, StockLine.quantity).where(StockLine.id.in_(opening))).all())
            negative = s.scalar(select(func.count()).select_from(StockLine).where(StockLine.quantity < 0))
            ledger_problems = ledger.check(s)
            calls_after = s.scalar(select(func.count()).select_from(CallRecord))
        lost = {line: (opening[line] - final[line], issued[line]) for line in opening
                if opening[line] - final[line] != issued[line]}
        with store.engine.connect() as conn:
            verified = audit.verify(conn, db_path=None if store.server else Path(target))
        store.close()
        latencies = sorted((heard[k] - t) * 1000 for k, t in marks.items() if k in heard)
        spent = sorted(x for r in results for x in r["spent"])
        return dict(backend=backend, wall=wall, failures=failures, outcomes=outcomes, refusals=refusals,
                    lost=lost, negative=negative, ledger_problems=ledger_problems, opening=opening, final=final,
                    calls_missing=sum(r["calls"] for r in results) - (calls_after - calls_before),
                    verified=verified, latencies=latencies, marks=len(marks), spent=spent)
    finally:
        if server is not None:
            server.stop()


def _pct(values, p):
    return values[min(len(values) - 1, int(len(values) * p))] if values else float("nan")


def report(r: dict) -> None:
    done = sum(v for k, v in r["outcomes"].items() if not k.endswith("refused"))
    print(f"== {r['backend']}: {done} actions done, {sum(r['outcomes'].values()) - done} refused, "
          f"{r['wall']:.1f} s wall ({done / r['wall']:.0f} actions/s); seat processes failed: {r['failures'] or 'none'}")
    print("   outcomes:", dict(sorted(r["outcomes"].items())))
    for (kind, why), n in sorted(r["refusals"].items(), key=lambda kv: -kv[1])[:6]:
        print(f"   refused {kind} ×{n}: {why}")
    sp = r["spent"]
    print(f"   action time: median {statistics.median(sp) * 1000:.1f} ms, p95 {_pct(sp, 0.95) * 1000:.1f} ms")
    print(f"   stock lines {r['opening']} -> {r['final']}; lost updates: {len(r['lost'])} {r['lost'] or ''}; "
          f"lines below zero: {r['negative']}; ledger check: {r['ledger_problems'] or 'holds'}")
    print(f"   calls recorded but missing: {r['calls_missing']}")
    v = r["verified"]
    ok = v.broken_id is None and not v.problems
    print(f"   audit chain: {'verifies' if ok else 'DOES NOT verify'} ({v.checked} entries)"
          + ("" if ok else f": {v.reason} {v.problems[:3]}"))
    lat = r["latencies"]
    if lat:
        print(f"   notification commit->heard: {len(lat)}/{r['marks']} heard, median {statistics.median(lat):.1f} ms, "
              f"p95 {_pct(lat, 0.95):.1f} ms, max {lat[-1]:.1f} ms")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seats", type=int, default=4)
    ap.add_argument("--actions", type=int, default=500)
    ap.add_argument("--backend", choices=("postgresql", "sqlite", "both"), default="both")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="cd-seats-"))
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")  # the audit key, inherited by the seat processes
    os.environ["XDG_DATA_HOME"] = str(tmp / "data")
    os.environ["XDG_CACHE_HOME"] = str(tmp / "cache")  # the demo template is built here, not in the user's cache
    try:
        for backend in (("postgresql", "sqlite") if args.backend == "both" else (args.backend,)):
            report(run(backend, args.seats, args.actions, tmp))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
