"""Errors that carry a message fit to show a duty officer (in Chinese)."""


class UserError(Exception):
    """An error whose text is shown to the user as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StoreError(UserError):
    """The database cannot be opened or used."""


class ValidationError(UserError):
    """Input was refused; nothing was changed. ``field`` names the culprit."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class PermissionDenied(UserError):
    """The signed-in operator's role does not allow the action."""


class ConflictError(UserError):
    """Someone else changed the record first (optimistic locking)."""
