"""A drill's own database: a copy of the reference data with no incidents in it.

The real store is only read (through SQLite's backup API), never written, so a
drill leaves it byte-identical; deleting the drill file deletes the drill.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from .. import paths


def drills_dir() -> Path:
    """Where drill databases are kept."""
    folder = paths.data_dir() / "drills"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def create(reference: Path, target: Path) -> Path:
    """Copy *reference* to *target* and remove every incident and what hangs off it."""
    if target.exists():
        raise FileExistsError(target)
    src = sqlite3.connect(f"file:{reference}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
    try:
        dst.execute("PRAGMA foreign_keys=OFF")
        tables = [r[0] for r in dst.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        # append-only ledgers (audit log, stock movements) keep their rows: stock is derived from them
        append_only = {r[0] for r in dst.execute(
            "SELECT tbl_name FROM sqlite_master WHERE type='trigger' AND sql LIKE '%BEFORE DELETE%'")}
        for table in tables:
            cols = {r[1] for r in dst.execute(f"PRAGMA table_info('{table}')")}
            if "incident_id" in cols and table not in append_only:
                dst.execute(f"DELETE FROM '{table}'")
        dst.execute("DELETE FROM incident")
        dst.execute("INSERT OR REPLACE INTO setting (key, value) VALUES ('workspace', 'drill')")
        dst.commit()
    finally:
        dst.close()
    return target


def new_path(scenario_id: str, when: datetime) -> Path:
    """A fresh file name for a drill of *scenario_id* started at *when*."""
    return drills_dir() / f"drill-{scenario_id}-{when.strftime('%Y%m%d-%H%M%S')}.sqlite"


def delete(path: Path) -> None:
    """Remove a drill database and its WAL files."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
