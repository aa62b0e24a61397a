"""One QObject that tells views the store changed, so they can re-query."""

from PySide6.QtCore import QObject, Signal


class Notifier(QObject):
    """Application-wide change notifications."""

    sig_data_changed = Signal(str)
    """A registry or table (its key, e.g. "teams") was changed by this seat, or by another (``remote``)."""

    remote = False
    """True while sig_data_changed announces another seat's change (ui/live.py): views keep what is typed."""

    sig_signed_in = Signal()
    """The operator on duty changed."""
