"""`gipz check --deploy`: the deployed layout must fit in the PostgreSQL server's connections.

Every process holds at most its pool's size (GIPZ_DB_POOL_SIZE; deploy/ sets it per kind of process):

    web processes × web threads + live processes × 2 + worker processes × 2 + reserved  ≤  max_connections

A layout that does not fit fails in its first busy minute with "too many clients already" — for GIPZ and for every
other database on that server — so the check warns before go-live, not during it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.db import DatabaseError, connections

LIVE_POOL = 2  # the feed thread, and a stream's brief authentication
WORKER_POOL = 2  # the urgent loop and the main loop


@dataclass(frozen=True)
class Budget:
    web: int
    live: int
    workers: int
    reserved: int

    @property
    def needed(self) -> int:
        return self.web + self.live + self.workers + self.reserved

    def explain(self) -> str:
        return f"{self.web} web + {self.live} live + {self.workers} worker + {self.reserved} reserved = {self.needed}"


def connection_budget(
    *, web_processes: int, web_threads: int, live_processes: int, worker_processes: int, reserved: int
) -> Budget:
    return Budget(web_processes * web_threads, live_processes * LIVE_POOL, worker_processes * WORKER_POOL, reserved)


def _server_max_connections() -> int | None:
    if settings.GIPZ_DB_MAX_CONNECTIONS:
        return int(settings.GIPZ_DB_MAX_CONNECTIONS)
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SHOW max_connections")
            return int(cursor.fetchone()[0])
    except DatabaseError:
        return None


@register(Tags.database, deploy=True)
def connections_fit(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    if connections["default"].vendor != "postgresql":
        return []
    warnings = []
    pool = settings.GIPZ_DB_POOL_SIZE
    if not pool:
        warnings.append(Warning(
            "No connection pool (GIPZ_DB_POOL_SIZE=0): every thread holds its own connection, without a bound.",
            hint="Set GIPZ_DB_POOL_SIZE (deploy/ sets it per kind of process).", id="gipz.W011",
        ))  # fmt: skip
    budget = connection_budget(
        web_processes=settings.GIPZ_WEB_PROCESSES, web_threads=settings.GIPZ_WEB_THREADS,
        live_processes=settings.GIPZ_LIVE_PROCESSES, worker_processes=settings.GIPZ_WORKER_PROCESSES,
        reserved=settings.GIPZ_DB_RESERVED_CONNECTIONS,
    )  # fmt: skip
    available = _server_max_connections()
    if available is None:
        warnings.append(Warning(
            f"Could not read the server's max_connections; the layout needs {budget.explain()}.",
            hint="Set GIPZ_DB_MAX_CONNECTIONS to the server's value, or run the check where the database answers.",
            id="gipz.W012",
        ))  # fmt: skip
    elif budget.needed > available:
        warnings.append(Warning(
            f"The layout needs {budget.explain()} connections; the server allows {available}.",
            hint="Fewer processes or threads, or a larger max_connections (docs/operations.md, Connections).",
            id="gipz.W010",
        ))  # fmt: skip
    return warnings
