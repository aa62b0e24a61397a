"""Post and command vehicle: export and import of a day's work (≈ 2,000 changed rows), package size.

    .venv/bin/python benchmarks/sync.py [--incidents N] [--calls N] [--issues N]
    .venv/bin/python benchmarks/sync.py --incidents 300 --calls 300 --issues 0   # 300 new incidents

Targets (#18): export < 2 s, import < 2 s, package < 1 MB. Works in a temporary directory with its own
config dir for the keys; the user's files are not touched.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--incidents", type=int, default=30, help="new incidents recorded on the vehicle")
    ap.add_argument("--calls", type=int, default=800, help="calls on the vehicle, the first of each a new incident")
    ap.add_argument("--issues", type=int, default=500, help="stock issues on the vehicle")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="cd-sync-bench-"))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(tmp / var.lower())
    from datetime import datetime

    from sqlalchemy import select

    from commanddesk.clock import BEIJING, FixedClock
    from commanddesk.models import Operator, StockLine
    from commanddesk.services import auth, demo, incidents, ledger, sync
    from commanddesk.store import open_store

    post_path, vehicle_path = tmp / "post.sqlite", tmp / "vehicle.sqlite"
    shutil.copyfile(demo.template(), post_path)
    clock = FixedClock(datetime(2026, 11, 23, 8, 0, tzinfo=BEIJING))
    post = open_store(post_path, clock)
    demo.stage_incidents(post)
    vehicle = open_store(vehicle_path, clock)
    with post.read() as s:  # taking a vehicle out is a leader's; the exchange the duty officer's
        leader, officer = (s.scalar(select(Operator).where(Operator.role == role)) for role in ("shift_leader",
                                                                                               "duty_officer"))
    leader = auth.Actor(leader.id, leader.name, auth.Role(leader.role))
    t = time.perf_counter()
    sync.init(post, vehicle, "车1", actor=leader)
    print(f"sync init: {time.perf_counter() - t:.2f} s")
    with vehicle.transaction() as s:
        op = s.scalar(select(Operator).where(Operator.name == demo.DEMO_OFFICER))
        vehicle.actor = post.actor = auth.Actor(op.id, op.name, auth.Role(op.role))
    with vehicle.transaction() as s:
        made: list[int] = []
        for i in range(args.calls):
            clock.advance(minutes=1)
            follow = made[i % len(made)] if len(made) >= args.incidents else None
            r = incidents.record_call(s, incidents.CallInput(
                category="natural", type="natural.rainstorm", place_text=f"板桥街道第{i % args.incidents}处积水点",
                counts={"relocated": i}, caller_unit="板桥街道办事处", course="低洼片区积水"), incident_id=follow)
            if follow is None:
                made.append(r.incident_id)
        lines = s.scalars(select(StockLine).where(StockLine.quantity > 0).order_by(StockLine.id)).all()
        done = 0
        for line in lines:
            while line.quantity > 0 and done < args.issues:
                ledger.issue(s, line.id, 1, "车载发放")
                done += 1
            if done >= args.issues:
                break
    t = time.perf_counter()
    result = sync.export(vehicle, tmp / "day.cdsync")
    export_s = time.perf_counter() - t
    rows = sum(result.counts.values())
    t = time.perf_counter()
    imported = sync.import_package(post, result.path)
    import_s = time.perf_counter() - t
    print(f"changed rows in the package: {rows} ({result.counts})")
    print(f"export: {export_s:.2f} s   import: {import_s:.2f} s (applied {imported.applied}, "
          f"conflicts {imported.conflicts})   package: {result.size / 1024:.0f} KiB")
    print("targets: export < 2 s, import < 2 s, package < 1 MB:",
          "met" if export_s < 2 and import_s < 2 and result.size < 1_000_000 else "NOT met")
    vehicle.close()
    post.close()
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
