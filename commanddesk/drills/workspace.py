"""A drill's own database: a copy of the reference data with no incidents in it.

The real store is only read (through SQLite's backup API), never written, so a
drill leaves it byte-identical; deleting the drill file deletes the drill.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .. import cipher, paths


def drills_dir() -> Path:
    """Where drill databases are kept."""
    folder = paths.data_dir() / "drills"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def create(reference: Path, target: Path) -> Path:
    """Copy *reference* to *target* and remove every incident and what hangs off it."""
    if target.exists():
        raise FileExistsError(target)
    src = cipher.connect(reference, read_only=True)
    dst = cipher.connect(target, key=cipher.passphrase() if cipher.is_encrypted(reference) else None)  # encrypted alike
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
        # The real audit log names real callers and what they reported: a drill starts its own log
        # (opening the drill store reseals every row it keeps, so its log still verifies).
        guard = dst.execute("SELECT sql FROM sqlite_master WHERE type='trigger' AND name='audit_log_no_delete'").fetchone()
        dst.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
        dst.execute("DELETE FROM audit_log")
        if guard is not None:
            dst.execute(guard[0])
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


@dataclass(frozen=True)
class DrillFile:
    """A drill database on disk as the user knows it: its scenario's title and when it was started."""

    path: Path
    title: str
    started: datetime | None


def _started_from_name(path: Path) -> datetime | None:
    """The start time written into the file name by ``new_path`` (UTC)."""
    try:
        stamp = "-".join(path.stem.split("-")[-2:])
        return datetime.strptime(stamp, "%Y%m%d-%H%M%S").replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def describe(path: Path) -> DrillFile:
    """Read a drill file's scenario title and start time (read-only; never fails on a damaged file)."""
    from ..errors import UserError
    from .scenario import find

    values: dict[str, str] = {}
    try:
        con = cipher.connect(path, read_only=True)
        try:
            values = dict(con.execute(
                "SELECT key, value FROM setting WHERE key IN ('drill_scenario', 'drill_started')").fetchall())
        finally:
            con.close()
    except (UserError, *cipher.errors()):
        pass
    title = "演练（脚本不详）"
    if values.get("drill_scenario"):
        try:
            title = find(values["drill_scenario"]).title
        except UserError:
            title = "演练（脚本已不在本机）"
    started = None
    if values.get("drill_started"):
        try:
            started = datetime.fromisoformat(values["drill_started"])
        except ValueError:
            started = None
    if started is not None and started.tzinfo is None:
        started = started.replace(tzinfo=timezone.utc)
    return DrillFile(path, title, started or _started_from_name(path))


def listing() -> list[DrillFile]:
    """The drill databases kept on this computer, newest first."""
    files = [describe(p) for p in drills_dir().glob("drill-*.sqlite")]
    oldest = datetime.min.replace(tzinfo=timezone.utc)
    return sorted(files, key=lambda d: d.started or oldest, reverse=True)
