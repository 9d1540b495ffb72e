"""A read replica for the heavy reads (docs/operations.md, *When one machine is not enough*).

With GIPZ_DATABASE_REPLICA_URL set, code inside `heavy_reads()` (the monitoring pages, the comparison, the research
export, the simulation's baselines) reads from the replica; everything else, and every write, uses the primary.
Without it everything uses the primary. Reads that must see a write just made never run inside `heavy_reads()`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings

REPLICA = "replica"
_heavy: ContextVar[bool] = ContextVar("gipz_heavy_reads", default=False)
F = TypeVar("F", bound=Callable[..., Any])


@contextmanager
def heavy_reads() -> Iterator[None]:
    token = _heavy.set(True)
    try:
        yield
    finally:
        _heavy.reset(token)


def reads_from_replica(view: F) -> F:
    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with heavy_reads():
            return view(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


class PrimaryReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        return REPLICA if _heavy.get() and REPLICA in settings.DATABASES else None

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return "default"  # also for objects read from the replica

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the same data, on either connection

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"  # the replica follows the primary by replication
