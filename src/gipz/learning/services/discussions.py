"""'Oneigenlijk beroep': an evaluation that flags one opens a discussion for the key figures of both sides; they
record what they concluded and, when it led to a new werkafspraak, which version."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gipz.accounts.actor import Actor
from gipz.accounts.models import Membership, Role
from gipz.agreements.models import AgreementVersion
from gipz.core.audit import audit_record
from gipz.core.errors import ServiceError
from gipz.core.text import refuse_free_text
from gipz.learning.models import DiscussionEvent, ImproperCallDiscussion
from gipz.learning.rules import DISCUSSION
from gipz.learning.selectors import side_organisation_ids
from gipz.situations.models import Evaluation, Notification


def improper_call_discussion_open(
    *, actor: Actor, evaluation: Evaluation, now: datetime | None = None
) -> ImproperCallDiscussion:
    """Called by the evaluation service in its transaction; notifies the key figures of both sides."""
    now = now or timezone.now()
    situation = evaluation.situation
    discussion = ImproperCallDiscussion.objects.create(evaluation=evaluation, situation=situation, created_at=now)
    DiscussionEvent.record(discussion=discussion, actor=actor, at=now, kind="opened", to_status=discussion.status)
    key_figures = (
        Membership.objects.filter(organisation_id__in=side_organisation_ids(situation), role=Role.KEY_FIGURE)
        .values_list("user_id", flat=True)
        .distinct()
    )
    message = _("Oneigenlijk beroep ter bespreking bij melding %(reference)s.") % {"reference": situation.reference}
    Notification.objects.bulk_create(
        [Notification(user_id=user_id, situation=situation, message=message) for user_id in sorted(set(key_figures))]
    )
    audit_record(
        actor=actor, event_type="impropercalldiscussion.opened", obj=discussion, new={"evaluation": evaluation.pk}
    )
    return discussion


def improper_call_discussion_update(
    *, actor: Actor, discussion_id: int, status: str, notes: str, changed_agreement_id: int | None = None
) -> ImproperCallDiscussion:
    if status not in ImproperCallDiscussion.Status.values or status == ImproperCallDiscussion.Status.OPEN:
        raise ServiceError(_("Kies: besproken, of werkafspraak aangepast."), field="status")
    if len(notes.strip()) < 10:
        raise ServiceError(_("Leg vast wat u samen hebt geconcludeerd (ten minste 10 tekens)."), field="notes")
    refuse_free_text(notes, field="notes")
    now = timezone.now()
    with transaction.atomic():
        discussion = (
            ImproperCallDiscussion.objects.select_for_update()
            .select_related("situation__municipality")
            .get(pk=discussion_id)
        )
        DISCUSSION.require(actor, discussion, "conclude")
        changes: dict[str, object] = {"notes": notes.strip()}
        if status == ImproperCallDiscussion.Status.AGREEMENT_CHANGED:
            agreement = AgreementVersion.objects.filter(
                pk=changed_agreement_id,
                status=AgreementVersion.Status.APPROVED,
                safety_region_id=discussion.situation.municipality.safety_region_id,
                approved_at__gte=discussion.created_at,
            ).first()
            if agreement is None:
                raise ServiceError(
                    _("Kies de werkafspraak die na deze melding is vastgesteld in deze regio."),
                    field="changed_agreement",
                )
            changes["changed_agreement"] = agreement
        DISCUSSION.move(
            discussion,
            to=status,
            actor=actor,
            kind=status,
            at=now,
            changes=changes,
        )
    return discussion
