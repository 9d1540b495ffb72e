"""What every situation service shares: locking the situation, moving it through its state machine, and the
timeline rows of events that change no status."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from gipz.accounts.actor import Actor
from gipz.core.errors import NotAllowedError
from gipz.situations.events import situation_changed_send
from gipz.situations.models import Situation, TimelineEvent
from gipz.situations.rules import SITUATION


def timeline_add(
    *,
    situation: Situation,
    kind: str,
    actor: Actor | None,
    at: datetime | None = None,
    note: str = "",
    to_status: str = "",
) -> TimelineEvent:
    """A timeline row for something that happened without a status change (an escalation, an information request,
    a follow-up added) and for the melding's creation. Status changes go through `transition`, which writes their
    row itself."""
    situation_changed_send(municipality_id=situation.municipality_id, created_at=situation.created_at)
    row = TimelineEvent.record(
        situation=situation, kind=kind, actor=actor, at=at or timezone.now(), note=note, to_status=to_status
    )
    return row  # type: ignore[return-value]


def lock_situation(situation_id: int) -> Situation:
    """Re-read the situation under a row lock (PostgreSQL) so concurrent changes serialise.

    The lock order: every service that changes a situation or any of its children (care request, follow-ups,
    handover, evaluations, person, information requests) takes this lock first, then the child's. Two services
    that lock in the same order cannot interleave so that a closed situation keeps an ownerless follow-up."""
    return Situation.objects.select_for_update().get(pk=situation_id)


def transition(
    *,
    situation: Situation,
    to: str,
    actor: Actor | None,
    kind: str,
    at: datetime | None = None,
    note: str = "",
    changes: dict[str, Any] | None = None,
) -> Situation:
    """Move a (locked) situation through its state machine (rules.SITUATION): refuses what the table does not allow,
    writes the timeline row and the audit row in the caller's transaction."""
    SITUATION.move(situation, to=to, actor=actor, kind=kind, at=at or timezone.now(), note=note, changes=changes)
    return situation


def require(condition: bool, message: str) -> None:
    if not condition:
        raise NotAllowedError(message)
