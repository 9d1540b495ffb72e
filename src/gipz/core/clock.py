"""The database's clock. Deadlines are stored by the process that set them and checked by whichever worker runs the
job; if each used its own clock, a worker running ten minutes ahead would escalate ten minutes early and stamp the
escalation in the future. So due checks, claims and the times a job writes follow the one clock every process
shares: the database server's."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import connections
from django.utils import timezone

# Beyond this a worker's own clock is reported as off (log line, /health/ready).
SKEW_WARNING_SECONDS = 60.0


def database_now(using: str = "default") -> datetime:
    """The database server's current time (not the transaction's start, so it moves inside a transaction too)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT clock_timestamp()")
            value = cursor.fetchone()[0]
            return value if timezone.is_aware(value) else timezone.make_aware(value, UTC)
        # SQLite asks the operating system, not Python: the database's own idea of now on this machine.
        cursor.execute("SELECT strftime('%Y-%m-%d %H:%M:%f', 'now')")
        return datetime.fromisoformat(cursor.fetchone()[0]).replace(tzinfo=UTC)


@dataclass(frozen=True)
class _Reading:
    at: datetime  # the database's time when read
    monotonic: float  # this process's monotonic clock at that moment


_current: ContextVar[_Reading | None] = ContextVar("gipz_job_clock", default=None)


@contextmanager
def reading(at: datetime) -> Iterator[None]:
    """Within this block `now()` counts on from `at` (a database reading) by the monotonic clock."""
    token = _current.set(_Reading(at, time.monotonic()))
    try:
        yield
    finally:
        _current.reset(token)


def now() -> datetime:
    """The database's time inside a job (read when it was claimed, counted on since); this process's elsewhere."""
    current = _current.get()
    if current is None:
        return timezone.now()
    return current.at + timedelta(seconds=time.monotonic() - current.monotonic)


def skew_seconds(database: datetime, local: datetime) -> float:
    return (database - local).total_seconds()
