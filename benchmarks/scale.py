"""The ten-year store (issue #22): build it once, then time the incidents list, statistics and audit verify.

    .venv/bin/python benchmarks/scale.py [--years N] [--rebuild]

The store is built with ``commanddesk demo create build/scale.sqlite --years 10`` and kept (cached) in
build/; its audit key lives in build/scale-config, so the user's files are not touched.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BUILD = ROOT / "build"


def _timed(label: str, fn, repeat: int = 3):
    best, out = None, None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        took = time.perf_counter() - t
        best = took if best is None else min(best, took)
    print(f"{label}: {best * 1000:.0f} ms (best of {repeat})")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--rebuild", action="store_true", help="build the store again even if it is cached")
    args = ap.parse_args()
    BUILD.mkdir(exist_ok=True)
    for var, sub in (("XDG_CONFIG_HOME", "scale-config"), ("XDG_DATA_HOME", "scale-data"), ("XDG_CACHE_HOME", "scale-cache")):
        os.environ[var] = str(BUILD / sub)
    db = BUILD / ("scale.sqlite" if args.years == 10 else f"scale-{args.years}y.sqlite")
    if args.rebuild:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    from commanddesk.cli import main as cli

    if not db.exists():
        t = time.perf_counter()
        tmp = db.with_name(db.name + ".part")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)
        if cli(["demo", "create", str(tmp), "--years", str(args.years)]) != 0:
            sys.exit("building the store failed")
        os.replace(tmp, db)
        print(f"built {db.name} ({args.years} years) in {time.perf_counter() - t:.1f} s")
    print(f"file size: {db.stat().st_size / 1e6:.0f} MB")

    from datetime import date

    from sqlalchemy import func, select

    from commanddesk.models import AuditEntry, Incident
    from commanddesk.services import audit, incidents, statistics
    from commanddesk.store import open_store

    store = open_store(db)
    try:
        with store.read() as s:
            n = s.scalar(select(func.count()).select_from(Incident))
            entries = s.scalar(select(func.count()).select_from(AuditEntry))
            print(f"incidents {n}, audit entries {entries}")
            _timed("incident list, first page (services.incidents.list_page)", lambda: len(incidents.list_page(s).incidents))
            for typed in ("火", "火灾 海州", "#54321"):
                _timed(f"incident list filtered by “{typed}”", lambda: incidents.list_page(s, typed).total)
            _timed("incident list, page 100 (更多 pressed 99 times)", lambda: len(incidents.list_page(s, offset=19_800).incidents))
            s.expire_all()
            st = _timed("statistics.compute over everything",
                        lambda: statistics.compute(s, date(2000, 1, 1), store.clock.now().date()), repeat=3)
            print(f"  counted {st.incidents} incidents, {st.decided} report deadlines")
        with store.engine.connect() as conn:
            result = _timed("audit verify", lambda: audit.verify(conn, store.seal), repeat=1)
        print("  " + result.message().splitlines()[0])
    finally:
        store.close()


if __name__ == "__main__":
    main()
