"""One way out of the platform, for alerts (e-mail, SMS, Web Push) and webhooks alike.

A delivery row is claimed with one UPDATE (pending, and no other worker's claim running), sent outside any
transaction — a mail server that takes 20 s to time out holds no lock and no other job's turn — and each attempt is
recorded in a short transaction of its own, which also queues the next attempt by the delivery's retry policy. The
job queue's own retry does not stack on top: a delivery job never raises for a failed send.

Why our own and not django-anymail or Celery's retries: one mechanism for every channel and for webhooks, on SQLite
as on PostgreSQL, with the policy an emergency needs (the first retries in seconds) and a record of every attempt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Model, Q, TextChoices

from gipz.core.jobs import job_enqueue
from gipz.core.statemachine import StateMachine

log = logging.getLogger(__name__)

# The states every delivery model has (its Status choices use these values): pending until sent or given up.
PENDING, SENT, FAILED = "pending", "sent", "failed"

CLAIM_SECONDS = 90  # longer than any channel's timeout: a worker killed mid-send frees the delivery after this


@dataclass(frozen=True)
class RetryPolicy:
    """The waits after each failed attempt: `first` in turn, then `then_every`, at most `max_attempts` in all, and
    never past a delivery's own deadline."""

    first: tuple[timedelta, ...]
    then_every: timedelta
    max_attempts: int

    def next_attempt(self, *, attempts: int, now: datetime, give_up_at: datetime | None = None) -> datetime | None:
        """When to try again after `attempts` failed ones, or None when it is time to give up."""
        if attempts >= self.max_attempts:
            return None
        wait = self.first[attempts - 1] if attempts <= len(self.first) else self.then_every
        at = now + wait
        if give_up_at is not None and at > give_up_at:
            return None
        return at


# Alerts: someone must act within minutes. Every 2 minutes after the first three, until the alert's deadline.
ALERTS = RetryPolicy(
    first=(timedelta(seconds=10), timedelta(seconds=30), timedelta(minutes=1)),
    then_every=timedelta(minutes=2),
    max_attempts=40,
)
# Webhooks: another system pulls the change; quick at first, then patient.
WEBHOOKS = RetryPolicy(
    first=(timedelta(seconds=10), timedelta(seconds=30), timedelta(minutes=1), timedelta(minutes=5),
           timedelta(minutes=15)),
    then_every=timedelta(hours=1),
    max_attempts=8,
)  # fmt: skip


@dataclass(frozen=True)
class Outcome:
    """One attempt's result. `permanent`: trying again cannot help (the subscription is gone, no number)."""

    ok: bool
    detail: str = ""
    permanent: bool = False
    status_code: int | None = None


def delivery_claim(model: type[Model], pk: int, *, now: datetime) -> bool:
    """Claim a delivery row for one attempt: one UPDATE that only one worker can win. A delivery model has `status`
    (PENDING, SENT, FAILED), `attempts`, `claimed_until` and `sent_at`."""
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    won = model._default_manager.filter(free, pk=pk, status=PENDING).update(
        claimed_until=now + timedelta(seconds=CLAIM_SECONDS)
    )
    return bool(won)


@dataclass(frozen=True)
class Settled:
    """What an attempt led to: the delivery's new status, its attempts, and when the next try is due."""

    status: str
    attempts: int
    retry_at: datetime | None


def delivery_machine(statuses: type[TextChoices]) -> StateMachine:
    """Every delivery model's course: pending until it is sent or given up; both are final."""
    pending, sent, failed = statuses(PENDING), statuses(SENT), statuses(FAILED)
    return StateMachine(
        statuses=statuses,
        transitions={pending: frozenset({sent, failed}), sent: frozenset(), failed: frozenset()},
    )


def attempt_record(
    model: type[Model],
    pk: int,
    outcome: Outcome,
    *,
    machine: StateMachine,
    attempts_before: int,
    policy: RetryPolicy,
    now: datetime,
    job_kind: str,
    give_up_at: datetime | None = None,
    fields: dict[str, Any] | None = None,
    log_event: str,
    log_ids: dict[str, Any] | None = None,
    also: Callable[[Settled], None] | None = None,
) -> Settled:
    """Record one attempt in a short transaction of its own: the delivery's new state (and `fields`), the next
    attempt's job by `policy`, and whatever `also` writes with it. The log line names ids only: what the other side
    answered may name an address and stays in the delivery's own record."""
    attempts = attempts_before + 1
    retry_at = None
    if not outcome.ok and not outcome.permanent:
        retry_at = policy.next_attempt(attempts=attempts, now=now, give_up_at=give_up_at)
    settled = Settled(SENT if outcome.ok else (PENDING if retry_at else FAILED), attempts, retry_at)
    if settled.status != PENDING:
        machine.check(PENDING, settled.status)  # the row is updated only while it is pending (below)
    if not outcome.ok:
        log.warning("delivery failed", extra={"event": log_event, "delivery_id": pk, "attempt": attempts,
                    "final": retry_at is None, **(log_ids or {})})  # fmt: skip
    changes: dict[str, Any] = {"attempts": attempts, "status": settled.status, "claimed_until": None, **(fields or {})}
    if outcome.ok:
        changes["sent_at"] = now
    with transaction.atomic():
        model._default_manager.filter(pk=pk, status=PENDING).update(**changes)
        if retry_at is not None:
            job_enqueue(kind=job_kind, run_at=retry_at, payload={"delivery_id": pk})
        if also is not None:
            also(settled)
    return settled
