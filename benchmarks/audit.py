"""Audit log and sign-in: verify time on the demo store and on a grown one; cost of a write; PIN guessing.

    .venv/bin/python benchmarks/audit.py [--calls N]

Works in a temporary directory (its own config dir for the audit keys); the user's files are not touched.
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
    ap.add_argument("--calls", type=int, default=1000, help="calls recorded to grow the store")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="cd-audit-bench-"))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(tmp / var.lower())
    from datetime import datetime, timedelta

    from commanddesk.clock import BEIJING, FixedClock
    from commanddesk.services import accounts, audit, demo, incidents
    from commanddesk.store import open_store

    path = tmp / "demo.sqlite"
    shutil.copyfile(demo.template(), path)
    clock = FixedClock(datetime(2026, 11, 23, 22, 0, tzinfo=BEIJING))
    store = open_store(path, clock)

    def verify() -> tuple[float, audit.VerifyResult]:
        t = time.perf_counter()
        with store.read() as s:
            result = audit.verify(s.connection(), store.seal)
        return time.perf_counter() - t, result

    seconds, result = verify()
    print(f"demo store: verify {seconds * 1000:.0f} ms, {result.checked} entries, {result.rows_checked} rows, "
          f"ok={result.ok}")
    with store.transaction() as s:
        store.actor = accounts.sign_in(s, demo.DEMO_OFFICER, "111111")
    t = time.perf_counter()
    for n in range(args.calls):
        clock.advance(minutes=1)
        with store.transaction() as s:
            incidents.record_call(s, incidents.CallInput(
                category="accident", type="accident.explosion", place_text="开发区朝阳街道纬三路",
                caller_name=f"来电人{n}", counts={"deaths": n % 5}))
    per_call = (time.perf_counter() - t) / args.calls
    seconds, result = verify()
    print(f"after {args.calls} calls: {per_call * 1000:.1f} ms per recorded call (with digests, MAC, anchor); "
          f"verify {seconds * 1000:.0f} ms, {result.checked} entries, {result.rows_checked} rows, ok={result.ok}")

    # PIN guessing against the real scrypt cost: one guess every second for an hour of clock time
    with store.transaction() as s:
        accounts.create_operator(s, "基准账户", "duty_officer", "246810", check=False)
    checked = refused = 0
    t = time.perf_counter()
    for n in range(3600):
        clock.advance(seconds=1)
        try:
            with store.transaction() as s:
                accounts.sign_in(s, "基准账户", f"{n:06d}")
        except Exception as exc:  # noqa: BLE001 - PermissionDenied
            if "锁定" in str(exc):
                refused += 1
            else:
                checked += 1
    wall = time.perf_counter() - t
    print(f"PIN guessing, 3600 tries in 1 h of clock: {checked} PINs checked, {refused} refused as locked "
          f"({checked / 60:.2f} checked per minute; {wall:.1f} s wall time, every try audited)")
    store.close()
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
