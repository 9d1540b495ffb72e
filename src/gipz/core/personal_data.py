"""Personal data seen or changed: the marker for views that show it, and the port every app writes its access-log
rows through.

Views: each view marked `shows_personal_data` must write an access-log row; a test walks every URL and checks both
that each marked view logs and that every view is classified (so a new page cannot slip through).

The port: the access log (NEN 7513) lives in the privacy app, which sits above the situations app it logs about.
Lower apps call `access_log_write` here; the privacy app installs the writer when Django starts. Without a writer
the call fails loudly rather than skipping the log.
"""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db import models

F = TypeVar("F")


def shows_personal_data(view: F) -> F:
    view.shows_personal_data = True  # type: ignore[attr-defined]
    return view


class AccessLogWriter(Protocol):
    def __call__(
        self, *, actor: Any, action: str, obj: models.Model, situation_id: int | None, detail: str
    ) -> object: ...


_writer: AccessLogWriter | None = None


def access_log_install(writer: AccessLogWriter) -> None:
    global _writer
    _writer = writer


def access_log_write(
    *, actor: Any, action: str, obj: models.Model, situation_id: int | None = None, detail: str = ""
) -> object:
    """One access-log entry in the caller's transaction, filed under the situation's person if one is recorded."""
    if _writer is None:
        raise ImproperlyConfigured("No access-log writer installed: is gipz.privacy in INSTALLED_APPS?")
    return _writer(actor=actor, action=action, obj=obj, situation_id=situation_id, detail=detail)
