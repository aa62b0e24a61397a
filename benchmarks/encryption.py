"""What an encrypted store (SQLCipher) costs: the same work on a plain and an encrypted copy of the demo store.

    .venv/bin/python benchmarks/encryption.py [--calls N]

Measures, for each copy: opening the store, recording N calls (one transaction each: the intake
service, grading, clocks, audit), `audit verify`, and `db backup`; plus `db encrypt` itself. Works
in a temporary directory with its own config dir (audit keys); the user's files are not touched.
Wall and CPU times are both given (the machine is shared).
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
PASSPHRASE = "benchmark-passphrase-1"


def _timed(fn):
    w, c = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w, time.process_time() - c


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", type=int, default=200, help="calls recorded on each copy")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="cd-cipher-bench-"))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(tmp / var.lower())
    from datetime import datetime

    from commanddesk import cipher
    from commanddesk.clock import BEIJING, FixedClock
    from commanddesk.services import accounts, audit, backup, demo, encryption, incidents
    from commanddesk.services.demo import DEMO_OFFICER
    from commanddesk.store import open_read_only, open_store

    plain, encrypted = tmp / "plain.sqlite", tmp / "encrypted.sqlite"
    shutil.copyfile(demo.template(), plain)
    shutil.copyfile(demo.template(), encrypted)
    clock = FixedClock(datetime(2026, 11, 23, 22, 0, tzinfo=BEIJING))
    _, w, c = _timed(lambda: encryption.encrypt(encrypted, PASSPHRASE, clock))
    print(f"db encrypt (demo, {plain.stat().st_size / 1e6:.1f} MB): {w:.2f} s wall, {c:.2f} s CPU")
    import csv

    with open(demo.DEMO_DIR / "operators.csv", encoding="utf-8") as fh:
        pin = next(r["pin"] for r in csv.DictReader(fh) if r["name"] == DEMO_OFFICER)
    for label, path in (("plain", plain), ("encrypted", encrypted)):
        cipher.set_passphrase(PASSPHRASE if label == "encrypted" else None)
        cipher._derived.clear()  # noqa: SLF001 - each copy pays its key derivation, as a new process does
        store, w, c = _timed(lambda: open_store(path, clock))
        print(f"[{label}] open_store: {w * 1000:.0f} ms wall, {c * 1000:.0f} ms CPU")
        with store.transaction() as s:
            store.actor = accounts.sign_in(s, DEMO_OFFICER, pin)
        times = []
        c0 = time.process_time()
        for i in range(args.calls):
            clock.advance(minutes=3)
            t = time.perf_counter()
            with store.transaction() as s:
                incidents.record_call(s, incidents.CallInput(
                    category="accident", type="accident.fire", place_text=f"演示地点 {i} 号", caller_name=f"来电人{i}",
                    caller_phone="13800000000", course="起火", counts={"injured": i % 3}))
            times.append((time.perf_counter() - t) * 1000)
        cpu = (time.process_time() - c0) * 1000 / args.calls
        times.sort()
        print(f"[{label}] record_call x{args.calls}: median {statistics.median(times):.1f} ms, "
              f"p95 {times[int(len(times) * 0.95)]:.1f} ms wall; {cpu:.1f} ms CPU each")
        store.close()

        def check():
            engine = open_read_only(path)
            try:
                with engine.connect() as conn:
                    return audit.verify(conn, audit.load_seal(conn, path))
            finally:
                engine.dispose()

        result, w, c = _timed(check)
        print(f"[{label}] audit verify ({result.checked} entries, ok={result.ok}): {w:.2f} s wall, {c:.2f} s CPU")
        copy = tmp / f"{label}-backup.sqlite"
        _, w, c = _timed(lambda: backup.backup(path, copy))
        print(f"[{label}] db backup ({copy.stat().st_size / 1e6:.1f} MB): {w:.2f} s wall, {c:.2f} s CPU")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
