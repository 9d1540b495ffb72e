"""Writes of the API's own: an intake made at most once per Idempotency-Key (the melding itself is the situations
service's), and the access-log entry for every situation the API shows or exports."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gipz.accounts.actor import Actor
from gipz.api.models import IdempotentIntake
from gipz.core.errors import ServiceError
from gipz.privacy.access import access_log_in_situation
from gipz.situations import selectors
from gipz.situations.models import Situation

KEY_HOURS = 24


class IdempotencyKeyReused(ServiceError):
    def __init__(self) -> None:
        super().__init__(_("Deze Idempotency-Key hoort bij een ander verzoek."), code="idempotency_key_reused")


def fingerprint_of(body: Any) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()


def _earlier(actor: Actor, key: str, fingerprint: str) -> dict[str, Any] | None:
    earlier = IdempotentIntake.objects.filter(
        organisation=actor.organisation, key=key, created_at__gte=timezone.now() - timedelta(hours=KEY_HOURS)
    ).first()
    if earlier is None:
        return None
    if earlier.fingerprint != fingerprint:
        raise IdempotencyKeyReused
    return dict(earlier.receipt)


def intake_once(
    *,
    actor: Actor,
    key: str,
    body: Any,
    create: Callable[[], Situation],
    receipt_of: Callable[[Situation], dict[str, Any]],
) -> tuple[dict[str, Any], bool]:
    """The receipt of the intake, and whether this call made it. With a key, a retry (within 24 hours) gets the first
    receipt and never makes a second melding; the same key with another body is refused."""
    if len(key) > 100:
        raise ServiceError(_("De Idempotency-Key is te lang (hoogstens 100 tekens)."), field="Idempotency-Key")
    if not key:
        return receipt_of(create()), True
    fingerprint = fingerprint_of(body)
    earlier = _earlier(actor, key, fingerprint)
    if earlier is not None:
        return earlier, False
    try:
        with transaction.atomic():
            IdempotentIntake.objects.filter(
                organisation=actor.organisation, created_at__lt=timezone.now() - timedelta(hours=KEY_HOURS)
            ).delete()
            situation = create()
            receipt = receipt_of(situation)
            IdempotentIntake.objects.create(
                organisation=actor.organisation,
                key=key,
                fingerprint=fingerprint,
                situation=situation,
                receipt=json.loads(json.dumps(receipt, cls=DjangoJSONEncoder)),
            )
    except IntegrityError:
        # The same key arrived twice at once: the other request made the melding; this one rolled back.
        earlier = _earlier(actor, key, fingerprint)
        if earlier is None:
            raise
        return earlier, False
    return receipt, True


def situation_shown(actor: Actor, reference: str, *, action: str, what: str) -> Situation:
    """The situation within the actor's reach (404 outside it), with the access-log entry for showing it."""
    situation = selectors.situation_for_api(actor=actor, reference=reference)
    access_log_in_situation(
        actor=actor,
        action=action,
        obj=situation,
        situation_id=situation.pk,
        detail=what + (" met zorggegevens" if actor.is_care else ""),
    )
    return situation
