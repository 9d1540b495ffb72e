"""Errors that services raise and views/API translate into clear messages (never a 500)."""

from __future__ import annotations


class ServiceError(Exception):
    """A refused action, with a message fit to show the user (already translated)."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


class TransitionError(ServiceError):
    """A state transition that the state machine does not allow from the current state."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="illegal_transition")


class ConflictError(ServiceError):
    """Someone else got there first (for example two people accepting one request)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="conflict")


class NotAllowedError(ServiceError):
    """The actor may see the object but not perform this action (for example a police user accepting)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="forbidden")
