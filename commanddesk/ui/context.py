"""What every screen needs: the store, the notifier and the operator on duty."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..services.auth import Actor
from ..store import Store
from .notifier import Notifier


@dataclass
class AppContext:
    """Built once by the app and handed to every page."""

    store: Store
    notifier: Notifier = field(default_factory=Notifier)
    demo: bool = False
    drill: object | None = None  # the running drill (ui.drills.DrillRun) in a drill workspace

    @property
    def actor(self) -> Actor | None:
        return self.store.actor
