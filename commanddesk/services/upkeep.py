"""Scheduled housekeeping: ANALYZE daily and VACUUM weekly at a quiet hour, run by the app. No Qt.

The administrator sets the quiet hour (``housekeeping_hour``, Beijing time) and the two intervals in
days (``housekeeping_analyze_days``, ``housekeeping_vacuum_days``; 0 turns a job off). At that hour a
seat whose clock finds a job due runs it; a job missed because no seat was running then is run by the
next seat that finds it a day overdue, at start or later. Nothing runs while another seat is signed in
(its saves would wait on VACUUM's lock). Each run is audited and its time kept in the store, so every
seat sees it; a run by hand (设置 → 整理数据库) counts too. Time comes from the store's clock.

VACUUM is ``housekeeping.tidy`` (it analyzes too); ANALYZE alone runs through the store's own engine,
so it works on every store the app can open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import inspect, text
from sqlalchemy.orm import Session

from . import housekeeping
from .housekeeping import STEPS, Progress, Tidied

HOUR_KEY, ANALYZE_KEY, VACUUM_KEY = "housekeeping_hour", "housekeeping_analyze_days", "housekeeping_vacuum_days"
ANALYZED_AT, VACUUMED_AT = "housekeeping_analyzed_at", "housekeeping_vacuumed_at"
GRACE = timedelta(days=1)  # this long past its interval, a job runs outside the quiet hour
EARLY = timedelta(hours=2)  # a job run at 03:40 yesterday is due again at 03:05 today
JOB_LABELS = {"vacuum": "整理数据库（VACUUM 与 ANALYZE）", "analyze": "更新查询统计信息（ANALYZE）"}


@dataclass(frozen=True)
class Schedule:
    hour: int  # Beijing hour in which the jobs run (0-23)
    analyze_days: int  # 0: never on schedule
    vacuum_days: int


def _int_setting(session: Session, key: str, lo: int, hi: int) -> int:
    from . import settings

    default = int(settings.DEFAULTS[key])
    try:
        value = int(settings.get(session, key).strip())
    except ValueError:
        return default
    return value if lo <= value <= hi else default


def schedule(session: Session) -> Schedule:
    """The post's schedule (defaults: the 03 o'clock hour, ANALYZE every day, VACUUM every 7 days)."""
    return Schedule(_int_setting(session, HOUR_KEY, 0, 23), _int_setting(session, ANALYZE_KEY, 0, 365),
                    _int_setting(session, VACUUM_KEY, 0, 365))


def _when(session: Session, key: str) -> datetime | None:
    from . import settings

    value = settings.get(session, key)
    try:
        at = datetime.fromisoformat(value) if value else None
    except ValueError:
        return None
    return at.replace(tzinfo=timezone.utc) if at is not None and at.tzinfo is None else at


def last_runs(session: Session) -> tuple[datetime | None, datetime | None]:
    """When ANALYZE and VACUUM last ran on this store (None: never)."""
    return _when(session, ANALYZED_AT), _when(session, VACUUMED_AT)


def due(session: Session, now: datetime) -> str | None:
    """The job to run at *now*: "vacuum" (which analyzes too), "analyze" or None.

    In the quiet hour a job is due once its interval has passed since it last ran (two hours' leeway,
    so a daily job does not creep later each day); at any hour once it is a day overdue. A job that
    never ran waits for the quiet hour.
    """
    from ..clock import to_beijing

    plan = schedule(session)
    quiet = to_beijing(now).hour == plan.hour
    analyzed, vacuumed = last_runs(session)

    def wants(days: int, last: datetime | None) -> bool:
        if days <= 0:
            return False
        if last is None:
            return quiet
        age = now - last
        return (quiet and age >= timedelta(days=days) - EARLY) or age >= timedelta(days=days) + GRACE

    if wants(plan.vacuum_days, vacuumed):
        return "vacuum"
    if wants(plan.analyze_days, max(filter(None, (analyzed, vacuumed)), default=None)):
        return "analyze"
    return None


def others_signed_in(session: Session, now: datetime, seat: str) -> list[str]:
    """Seats other than *seat* where someone is signed in now (heard from within the stale limit)."""
    from . import presence

    return [s.seat for s in presence.seats(session, now) if s.seat != seat and not s.stale]


def analyze(store, progress: Progress | None = None) -> Tidied:
    """ANALYZE every table of *store*, one at a time, through its own engine (fresh planner statistics)."""
    report = progress or (lambda _d, _t, _w: None)
    size = _size(store)
    with store.engine.connect() as conn:
        tables = sorted(inspect(conn).get_table_names())
        report(0, STEPS, "ANALYZE")
        for n, table in enumerate(tables, 1):
            conn.execute(text(f'ANALYZE "{table}"'))
            conn.commit()
            report(n * STEPS // max(1, len(tables)), STEPS, table)
    report(STEPS, STEPS, "")
    return Tidied(len(tables), size, _size(store))


def _size(store) -> int | None:
    from pathlib import Path

    from ..store import is_url

    location = getattr(store, "location", None)
    if location is None or is_url(location) or not Path(location).is_file():
        return None
    return Path(location).stat().st_size


def run(store, job: str, progress: Progress | None = None) -> Tidied:
    """Do *job* on *store*: "vacuum" (VACUUM and ANALYZE, housekeeping.tidy) or "analyze"."""
    if job == "vacuum":
        return housekeeping.tidy(store.location, progress)
    if job == "analyze":
        return analyze(store, progress)
    raise ValueError(f"unknown housekeeping job {job!r}")


def record_run(session: Session, job: str, result: Tidied, scheduled: bool) -> None:
    """Keep when *job* ran (VACUUM analyzes too) and audit it, in the caller's transaction."""
    from . import audit, settings

    stamp = session.info["clock"].now().astimezone(timezone.utc).isoformat()
    settings.put(session, ANALYZED_AT, stamp, check=False)
    if job == "vacuum":
        settings.put(session, VACUUMED_AT, stamp, check=False)
    audit.record(session, "housekeeping", "database", "", None,
                 {"job": job, "scheduled": scheduled, "tables": result.tables,
                  "size_before": result.size_before, "size_after": result.size_after})


def describe_schedule(plan: Schedule, analyzed: datetime | None, vacuumed: datetime | None) -> str:
    """One Chinese line: the schedule and the last runs (Beijing time)."""
    from ..clock import format_beijing

    def every(days: int, what: str) -> str:
        return f"{what}不定期执行" if days <= 0 else f"每 {days} 天{what}" if days > 1 else f"每天{what}"

    last = "；".join(f"上次{label}：{format_beijing(at) if at else '尚未执行'}"
                     for label, at in (("更新统计", analyzed), ("整理", vacuumed)))
    return (f"定时整理：{every(plan.analyze_days, '更新统计信息')}、{every(plan.vacuum_days, '整理数据库')}，"
            f"于北京时间 {plan.hour:02d}:00–{plan.hour:02d}:59 其他席位无人签到时进行；{last}。")


def set_schedule(session: Session, hour: int, analyze_days: int, vacuum_days: int) -> None:
    """Store the schedule (administrators only: the keys are the post's settings; audited like any setting)."""
    from ..errors import ValidationError
    from . import settings

    if not 0 <= hour <= 23:
        raise ValidationError("整理时段应为 0 至 23 时。", HOUR_KEY)
    for days, key in ((analyze_days, ANALYZE_KEY), (vacuum_days, VACUUM_KEY)):
        if not 0 <= days <= 365:
            raise ValidationError("间隔天数应为 0 至 365（0 为不定时执行）。", key)
    for key, value in ((HOUR_KEY, hour), (ANALYZE_KEY, analyze_days), (VACUUM_KEY, vacuum_days)):
        if settings.get(session, key) != str(value):
            settings.put(session, key, str(value))
