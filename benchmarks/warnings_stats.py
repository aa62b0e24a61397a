"""Benchmark: statistics over 100,000 incidents, and importing one CAP 1.2 file (not part of the tests).

    .venv/bin/python benchmarks/warnings_stats.py [--incidents 100000] [--runs 5]

Builds a store in a temporary folder with N real incidents over one year (plus
drills and voided ones that must not count) and three clocks each, inserted in
bulk (no audit entries: this measures the queries, not the loader), then times
``statistics.compute`` for the whole year (target < 300 ms) and
``warnings.import_cap`` of one file (parse, record, forwarding clock).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics as stats_mod
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TYPES = [("natural", "natural.flood"), ("natural", "natural.rainstorm"), ("natural", "natural.geohazard"),
         ("accident", "accident.explosion"), ("accident", "accident.hazmat"), ("accident", "accident.fire"),
         ("health", "health.food_poisoning"), ("social", "social.mass_incident")]
RULES = [("C-LEADER-10", "报告带班领导", 10), ("C-DIS-2H", "灾情初报（2 小时）", 120),
         ("C-LEVEL-2H", "逐级上报（2 小时）", 120)]


def build(path: Path, n: int):
    from sqlalchemy import insert

    from commanddesk.clock import FixedClock
    from commanddesk.models import ClockInstance, Incident
    from commanddesk.store import open_store

    now = datetime(2026, 12, 31, 16, 0, tzinfo=timezone.utc)
    store = open_store(path, FixedClock(now))
    rnd = random.Random(2026)
    start = datetime(2025, 12, 31, 16, 0, tzinfo=timezone.utc)
    rows, clocks = [], []
    for i in range(1, n + 1):
        cat, typ = rnd.choice(TYPES)
        at = start + timedelta(seconds=rnd.randrange(365 * 86400))
        rows.append(dict(id=i, title=f"基准事件{i}", category=cat, type=typ, status="terminated",
                         grade=rnd.choice([None, 4, 4, 4, 3, 3, 2, 1]), received_at=at,
                         is_drill=i % 50 == 0, version=1, grade_predicted=False, grading_facts={},
                         counts={}, predicted={}, flags=[], measures={}, warning="", summary="",
                         place_text="", occurred_precision="exact"))
        for rule, name, minutes in RULES:
            due = at + timedelta(minutes=minutes)
            state = rnd.choices(["met", "met_late", "open"], [85, 12, 3])[0]
            clocks.append(dict(incident_id=i, rule_id=rule, name=name, kind="written", anchor="receipt",
                               anchor_at=at, due_at=due, warn_at=due, state=state, slot="", recipient="",
                               ruleset_version="2026.1", satisfied_by=[], note="", created_at=at,
                               late_minutes=rnd.randint(1, 90) if state == "met_late" else None))
    for r in rows[::97]:
        r["status"] = "voided"
    with store.engine.begin() as conn:
        conn.execute(insert(Incident.__table__), rows)
        conn.execute(insert(ClockInstance.__table__), clocks)
    return store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_DATA_HOME"] = os.environ["XDG_CACHE_HOME"] = tmp
        from commanddesk.services import accounts, statistics, warnings

        t0 = time.perf_counter()
        store = build(Path(tmp) / "bench.sqlite", args.incidents)
        print(f"store with {args.incidents:,} incidents built in {time.perf_counter() - t0:.1f} s")
        times = []
        for _ in range(args.runs):
            with store.read() as s:
                t = time.perf_counter()
                st = statistics.compute(s, date(2026, 1, 1), date(2026, 12, 31))
                times.append(time.perf_counter() - t)
        print(f"statistics.compute, one year: median {stats_mod.median(times) * 1000:.0f} ms "
              f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}); {st.incidents:,} counted, "
              f"{st.decided:,} clocks decided, on time {st.on_time_rate:.1%}  [target < 300 ms]")
        with store.transaction() as s:
            accounts.create_operator(s, "基准值班员", "duty_officer", "123456", check=False, n=2**4)
        with store.transaction() as s:
            store.actor = accounts.sign_in(s, "基准值班员", "123456")
        sys.path.insert(0, str(ROOT))
        from tests.test_cap import alert

        times = []
        for i in range(args.runs):
            data = alert(ident=f"B-{i}", expires="2027-06-01T00:00:00+08:00")
            t = time.perf_counter()
            with store.transaction() as s:
                warnings.import_cap(s, data, "bench.xml")
            times.append(time.perf_counter() - t)
        print(f"warnings.import_cap, one file: median {stats_mod.median(times) * 1000:.1f} ms "
              f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f})")
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
