"""The data subject's rights as the privacy officer exercises them: erasure (AVG art. 17; Wpg art. 28 for police
data) by the organisation that recorded the data or with its approval, restriction (AVG art. 18; Wpg afscherming),
and the notices that tell the other organisations (AVG art. 19).

Append-only rows (audit, access log) get codes only: the officer's explanation stays in the ErasureRequest row, which
retention empties like other free text (privacy/apps.py)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gipz.accesslog.log import access_log_record, in_dutch
from gipz.accesslog.models import AccessAction
from gipz.accounts.actor import Actor
from gipz.accounts.models import Organisation, Role
from gipz.core.audit import audit_record
from gipz.core.errors import NotAllowedError, ServiceError
from gipz.core.text import refuse_free_text
from gipz.privacy.models import (
    ErasureApproval,
    ErasureGround,
    ErasureRequest,
    OfficerNotice,
    Person,
    RestrictionGround,
    WpgGround,
)
from gipz.privacy.rules import ERASURE_REQUEST, erasure_grounds, grounds_while_open, restriction_grounds
from gipz.privacy.services.retention import remove_person_data


def require_officer(actor: Actor) -> None:
    if not actor.has_role(Role.PRIVACY_OFFICER):
        raise NotAllowedError(_("Alleen een privacyfunctionaris oefent deze rechten uit."))


def recording_organisations(person: Person) -> set[int]:
    """Who recorded what an erasure removes: the person record's fields and the melding's own text."""
    return {person.recorded_by_organisation_id, person.situation.reporting_organisation_id} | {
        int(owner) for owner in person.field_owners.values()
    }


def _notify(*, kind: str, person: Person, actor: Actor, to: set[int]) -> None:
    now = timezone.now()
    OfficerNotice.objects.bulk_create(
        OfficerNotice(
            organisation_id=org_id,
            kind=kind,
            from_organisation=actor.organisation,
            situation_id=person.situation_id,
            created_at=now,
        )
        for org_id in sorted(to)
    )


def _participants_except(person: Person, organisation: Organisation) -> set[int]:
    ids = person.situation.participants.values_list("organisation_id", flat=True)
    return {org_id for org_id in ids if org_id != organisation.pk}


def _check_request(actor: Actor, ground_known: bool, no_ground: str, text: tuple[str, str, str]) -> None:
    """An officer, a ground of the officer's regime, and an explanation of at least ten characters without a BSN."""
    require_officer(actor)
    if not ground_known:
        raise ServiceError(no_ground, field="ground")
    value, field, too_short = text
    if len(value.strip()) < 10:
        raise ServiceError(too_short, field=field)
    refuse_free_text(value, field=field)


def _ground_words(ground: str) -> str:
    for choices in (ErasureGround, WpgGround):
        if ground in choices.values:
            return in_dutch(choices(ground).label)
    return ground


@dataclass(frozen=True)
class ErasureOutcome:
    request: ErasureRequest
    erased: bool
    waiting_for: list[str]  # organisations whose approval is still needed


def _check_erasure(actor: Actor, person: Person, ground: str) -> None:
    if person.is_removed:
        raise ServiceError(_("De gegevens van deze betrokkene zijn al verwijderd."))
    if person.situation.is_open and ground not in grounds_while_open():
        raise ServiceError(
            _(
                "Zolang de melding loopt, zijn de gegevens nodig voor de hulpverlening: wissen kan dan alleen als ze "
                "onrechtmatig zijn verwerkt. U kunt de verwerking wel beperken."
            ),
            field="ground",
        )


def _erase_now(*, actor: Actor, person: Person, request: ErasureRequest) -> None:
    now = timezone.now()
    removed = remove_person_data(person=person, situation=person.situation, reason=f"erasure:{request.ground}", now=now)
    ERASURE_REQUEST.move(
        request, to=ErasureRequest.Status.DONE, actor=actor, kind="erased", at=now, changes={"decided_at": now}
    )
    audit_record(actor=actor, event_type="person.erased", obj=person, new={"ground": request.ground, "fields": removed})
    access_log_record(
        actor=actor,
        action=AccessAction.ERASE,
        obj=person,
        person_id=person.pk,
        situation_id=person.situation_id,
        detail=_ground_words(request.ground)[:300],
    )
    _notify(
        kind=OfficerNotice.Kind.ERASED, person=person, actor=actor, to=_participants_except(person, actor.organisation)
    )


def person_erase(*, actor: Actor, person_id: int, ground: str, explanation: str) -> ErasureOutcome:
    """Erase a person record on request. The officer's organisation erases what it recorded itself; if another
    organisation recorded part of it, that organisation's officer approves first (the request waits). While the
    melding runs only unlawful processing is erased (art. 17(1)(d)); otherwise restrict."""
    _check_request(
        actor,
        ground in dict(erasure_grounds(actor)),
        _("Kies de grond voor het wissen."),
        (explanation, "explanation", _("Licht het verzoek en uw beoordeling toe (ten minste 10 tekens).")),
    )
    with transaction.atomic():
        person = Person.objects.select_for_update().select_related("situation").get(pk=person_id)
        _check_erasure(actor, person, ground)
        if ErasureRequest.objects.filter(person=person, status=ErasureRequest.Status.PENDING).exists():
            raise ServiceError(_("Er loopt al een verzoek tot wissen voor deze betrokkene."))
        request = ErasureRequest.objects.create(
            person=person,
            organisation=actor.organisation,
            requested_by=actor.user,
            ground=ground,
            explanation=explanation.strip(),
            created_at=timezone.now(),
        )
        others = recording_organisations(person) - {actor.organisation.pk}
        if not others:
            _erase_now(actor=actor, person=person, request=request)
            return ErasureOutcome(request=request, erased=True, waiting_for=[])
        ErasureApproval.objects.bulk_create(ErasureApproval(request=request, organisation_id=o) for o in sorted(others))
        _notify(kind=OfficerNotice.Kind.ERASURE_ASKED, person=person, actor=actor, to=others)
        audit_record(actor=actor, event_type="person.erasure_asked", obj=request, new={"ground": ground})
        names = list(Organisation.objects.filter(pk__in=others).order_by("name").values_list("name", flat=True))
        return ErasureOutcome(request=request, erased=False, waiting_for=names)


def erasure_decide(*, actor: Actor, approval_id: int, approve: bool, ground: str = "") -> ErasureRequest:
    """The recording organisation's officer approves or refuses. Police data are judged under the Wpg: approving
    needs a ground of Wpg art. 28. The last approval erases; a refusal ends the request and tells the asker."""
    require_officer(actor)
    with transaction.atomic():
        approval = (
            ErasureApproval.objects.select_for_update()
            .select_related("request")
            .filter(pk=approval_id, organisation=actor.organisation)
            .first()
        )
        if approval is None:
            raise NotAllowedError(_("Dit verzoek is niet aan uw organisatie gericht."))
        request = ErasureRequest.objects.select_for_update().get(pk=approval.request_id)
        if request.status != ErasureRequest.Status.PENDING or approval.approved is not None:
            raise ServiceError(_("Over dit verzoek is al beslist."))
        if approve and ground not in dict(erasure_grounds(actor)):
            raise ServiceError(_("Kies de grond waarop uw organisatie wist."), field="ground")
        person = Person.objects.select_for_update().select_related("situation").get(pk=request.person_id)
        now = timezone.now()
        ErasureApproval.objects.filter(pk=approval.pk).update(
            approved=approve, ground=ground if approve else "", decided_by=actor.user, decided_at=now
        )
        audit_record(actor=actor, event_type="person.erasure_decided", obj=request, new={"approved": approve})
        if not approve:
            ERASURE_REQUEST.move(
                request,
                to=ErasureRequest.Status.REFUSED,
                actor=actor,
                kind="refused",
                at=now,
                changes={"decided_at": now},
            )
            _notify(kind=OfficerNotice.Kind.ERASURE_REFUSED, person=person, actor=actor, to={request.organisation_id})
            return request
        if not request.approvals.filter(approved__isnull=True).exists():
            _check_erasure(actor, person, request.ground)
            _erase_now(actor=actor, person=person, request=request)
        return request


def person_restrict(*, actor: Actor, person_id: int, ground: str, reason: str) -> Person:
    """Restrict processing: the record is hidden from everyone but the privacy officers until it is lifted."""
    _check_request(
        actor,
        ground in dict(restriction_grounds(actor)),
        _("Kies de grond voor de beperking."),
        (reason, "reason", _("Licht de beperking toe (ten minste 10 tekens).")),
    )
    with transaction.atomic():
        person = Person.objects.select_for_update().select_related("situation").get(pk=person_id)
        if person.is_removed:
            raise ServiceError(_("De gegevens van deze betrokkene zijn al verwijderd."))
        if person.is_restricted:
            raise ServiceError(_("De verwerking is al beperkt."))
        Person.objects.filter(pk=person.pk).update(
            restricted_at=timezone.now(),
            restricted_by_organisation=actor.organisation,
            restriction_ground=ground,
            restriction_reason=reason.strip(),
        )
        person.refresh_from_db()
        audit_record(actor=actor, event_type="person.restricted", obj=person, new={"ground": ground})
        access_log_record(
            actor=actor,
            action=AccessAction.RESTRICT,
            obj=person,
            person_id=person.pk,
            situation_id=person.situation_id,
            detail=in_dutch(RestrictionGround(ground).label)[:300],
        )
        _notify(
            kind=OfficerNotice.Kind.RESTRICTED,
            person=person,
            actor=actor,
            to=_participants_except(person, actor.organisation),
        )
        return person


def person_restriction_lift(*, actor: Actor, person_id: int) -> Person:
    """Only the organisation that restricted lifts it (AVG art. 18(3): the person is told beforehand)."""
    require_officer(actor)
    with transaction.atomic():
        person = Person.objects.select_for_update().select_related("situation").get(pk=person_id)
        if not person.is_restricted:
            raise ServiceError(_("De verwerking is niet beperkt."))
        if person.restricted_by_organisation_id != actor.organisation.pk:
            raise NotAllowedError(_("Alleen de organisatie die de verwerking beperkte, heft de beperking op."))
        Person.objects.filter(pk=person.pk).update(
            restricted_at=None, restricted_by_organisation=None, restriction_ground="", restriction_reason=""
        )
        person.refresh_from_db()
        audit_record(actor=actor, event_type="person.restriction_lifted", obj=person)
        access_log_record(
            actor=actor,
            action=AccessAction.CHANGE,
            obj=person,
            person_id=person.pk,
            situation_id=person.situation_id,
            detail="beperking van de verwerking opgeheven",
        )
        _notify(
            kind=OfficerNotice.Kind.RESTRICTION_LIFTED,
            person=person,
            actor=actor,
            to=_participants_except(person, actor.organisation),
        )
        return person


def notices_seen(*, actor: Actor) -> int:
    require_officer(actor)
    return OfficerNotice.objects.filter(organisation=actor.organisation, seen_at__isnull=True).update(
        seen_at=timezone.now()
    )
