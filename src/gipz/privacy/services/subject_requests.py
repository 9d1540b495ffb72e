"""A data subject's access request as the officer handles it: recorded with how the identity was checked, a deadline
by the law that applies, an extension with its reason (AVG only), and the moment the answer went out."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gipz.accounts.actor import Actor
from gipz.core.audit import audit_record
from gipz.core.errors import ServiceError
from gipz.core.text import refuse_free_text
from gipz.privacy.models import IdentityCheck, Person, Regime, SubjectRequest, WpgRestriction
from gipz.privacy.rules import regime_for
from gipz.privacy.services.rights import require_officer


def deadline_for(regime: str, received: date) -> date:
    days = SubjectRequest.WPG_DAYS if regime == Regime.WPG else SubjectRequest.AVG_DAYS
    return received + timedelta(days=days)


def subject_request_record(
    *, actor: Actor, person: Person, received_at: date, identity_check: str, wpg_restriction: str = ""
) -> SubjectRequest:
    require_officer(actor)
    regime = regime_for(actor)
    today = timezone.localdate()
    if received_at > today or received_at < today - timedelta(days=365):
        raise ServiceError(_("Deze ontvangstdatum kan niet kloppen."), field="received_at")
    if identity_check not in IdentityCheck.values:
        raise ServiceError(_("Geef aan hoe de identiteit is gecontroleerd."), field="identity_check")
    if wpg_restriction and (regime != Regime.WPG or wpg_restriction not in WpgRestriction.values):
        raise ServiceError(
            _("Een beperking op grond van de Wpg geldt alleen voor politiegegevens."), field="wpg_restriction"
        )
    with transaction.atomic():
        request = SubjectRequest.objects.create(
            organisation=actor.organisation,
            person=person,
            regime=regime,
            received_at=received_at,
            identity_check=identity_check,
            deadline=deadline_for(regime, received_at),
            wpg_restriction=wpg_restriction,
            recorded_by=actor.user,
            recorded_at=timezone.now(),
        )
        audit_record(actor=actor, event_type="subject_request.recorded", obj=request, new={"regime": regime})
        return request


def _own(actor: Actor, request_id: int) -> SubjectRequest:
    require_officer(actor)
    request = SubjectRequest.objects.select_for_update().filter(pk=request_id, organisation=actor.organisation).first()
    if request is None:
        raise ServiceError(_("Dit verzoek is niet van uw organisatie."))
    if request.sent_at is not None:
        raise ServiceError(_("Het antwoord op dit verzoek is al verzonden."))
    return request


def subject_request_extend(*, actor: Actor, request_id: int, until: date, reason: str) -> SubjectRequest:
    """AVG art. 12(3): at most two further months, given the complexity and number of requests, and the person is
    told within the first month. The Wpg has no such extension here."""
    with transaction.atomic():
        request = _own(actor, request_id)
        if request.regime != Regime.AVG:
            raise ServiceError(_("Voor een verzoek onder de Wpg kan de termijn hier niet worden verlengd."))
        if timezone.localdate() > request.deadline:
            raise ServiceError(_("Verlengen kan alleen binnen de eerste termijn."), field="until")
        latest = request.deadline + timedelta(days=SubjectRequest.AVG_EXTENSION_DAYS)
        if not request.deadline < until <= latest:
            raise ServiceError(
                _("Verleng tot een datum na %(from)s en uiterlijk %(to)s.")
                % {"from": request.deadline.strftime("%d-%m-%Y"), "to": latest.strftime("%d-%m-%Y")},
                field="until",
            )
        if len(reason.strip()) < 10:
            raise ServiceError(_("Geef de reden van de verlenging (ten minste 10 tekens)."), field="reason")
        refuse_free_text(reason, field="reason")
        request.extended_until, request.extension_reason = until, reason.strip()
        request.save(update_fields=["extended_until", "extension_reason"])
        audit_record(actor=actor, event_type="subject_request.extended", obj=request, new={"until": until.isoformat()})
        return request


def subject_request_sent(*, actor: Actor, request_id: int) -> SubjectRequest:
    with transaction.atomic():
        request = _own(actor, request_id)
        request.sent_at = timezone.now()
        request.save(update_fields=["sent_at"])
        audit_record(actor=actor, event_type="subject_request.sent", obj=request)
        return request
