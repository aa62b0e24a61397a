"""What every screen needs: the store, the notifier and the operator on duty."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..services.auth import Actor
from .notifier import Notifier

if TYPE_CHECKING:
    from ..store import Store


@dataclass
class AppContext:
    """Built once by the app and handed to every page."""

    store: Store
    notifier: Notifier = field(default_factory=Notifier)
    demo: bool = False
    drill: object | None = None  # the running drill (drills.session.DrillRun) in a drill workspace
    window_factory: Callable | None = None  # builds a main window for a context (a drill opens its own)

    @property
    def actor(self) -> Actor | None:
        """The operator signed in on this store, or None."""
        return self.store.actor

    def act(self, action, message, key: str | None = None) -> bool:
        """Run one user action in one transaction.

        A refusal (UserError) is shown in the *message* label and nothing is
        changed; on success the label is cleared and, if *key* is given,
        views are told that data of that kind changed.
        """
        from ..errors import UserError

        try:
            with self.store.transaction() as s:
                action(s)
        except UserError as exc:
            message.setText(exc.message)
            return False
        message.clear()
        if key:
            self.notifier.sig_data_changed.emit(key)
        return True
