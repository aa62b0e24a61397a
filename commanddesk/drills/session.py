"""A drill being run from the app: its own database on a drill clock, started from the real store. No Qt.

The window keeps a ``DrillRun`` while the drill workspace is open; everything it
reads from the drill database goes through here or through the services.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from ..models import TimelineEvent
from ..services import audit, auth, demo, settings
from ..store import Store, open_store
from . import runner, workspace
from .clock import DrillClock
from .scenario import Scenario


@dataclass(frozen=True)
class FeedLine:
    """One thing that happened in the drill, as the trainer's feed shows it."""

    id: int
    at: datetime
    actor: str
    summary: str


@dataclass
class DrillRun:
    """A drill in progress: its scenario, database, clock and the real workspace it was started from."""

    scenario: Scenario
    path: Path
    store: Store
    clock: DrillClock
    drill: runner.Drill
    real_window: object = None  # the real duty window, shown again when the drill ends
    feed: list[tuple[datetime, str]] = field(default_factory=list)
    real_ctx: object = None  # the real store's context: its clocks keep running and alarming during the drill
    started_at: datetime | None = None  # real time the drill was started

    def elapsed(self) -> timedelta:
        """Simulated time since the scenario began (T+)."""
        return self.clock.now() - self.scenario.start

    def events_since(self, last_id: int) -> list[FeedLine]:
        """Timeline entries the trainees wrote after entry *last_id*, oldest first."""
        with self.store.read() as s:
            rows = s.scalars(select(TimelineEvent).where(TimelineEvent.id > last_id).order_by(TimelineEvent.id))
            return [FeedLine(e.id, e.at, e.actor_name, e.summary) for e in rows]


def start(actor: auth.Actor | None, real_store: Store, scenario: Scenario) -> DrillRun:
    """Create the drill database from the real store's reference data and open it on a drill clock.

    Only a trainer may start one (auth refuses anyone else); the real store is read, never written.
    """
    auth.require(actor, auth.Permission.START_DRILL)
    reference = real_store.path or demo.template()
    started = real_store.clock.now()
    path = workspace.new_path(scenario.id, started)
    workspace.create(reference, path)
    clock = DrillClock(scenario.start)
    store = open_store(path, clock)
    store.drill = True
    with store.transaction() as s:  # the copy removed incidents behind the log: record it
        audit.reseal(s, "drill")
    with store.transaction() as s:
        settings.put(s, "drill_scenario", scenario.id)
        settings.put(s, "drill_started", started.isoformat())
    return DrillRun(scenario, path, store, clock, runner.Drill(scenario, store), started_at=started)
