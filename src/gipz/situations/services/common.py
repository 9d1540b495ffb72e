from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gipz.accounts.actor import Actor
from gipz.core.audit import audit_record
from gipz.core.errors import NotAllowedError, TransitionError
from gipz.situations.events import situation_changed_send
from gipz.situations.models import TRANSITIONS, Situation, Status, TimelineEvent


def timeline_add(
    *,
    situation: Situation,
    kind: str,
    actor: Actor | None,
    at: datetime | None = None,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
) -> TimelineEvent:
    # Everything that changes a situation writes a timeline row: the month's rollup is stale from here on.
    situation_changed_send(municipality_id=situation.municipality_id, created_at=situation.created_at)
    return TimelineEvent.objects.create(
        situation=situation,
        at=at or timezone.now(),
        kind=kind,
        actor=actor.user if actor else None,
        organisation=actor.organisation if actor else None,
        from_status=from_status,
        to_status=to_status,
        note=note[:500],
    )


def lock_situation(situation_id: int) -> Situation:
    """Re-read the situation under a row lock (PostgreSQL) so concurrent transitions serialise."""
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
    """Move a (locked) situation to a new status: refuses what the state machine does not allow, writes the
    timeline row and the audit row in the caller's transaction."""
    assert transaction.get_connection().in_atomic_block
    current = situation.status
    if to not in TRANSITIONS[current]:
        raise TransitionError(
            _("Dat kan niet: de melding is nu '%(current)s' en kan van daaruit niet naar '%(to)s'.")
            % {"current": Status(current).label, "to": Status(to).label}
        )
    at = at or timezone.now()
    changes = changes or {}
    old = {"status": current, **{field: getattr(situation, field) for field in changes}}
    situation.status = to
    for field, value in changes.items():
        setattr(situation, field, value)
    situation.save(update_fields=["status", *changes])
    timeline_add(situation=situation, kind=kind, actor=actor, at=at, from_status=current, to_status=to, note=note)
    audit_record(actor=actor, event_type=f"situation.{kind}", obj=situation, old=old, new={"status": to, **changes})
    return situation


def require(condition: bool, message: str) -> None:
    if not condition:
        raise NotAllowedError(message)
