"""Writing and verifying the access log (NEN 7513). Every view, export and change of personal data calls
`access_log_record`; `gipz audit verify` calls `access_log_verify`."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils import timezone

from gipz.accounts.actor import Actor
from gipz.privacy.chain import HASHED_FIELDS, ChainReport, entry_digest, verify_chain
from gipz.privacy.models import AccessLogEntry, AccessLogHead, Person


def access_log_record(
    *,
    actor: Actor | None,
    action: str,
    obj: models.Model,
    person_id: int | None = None,
    situation_id: int | None = None,
    detail: str = "",
) -> AccessLogEntry:
    """Append one entry. Runs in the caller's transaction when there is one (a change and its log row commit
    together), otherwise in its own. `actor=None` is the system (the retention worker)."""
    with transaction.atomic():
        head = AccessLogHead.objects.select_for_update().filter(pk=1).first()
        if head is None:  # the first entry ever; the migration normally made the head already
            head, _ = AccessLogHead.objects.get_or_create(pk=1)
            head = AccessLogHead.objects.select_for_update().get(pk=1)
        fields: dict[str, Any] = {
            "seq": head.seq + 1,
            "at": timezone.now(),
            "user_id": actor.user.pk if actor else None,
            "organisation_id": actor.organisation.pk if actor else None,
            "roles": ",".join(sorted(actor.roles)) if actor else "system",
            "action": action,
            "object_type": obj._meta.label_lower,
            "object_id": str(obj.pk),
            "person_id": person_id,
            "situation_id": situation_id,
            "detail": detail[:300],
            "prev_hash": head.entry_hash,
        }
        entry_hash = entry_digest(fields)
        entry = AccessLogEntry.objects.create(entry_hash=entry_hash, **fields)
        AccessLogHead.objects.filter(pk=1).update(seq=fields["seq"], entry_hash=entry_hash)
        return entry


def access_log_in_situation(
    *, actor: Actor | None, action: str, obj: models.Model, situation_id: int | None, detail: str = ""
) -> AccessLogEntry:
    """An entry about something in a situation, filed under the situation's person (if one is recorded). This is
    the writer behind `core.personal_data.access_log_write`, which the apps below privacy call."""
    person_id = (
        Person.objects.filter(situation_id=situation_id).values_list("pk", flat=True).first() if situation_id else None
    )
    return access_log_record(
        actor=actor, action=action, obj=obj, person_id=person_id, situation_id=situation_id, detail=detail
    )


def access_log_verify() -> ChainReport:
    head = AccessLogHead.objects.filter(pk=1).first()
    rows = AccessLogEntry.objects.order_by("seq").values(*HASHED_FIELDS, "entry_hash").iterator(chunk_size=2000)
    return verify_chain(rows, head_seq=head.seq if head else 0, head_hash=head.entry_hash if head else "0" * 64)
