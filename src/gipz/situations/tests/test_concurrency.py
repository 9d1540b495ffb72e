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
from gipz.core.errors import ConflictError, ServiceError
from gipz.core.models import Job
from gipz.situations import services
from gipz.situations.models import Notification, TimelineEvent
from gipz.situations.services.intake import REMIND_JOB

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
        [
            (lambda actor=actor: services.care_request_accept(actor=actor, situation_id=situation.pk))
            for actor in crisis_team
        ]
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
    Job.objects.filter(kind=REMIND_JOB).delete()  # only the escalation job here
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


def test_closing_and_clearing_a_follow_up_owner_serialise_on_the_situation(world: World) -> None:
    """Reproduces the interleaving of the 'one shape' issue: a close is held uncommitted while another transaction
    clears a follow-up's owner. With the situation locked first by both, the second waits, then sees the closed
    situation and refuses; a closed situation never keeps a follow-up without an owner."""
    from gipz.situations.models import FollowUp, Situation, Status
    from gipz.situations.tests.test_services_transitions import follow_up, situation_in

    situation = situation_in(world, Status.HANDED_OVER)
    item = follow_up(world, situation.pk)
    closed = threading.Event()
    release = threading.Event()

    def close_and_hold() -> None:
        from django.db import transaction

        with transaction.atomic():
            services.situation_close(actor=world.crisis_actor, situation_id=situation.pk)
            closed.set()
            release.wait(timeout=30)

    def clear_owner() -> Any:
        closed.wait(timeout=30)
        return services.follow_up_update(
            actor=world.crisis_actor,
            follow_up_id=item.pk,
            status=FollowUp.Status.PLANNED,
            responsible_organisation=None,
        )

    outcome: list[Any] = []
    holder = threading.Thread(target=lambda: (close_and_hold(), connections.close_all()))
    clearer = threading.Thread(target=lambda: (outcome.append(_catch(clear_owner)), connections.close_all()))
    holder.start()
    clearer.start()
    # Let the clearer run into the close's lock (or, without the lock order, finish) before the close commits.
    assert closed.wait(timeout=30)
    _wait_until_blocked_or_done(clearer)
    release.set()
    holder.join(timeout=60)
    clearer.join(timeout=60)
    situation = Situation.objects.get(pk=situation.pk)
    item.refresh_from_db()
    assert situation.status == Status.CLOSED
    assert item.responsible_organisation_id == world.care.pk
    assert isinstance(outcome[0], ServiceError), outcome


def _catch(function: Callable[[], Any]) -> Any:
    try:
        return function()
    except Exception as exc:  # collected for the assertions
        return exc


def _wait_until_blocked_or_done(thread: threading.Thread) -> None:
    """Poll PostgreSQL until some backend waits for a row lock, or the thread has finished."""
    with connections["default"].cursor() as cursor:
        for _ in range(300):
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
            if cursor.fetchone()[0] or not thread.is_alive():
                return
            thread.join(timeout=0.1)
