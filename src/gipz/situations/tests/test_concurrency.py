"""Concurrent accepts and concurrent workers on a real database with real connections (PostgreSQL)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection, connections

from conftest import World, intake, make_user
from gipz.core import jobs
from gipz.core.errors import ConflictError
from gipz.situations import services
from gipz.situations.models import Notification, TimelineEvent

# serialized_rollback: the flush after a transactional test would otherwise remove the reference data.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def run_at_once(functions: list[Callable[[], Any]]) -> list[Any]:
    barrier = threading.Barrier(len(functions))
    results: list[Any] = [None] * len(functions)

    def worker(index: int) -> None:
        try:
            barrier.wait()
            results[index] = functions[index]()
        except Exception as exc:  # collected for the assertions
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(functions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture(autouse=True)
def postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks (run with DATABASE_URL=postgres://…, as CI does)")


def test_exactly_one_of_eight_simultaneous_accepts_wins(world: World) -> None:
    situation = intake(world)
    crisis_team = [world.actor(make_user(f"crisis-{i}", world.crisis, team=world.team_a)) for i in range(8)]
    results = run_at_once(
        [(lambda actor=actor: services.request_accept(actor=actor, situation_id=situation.pk)) for actor in crisis_team]
    )
    winners = [r for r in results if not isinstance(r, Exception)]
    losers = [r for r in results if isinstance(r, Exception)]
    assert len(winners) == 1
    assert all(isinstance(r, ConflictError) for r in losers), losers
    situation.care_request.refresh_from_db()
    winner_name = str(situation.care_request.accepted_by)
    assert all(winner_name in r.message for r in losers)
    assert TimelineEvent.objects.filter(situation=situation, kind="accepted").count() == 1


def test_two_workers_at_once_escalate_once(world: World) -> None:
    situation = intake(world)
    later = situation.care_request.acknowledge_deadline + timedelta(seconds=1)
    results = run_at_once(
        [
            lambda: jobs.run_due_jobs(now=later, worker="a"),
            lambda: jobs.run_due_jobs(now=later, worker="b"),
            lambda: jobs.run_due_jobs(now=later, worker="c"),
        ]
    )
    assert sorted(results) == [0, 0, 1]
    assert TimelineEvent.objects.filter(situation=situation, kind="escalated").count() == 1
    assert Notification.objects.filter(situation=situation).count() == 2
