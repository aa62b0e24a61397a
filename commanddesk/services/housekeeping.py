"""Housekeeping of the database: VACUUM (give back the space of deleted pages) and ANALYZE (fresh planner
statistics), with progress. No Qt.

A store of ten years is several hundred megabytes; SQLite reuses freed pages but never shrinks the file
by itself, and its query planner chooses indexes from the statistics ANALYZE leaves. On PostgreSQL,
``VACUUM (ANALYZE)`` runs table by table (autovacuum does the same on its own; this is the on-demand one).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .. import cipher
from ..errors import UserError

Progress = Callable[[int, int, str], None]
"""progress(done, total, what): called as the work goes on; done == total at the end."""

STEPS = 1000  # progress is reported in thousandths
_VACUUM_SHARE = 900  # SQLite: VACUUM is most of the work, ANALYZE the rest
_OPS_PER_PAGE = 110  # virtual-machine steps VACUUM takes per page (measured on the ten-year store)
_EVERY = 20_000  # steps between two progress reports


@dataclass(frozen=True)
class Tidied:
    """What housekeeping did."""

    tables: int
    size_before: int | None  # bytes of the SQLite file (None on a server)
    size_after: int | None

    def message(self) -> str:
        """One sentence for the user."""
        if self.size_before is None:
            return f"已整理数据库：{self.tables} 张表已清理（VACUUM）并更新统计信息（ANALYZE）。"
        freed = max(0, self.size_before - (self.size_after or 0))
        return (f"已整理数据库：{self.tables} 张表，文件 {self.size_before / 1e6:.1f} MB → "
                f"{(self.size_after or 0) / 1e6:.1f} MB（释放 {freed / 1e6:.1f} MB），统计信息已更新。")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def tidy(target: Path | str, progress: Progress | None = None, wait: float = 10.0) -> Tidied:
    """VACUUM and ANALYZE the store at *target* (a SQLite file or a postgresql:// URL).

    Needs the database to itself for a moment on SQLite (other seats' reads wait or are refused with a
    clear message after *wait* seconds); nothing in it changes but its layout. Raises UserError when it
    cannot be done.
    """
    from ..store import is_url

    report = progress or (lambda _d, _t, _w: None)
    if is_url(target):
        return _tidy_server(str(target), report)
    return _tidy_file(Path(target), report, wait)


def _size(path: Path) -> int:
    """Bytes of the database file and its write-ahead log (what is on the disk for it)."""
    wal = path.with_name(path.name + "-wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def _tidy_file(path: Path, report: Progress, wait: float) -> Tidied:
    if not path.is_file():
        raise UserError(f"数据库文件不存在：{path}")
    before = _size(path)
    try:
        conn = cipher.connect(path, timeout=wait, isolation_level=None)  # an encrypted store with its passphrase
    except cipher.errors() as exc:
        raise UserError(f"无法打开数据库：{exc}") from exc
    try:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        expected = max(1, pages * _OPS_PER_PAGE // _EVERY)
        ticks = [0]

        def step() -> int:
            ticks[0] += 1
            report(min(_VACUUM_SHARE - 1, ticks[0] * _VACUUM_SHARE // expected), STEPS, "VACUUM")
            return 0  # go on

        report(0, STEPS, "VACUUM")
        conn.set_progress_handler(step, _EVERY)
        try:
            conn.execute("VACUUM")
        finally:
            conn.set_progress_handler(None, 0)
        report(_VACUUM_SHARE, STEPS, "VACUUM")
        for n, table in enumerate(tables, 1):
            conn.execute(f"ANALYZE {_quote(table)}")
            report(_VACUUM_SHARE + n * (STEPS - _VACUUM_SHARE) // len(tables), STEPS, table)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except cipher.errors() as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise UserError("数据库正被其他席位或程序使用，暂不能整理；请稍后再试（数据未改动）。") from exc
        raise UserError(f"整理数据库未完成（数据未改动）：{exc}") from exc
    finally:
        conn.close()
    report(STEPS, STEPS, "")
    return Tidied(len(tables), before, _size(path))


def _tidy_server(url: str, report: Progress) -> Tidied:
    from sqlalchemy import create_engine, inspect, text
    from sqlalchemy.exc import SQLAlchemyError

    from ..store import server_url

    engine = create_engine(server_url(url), isolation_level="AUTOCOMMIT")  # VACUUM runs outside a transaction
    try:
        with engine.connect() as conn:
            tables = sorted(inspect(conn).get_table_names())
            report(0, STEPS, "")
            for n, table in enumerate(tables, 1):
                conn.execute(text(f"VACUUM (ANALYZE) {_quote(table)}"))
                report(n * STEPS // len(tables), STEPS, table)
    except SQLAlchemyError as exc:
        raise UserError(f"整理数据库未完成（数据未改动）：{str(exc.orig if hasattr(exc, 'orig') else exc).strip()}") \
            from exc
    finally:
        engine.dispose()
    report(STEPS, STEPS, "")
    return Tidied(len(tables), None, None)
