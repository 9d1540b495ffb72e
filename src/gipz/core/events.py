"""Domain events for other systems: what happened to which situation, for which organisations — ids only.

Services call `publish()` inside their transaction; it sends the Django signal `domain_event`, which layers above
(the API's webhooks) connect in their AppConfig.ready and answer with writes in the same transaction, so an event
exists exactly when its change committed. Core knows no receiver: imports run down the layers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.dispatch import Signal

EVENT_TYPES = {
    "request.routed": "a care request was routed to the organisation",
    "request.accepted": "the care request was accepted",
    "situation.handed_over": "the crisis service handed the situation over",
    "situation.closed": "the situation was closed",
    "information_request.received": "an information request arrived for the organisation's desk",
}


@dataclass(frozen=True)
class DomainEvent:
    type: str  # one of EVENT_TYPES
    at: datetime
    organisation_ids: frozenset[int]  # who is told
    reference: str  # the situation's reference
    information_request_id: int | None = None


domain_event = Signal()  # sent with `event=DomainEvent(...)`


def publish(
    type: str,
    *,
    at: datetime,
    organisation_ids: Iterable[int | None],
    reference: str,
    information_request_id: int | None = None,
) -> None:
    if type not in EVENT_TYPES:
        raise ValueError(f"unknown event type {type!r}")
    event = DomainEvent(type, at, frozenset(i for i in organisation_ids if i), reference, information_request_id)
    domain_event.send(sender=DomainEvent, event=event)
