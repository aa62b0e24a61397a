"""Speed of team recommendation and material fill plans (not part of the test suite).

    .venv/bin/python benchmarks/dispatch.py

Builds an in-memory store with 5,000 rescue teams of the 21 demo team types,
500 depots on three levels holding 100 items each (50,000 stock lines) and an
incident, then times ``dispatch_recommend.recommend`` (capable, available, ranked by ETA
with reasons) and ``ledger.plan_fill`` (2,000 life jackets and 50 generators to
a county). Target: each under 50 ms. Prints the median and the slowest of 30 runs.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert  # noqa: E402

from commanddesk.clock import BEIJING, FixedClock  # noqa: E402
from commanddesk.models import (  # noqa: E402
    Incident, Jurisdiction, MaterialItem, RescueTeam, StockLine, TeamType, Warehouse,
)
from commanddesk.rules import dispatch as rules  # noqa: E402
from commanddesk.services import dispatch_recommend, ledger  # noqa: E402
from commanddesk.store import open_store  # noqa: E402

TEAMS, DEPOTS, ITEMS, RUNS = 5_000, 500, 100, 30
TARGET_MS = 50


def build():
    """An in-memory store filled with a synthetic city of teams and depots."""
    rnd = random.Random(6)
    store = open_store(None, FixedClock(datetime(2026, 11, 23, 22, 0, tzinfo=BEIJING)))
    types = list(rules.load().capabilities)
    counties = [(f"3207{c:02d}", 34.3 + 0.1 * c, 119.0 + 0.08 * c) for c in range(11, 21)]
    with store.engine.begin() as conn:
        conn.execute(insert(Jurisdiction), [{"code": "320700", "name": "某市", "level": "city", "lat": 34.6,
                                             "lon": 119.2}])
        conn.execute(insert(Jurisdiction), [{"code": c, "name": f"第{i}区", "level": "county", "parent_code": "320700",
                                             "lat": la, "lon": lo} for i, (c, la, lo) in enumerate(counties)])
        towns = [(f"{c}{t:03d}", c, la + rnd.uniform(-0.1, 0.1), lo + rnd.uniform(-0.1, 0.1))
                 for c, la, lo in counties for t in range(1, 11)]
        conn.execute(insert(Jurisdiction), [{"code": code, "name": f"{code}街道", "level": "town", "parent_code": p,
                                             "lat": la, "lon": lo} for code, p, la, lo in towns])
        conn.execute(insert(TeamType), [{"code": t, "name": f"{t}队", "english": t, "default_speed_kmh": 40,
                                         "assembles_on_order": False} for t in types])
        conn.execute(insert(RescueTeam), [
            {"code": f"T{i:05d}", "name": f"救援队{i}", "team_type": rnd.choice(types), "tier": "professional",
             "lead_unit": "", "host": "", "headcount": 30, "on_duty": rnd.randint(0, 30),
             "standing": rnd.random() < 0.4, "capabilities": "", "equipment": "", "base_address": "",
             "lat": 34.0 + rnd.random(), "lon": 118.7 + rnd.random(), "leader": "", "duty_phone": "",
             "radio_channel": "", "status": "available" if rnd.random() < 0.9 else "unavailable", "version": 1}
            for i in range(TEAMS)])
        conn.execute(insert(MaterialItem), [{"id": i, "code": f"M{i:04d}", "name": f"物资{i}", "category": "rescue",
                                             "unit": "件", "spec": "", "perishable": False, "for_vulnerable": False,
                                             "version": 1} for i in range(1, ITEMS + 1)])
        depots = []
        for i in range(1, DEPOTS + 1):
            level = "city" if i <= 5 else "county" if i <= 60 else "town"
            code, _parent, la, lo = rnd.choice(towns)
            depots.append({"id": i, "code": f"W{i:04d}", "name": f"储备库{i}", "level": level, "mode": "physical",
                           "jurisdiction_code": code, "address": "", "lat": la, "lon": lo, "manager": "", "phone": "",
                           "version": 1})
        conn.execute(insert(Warehouse), depots)
        conn.execute(insert(StockLine), [{"warehouse_id": w, "item_id": i, "quantity": rnd.randint(0, 60),
                                          "batch": "", "version": 1}
                                         for w in range(1, DEPOTS + 1) for i in range(1, ITEMS + 1)])
        conn.execute(insert(Incident), [{"id": 1, "title": "危化品泄漏", "category": "accident", "type": "accident.hazmat",
                                         "status": "received", "received_at": datetime(2026, 11, 23, 22, 0, tzinfo=BEIJING),
                                         "place_text": "某化工园区", "lat": 34.5, "lon": 119.2, "summary": "",
                                         "counts": {}, "predicted": {}, "flags": [], "is_drill": False,
                                         "occurred_precision": "exact", "grade_predicted": False, "version": 1},
                                        {"id": 2, "title": "洪涝", "category": "natural", "type": "natural.flood",
                                         "status": "received", "received_at": datetime(2026, 11, 23, 22, 0, tzinfo=BEIJING),
                                         "place_text": "某县", "lat": 34.6, "lon": 119.3, "summary": "",
                                         "counts": {}, "predicted": {}, "flags": [], "is_drill": False,
                                         "occurred_precision": "exact", "grade_predicted": False, "version": 1}])
    return store, counties


def _time(call) -> list[float]:
    call()  # warm caches (rule file, statement compilation)
    out = []
    for _ in range(RUNS):
        t = time.perf_counter()
        call()
        out.append((time.perf_counter() - t) * 1000)
    return out


def _report(label: str, ms: list[float]) -> None:
    verdict = "OK" if statistics.median(ms) < TARGET_MS else "SLOW"
    print(f"{label}: median {statistics.median(ms):.1f} ms, max {max(ms):.1f} ms ({RUNS} runs; target < "
          f"{TARGET_MS} ms: {verdict})")


def main() -> None:
    store, counties = build()
    with store.read() as s:
        for incident_id, label in ((1, "危化品事故"), (2, "洪涝灾害")):
            rec = dispatch_recommend.recommend(s, incident_id)
            _report(f"recommend, {TEAMS:,} teams, {label} ({len(rec.candidates):,} capable and available, "
                    "all ranked with reasons)", _time(lambda i=incident_id: dispatch_recommend.recommend(s, i)))
        dest = ledger.destination(s, "", jurisdiction_code=counties[3][0])
        wants = [(34, 2000), (47, 50)]
        plan = ledger.plan_fill(s, dest, wants)
        _report(f"fill plan, {DEPOTS} depots × {ITEMS} items, 2 items to a county ({len(plan.lines)} plan lines)",
                _time(lambda: ledger.plan_fill(s, dest, wants)))
        _report("recommend + fill plan together",
                _time(lambda: (dispatch_recommend.recommend(s, 1), ledger.plan_fill(s, dest, wants))))
    store.close()


if __name__ == "__main__":
    main()
