"""Scheduled housekeeping (services/upkeep.py), all through the injected clock: what is due when, what a
run leaves behind (its time, an audit entry), and that another seat signed in holds it back."""

import json
from datetime import datetime, timedelta

from sqlalchemy import select

from commanddesk.clock import BEIJING
from commanddesk.models import AuditEntry
from commanddesk.services import audit, presence, settings, upkeep


def _due(store, when: datetime) -> str | None:
    store.clock.set(when)
    with store.read() as s:
        return upkeep.due(s, when)


def _ran(store, job: str) -> None:
    result = upkeep.run(store, job)
    with store.transaction() as s:
        upkeep.record_run(s, job, result, scheduled=True)


def test_a_new_store_waits_for_the_quiet_hour_then_vacuums(store, officer):
    assert _due(store, datetime(2026, 11, 24, 2, 59, tzinfo=BEIJING)) is None
    assert _due(store, datetime(2026, 11, 24, 3, 0, tzinfo=BEIJING)) == "vacuum"
    assert _due(store, datetime(2026, 11, 24, 4, 0, tzinfo=BEIJING)) is None


def test_analyze_daily_and_vacuum_weekly_at_the_quiet_hour(store, officer):
    store.clock.set(datetime(2026, 11, 24, 3, 5, tzinfo=BEIJING))
    _ran(store, "vacuum")
    assert _due(store, datetime(2026, 11, 24, 3, 30, tzinfo=BEIJING)) is None  # done for tonight
    assert _due(store, datetime(2026, 11, 24, 14, 0, tzinfo=BEIJING)) is None  # not the quiet hour
    assert _due(store, datetime(2026, 11, 25, 3, 1, tzinfo=BEIJING)) == "analyze"
    _ran(store, "analyze")
    for day in range(26, 31):
        assert _due(store, datetime(2026, 11, day, 3, 2, tzinfo=BEIJING)) == "analyze"
        _ran(store, "analyze")
    assert _due(store, datetime(2026, 12, 1, 3, 2, tzinfo=BEIJING)) == "vacuum"  # a week after the first


def test_a_job_a_day_overdue_runs_at_any_hour(store, officer):
    store.clock.set(datetime(2026, 11, 24, 3, 5, tzinfo=BEIJING))
    _ran(store, "vacuum")
    assert _due(store, datetime(2026, 11, 25, 15, 0, tzinfo=BEIJING)) is None  # missed tonight's hour: waits
    assert _due(store, datetime(2026, 11, 26, 3, 6, tzinfo=BEIJING)) == "analyze"
    assert _due(store, datetime(2026, 11, 26, 9, 0, tzinfo=BEIJING)) == "analyze"  # a day past: at start
    assert _due(store, datetime(2026, 12, 2, 9, 0, tzinfo=BEIJING)) == "vacuum"


def test_the_administrator_sets_hour_and_intervals(store, officer):
    with store.transaction() as s:
        settings.put(s, upkeep.HOUR_KEY, "13", check=False)
        settings.put(s, upkeep.VACUUM_KEY, "0", check=False)
        settings.put(s, upkeep.ANALYZE_KEY, "2", check=False)
    with store.read() as s:
        assert upkeep.schedule(s) == upkeep.Schedule(13, 2, 0)
    assert _due(store, datetime(2026, 11, 24, 3, 0, tzinfo=BEIJING)) is None
    assert _due(store, datetime(2026, 11, 24, 13, 0, tzinfo=BEIJING)) == "analyze"  # VACUUM is off
    _ran(store, "analyze")
    assert _due(store, datetime(2026, 11, 25, 13, 0, tzinfo=BEIJING)) is None  # every second day
    assert _due(store, datetime(2026, 11, 26, 13, 0, tzinfo=BEIJING)) == "analyze"
    with store.transaction() as s:  # nonsense falls back to the default instead of never running
        settings.put(s, upkeep.HOUR_KEY, "25", check=False)
    with store.read() as s:
        assert upkeep.schedule(s).hour == 3


def test_a_run_is_audited_and_the_chain_holds(store, officer):
    store.clock.set(datetime(2026, 11, 24, 3, 5, tzinfo=BEIJING))
    _ran(store, "vacuum")
    with store.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "housekeeping")).one()
        assert entry.actor_name == "值班员甲" and json.loads(entry.after)["job"] == "vacuum"
        assert json.loads(entry.after)["scheduled"] is True
        analyzed, vacuumed = upkeep.last_runs(s)
        assert analyzed == vacuumed == store.clock.now()
        assert "上次整理：2026-11-24 03:05" in upkeep.describe_schedule(upkeep.schedule(s), analyzed, vacuumed)
        assert audit.verify(s.connection(), store.seal).ok


def test_analyze_reports_progress_to_the_end(store, officer):
    seen = []
    result = upkeep.analyze(store, lambda done, total, _what: seen.append(done))
    assert seen[-1] == upkeep.STEPS and seen == sorted(seen) and result.tables > 10


def test_another_seat_signed_in_holds_it_back(store, officer):
    now = datetime(2026, 11, 24, 3, 5, tzinfo=BEIJING)
    store.clock.set(now)
    with store.transaction() as s:
        presence.beat(s, "席位B", officer, now)
    with store.read() as s:
        assert upkeep.others_signed_in(s, now, "席位A") == ["席位B"]
        assert upkeep.others_signed_in(s, now, "席位B") == []
        later = now + timedelta(seconds=presence.STALE_SECONDS + 1)  # B's machine went off: no longer holds it
        assert upkeep.others_signed_in(s, later, "席位A") == []
