"""What an automatic backup costs (services/backup_auto.make: SQLite's online backup, integrity_check and the
audit verification of the copy, then the rotation), on the demo store or a store with years of history.

    .venv/bin/python benchmarks/backup_auto.py [--years N] [--runs N]

--years 0 (the default) backs up a copy of the demo store; --years N builds one with `demo create --years N`
first (each year: 10,000 incidents, 100,000 audit entries; that takes a while and is not timed). Works in a
temporary directory with its own user directories; the user's files are not touched. Wall and CPU times are
both given (the machine is shared). The backups run on the window's worker thread in the app.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--years", type=int, default=0, help="years of synthetic history (0: the demo store)")
    ap.add_argument("--runs", type=int, default=3, help="backups made (one a day by the injected clock)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="cd-backup-bench-"))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(tmp / var.lower())
    from datetime import datetime, timedelta

    from commanddesk.clock import BEIJING
    from commanddesk.services import backup_auto, demo

    try:
        if args.years:
            from commanddesk.cli import main as cli

            store = tmp / f"years-{args.years}.sqlite"
            if cli(["demo", "create", str(store), "--years", str(args.years)]) != 0:
                raise SystemExit("demo create failed")
        else:
            store = demo.fresh_copy()
        size = store.stat().st_size
        start = datetime(2026, 11, 23, 8, tzinfo=BEIJING)
        walls, cpus = [], []
        for day in range(args.runs):
            w, c = time.perf_counter(), time.process_time()
            out = backup_auto.make(store, start + timedelta(days=day), "daily", keep=2)
            walls.append(time.perf_counter() - w)
            cpus.append(time.process_time() - c)
            if not out.ok:
                raise SystemExit(out.message)
        kept = backup_auto.list_backups(store, beside=False)
        print(f"store {size / 1e6:.1f} MB; backup {kept[0].size / 1e6:.1f} MB; {args.runs} backups, {len(kept)} kept")
        print(f"make(): median wall {statistics.median(walls):.2f} s, CPU {statistics.median(cpus):.2f} s "
              f"(max wall {max(walls):.2f} s)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
