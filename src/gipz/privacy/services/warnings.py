"""A warning on a care professional's own initiative: breaking secrecy to warn about serious danger.

The warning itself is usually given by phone, at once; GIPZ records it afterwards, truthfully. A criterion that was
not met is recorded as such (refusing the record would hide a breach that already happened); the privacy officers of
both organisations see the record among what was shared without consent, and the access log holds the disclosure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gipz.accesslog.models import AccessAction
from gipz.accounts.actor import Actor
from gipz.accounts.models import Organisation
from gipz.core.audit import audit_record
from gipz.core.errors import NotAllowedError, ServiceError
from gipz.core.text import refuse_free_text
from gipz.privacy.access import access_log_in_situation, categories_in_words
from gipz.privacy.models import Criterion, DataCategory, OwnInitiativeWarning
from gipz.privacy.rules import WARNING_RECIPIENT_TYPES, may_warn
from gipz.privacy.services.requests import informing_values, require_person_informed
from gipz.situations.services.common import lock_situation, timeline_add


@dataclass(frozen=True)
class WarningData:
    recipient_id: int
    categories: list[str]
    content: str
    warned_at: datetime
    criteria: dict[str, bool] = field(default_factory=dict)
    weighing: str = ""
    person_informed: str = ""
    person_not_informed_reason: str = ""
    informed_how: str = ""
    not_informed_exception: str = ""


def _validate(data: WarningData, now: datetime) -> Organisation:
    recipient = Organisation.objects.filter(pk=data.recipient_id, type__in=WARNING_RECIPIENT_TYPES).first()
    if recipient is None:
        raise ServiceError(_("Kies wie u hebt gewaarschuwd (politie of gemeente)."), field="recipient")
    if not data.categories or any(c not in DataCategory.values for c in data.categories):
        raise ServiceError(_("Kies welke soorten gegevens u hebt gedeeld."), field="categories")
    if len(data.content.strip()) < 10:
        raise ServiceError(_("Leg vast wat u hebt gedeeld (ten minste 10 tekens)."), field="content")
    if data.warned_at > now:
        raise ServiceError(_("Het moment van waarschuwen kan niet in de toekomst liggen."), field="warned_at")
    if set(data.criteria) != set(Criterion.values):
        raise ServiceError(_("Beantwoord alle zes voorwaarden met ja of nee."), field="criteria")
    if len(data.weighing.strip()) < 10:
        raise ServiceError(_("Leg uw afweging vast (ten minste 10 tekens)."), field="weighing")
    require_person_informed(
        data.person_informed, data.person_not_informed_reason, data.informed_how, data.not_informed_exception
    )
    refuse_free_text(data.content, field="content")
    refuse_free_text(data.weighing, data.person_not_informed_reason, field="weighing")
    return recipient


def own_initiative_warning_record(*, actor: Actor, situation_id: int, data: WarningData) -> OwnInitiativeWarning:
    if not may_warn(actor):
        raise NotAllowedError(_("Alleen zorgprofessionals leggen een waarschuwing uit eigen beweging vast."))
    now = timezone.now()
    recipient = _validate(data, now)
    with transaction.atomic():
        situation = lock_situation(situation_id)
        if not situation.participants.filter(organisation=actor.organisation).exists():
            raise NotAllowedError(_("Uw organisatie neemt niet deel aan deze melding."))
        categories = list(dict.fromkeys(data.categories))
        warning = OwnInitiativeWarning.objects.create(
            situation=situation,
            organisation=actor.organisation,
            recorded_by=actor.user,
            recipient=recipient,
            warned_at=data.warned_at,
            recorded_at=now,
            categories=categories,
            content=data.content.strip(),
            criteria={code: bool(data.criteria[code]) for code in Criterion.values},
            weighing=data.weighing.strip(),
            person_informed=data.person_informed,
            person_not_informed_reason=data.person_not_informed_reason.strip(),
            **informing_values(
                actor=actor,
                informed=data.person_informed,
                how=data.informed_how,
                exception=data.not_informed_exception,
                now=now,
            ),
        )
        # The timeline says that a warning was given and to whom; never what.
        timeline_add(situation=situation, kind="own_initiative_warning", actor=actor, at=now, note=recipient.name)
        audit_record(
            actor=actor,
            event_type="own_initiative_warning.recorded",
            obj=warning,
            new={"recipient": recipient.pk, "categories": categories, "criteria_met": warning.criteria_met},
        )
        access_log_in_situation(
            actor=actor,
            action=AccessAction.SHARE,
            obj=warning,
            situation_id=situation.pk,
            detail=f"waarschuwing uit eigen beweging aan {recipient.name}: {categories_in_words(categories)}",
        )
    return warning
