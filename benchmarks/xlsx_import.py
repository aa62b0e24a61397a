"""Re-importing an unchanged Excel export of a large registry (#20: 100,000 contacts took 892 s holding the
write lock, so the other seat was refused).

    .venv/bin/python benchmarks/xlsx_import.py [--rows 100000] [--work /tmp/20b-xlsx]

A copy of the demo store gets N extra contacts (inserted directly, so the setup is quick), the contacts
registry is exported as the UI does, then the export is imported again: the time to read the file (outside
the transaction since this change), the time inside the transaction (the write lock), and that nothing changed.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--work", default="/tmp/20b-xlsx")
    args = ap.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    for key in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[key] = str(work / key.lower())

    from commanddesk.clock import SystemClock
    from commanddesk.services import demo, spreadsheets
    from commanddesk.services.accounts import sign_in
    from commanddesk.store import open_store

    path = work / "store.sqlite"
    export = work / f"contacts-{args.rows}.xlsx"
    if not path.exists():
        shutil.copyfile(demo.template(), path)
        conn = sqlite3.connect(path)
        conn.executemany("INSERT INTO contact (name, organisation_id, post, office_phone, mobile, duty_role, notes, version)"
                         " VALUES (?, 1, '值班员', '0518-89722818', ?, 'officer', '', 1)",
                         ((f"联系人{i:06d}", f"139{i:08d}") for i in range(args.rows)))
        conn.commit()
        conn.close()
        export.unlink(missing_ok=True)
    store = open_store(path, SystemClock())
    with store.transaction() as s:
        store.actor = sign_in(s, "赵磊", "999999")
    spec = spreadsheets.spec_for("contacts")
    if not export.exists():
        t = time.monotonic()
        with store.read() as s:
            n = spreadsheets.export(s, spec, export)
        print(f"export: {n} rows, {export.stat().st_size / 1e6:.1f} MB in {time.monotonic() - t:.1f} s")
    cpu, t = time.process_time(), time.monotonic()
    sheet = spreadsheets.read(export, spec)
    read_wall, read_cpu = time.monotonic() - t, time.process_time() - cpu
    cpu, t = time.process_time(), time.monotonic()
    with store.transaction() as s:
        result = spreadsheets.import_file(s, spec, sheet)
    lock_wall, lock_cpu = time.monotonic() - t, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"read the file (no lock): {read_wall:.1f} s wall, {read_cpu:.1f} s CPU, {len(sheet.body)} rows")
    print(f"import in the transaction (write lock): {lock_wall:.1f} s wall, {lock_cpu:.1f} s CPU")
    print(f"result: {result.message()}  peak RSS {peak:.0f} MB")
    store.close()


if __name__ == "__main__":
    main()
