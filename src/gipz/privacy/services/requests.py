"""Information requests: asking, answering (share / share partly / refuse, with the weighing), withdrawing.

The rulebook advises; it never decides. The holder may go against the advice, but going ahead without consent
always needs a stated justification, which the privacy officers of both organisations see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gipz.accesslog.log import access_log_record
from gipz.accesslog.models import AccessAction
from gipz.accounts.actor import Actor
from gipz.accounts.models import Membership, Organisation, Role, User
from gipz.alerts.models import Alert
from gipz.alerts.services import alert
from gipz.core.audit import audit_record
from gipz.core.errors import ConflictError, NotAllowedError, ServiceError
from gipz.core.events import publish
from gipz.core.text import refuse_free_text
from gipz.privacy.access import access_log_in_situation, categories_in_words
from gipz.privacy.models import (
    Circumstance,
    DataCategory,
    Disclosure,
    DisclosureItem,
    InformationRequest,
    InformationRequestEvent,
    InformedHow,
    NotInformedException,
    Person,
    Purpose,
)
from gipz.privacy.rules import DESK_ROLES, INFORMATION_REQUEST
from gipz.privacy.selectors import advice_for
from gipz.rulebook.services import rulebook_current
from gipz.situations.events import situation_changed_send
from gipz.situations.models import Situation
from gipz.situations.services.common import lock_situation, timeline_add

ASKING_ROLES = frozenset({Role.PROFESSIONAL, Role.COORDINATOR, Role.KEY_FIGURE})
# Which role the rulebook sees when someone holds several: the most specific one first.
ROLE_PRECEDENCE = (Role.KEY_FIGURE, Role.COORDINATOR, Role.PROFESSIONAL, Role.PRIVACY_OFFICER, Role.ANALYST, Role.ADMIN)


def primary_role(actor: Actor) -> str:
    return next((str(role) for role in ROLE_PRECEDENCE if role in actor.roles), str(Role.PROFESSIONAL))


def _lock(request_id: int) -> InformationRequest:
    """The lock order: the situation first, then its information request (situations/services/common.py)."""
    situation_id = InformationRequest.objects.filter(pk=request_id).values_list("situation_id", flat=True).get()
    lock_situation(situation_id)
    return (
        InformationRequest.objects.select_for_update()
        .select_related("requesting_organisation", "holder_organisation")
        .get(pk=request_id)
    )


def _mark_dirty(request: InformationRequest) -> None:
    """The request's status counts in the monitoring of its situation's month."""
    municipality_id, created_at = Situation.objects.values_list("municipality_id", "created_at").get(
        pk=request.situation_id
    )
    situation_changed_send(municipality_id=municipality_id, created_at=created_at)


@dataclass(frozen=True)
class RequestData:
    holder_organisation_id: int
    purpose: str
    question: str
    categories: list[str]
    urgency: str
    circumstance: str
    claimed_basis: str = ""


def information_request_create(*, actor: Actor, situation_id: int, data: RequestData) -> InformationRequest:
    if not (actor.roles & ASKING_ROLES):
        raise NotAllowedError(_("Uw rol stelt geen informatieverzoeken."))
    if data.purpose not in Purpose.values:
        raise ServiceError(_("Kies het doel van uw vraag."), field="purpose")
    if not data.categories or any(c not in DataCategory.values for c in data.categories):
        raise ServiceError(_("Kies welke soorten gegevens u nodig hebt."), field="categories")
    if data.urgency not in InformationRequest.Urgency.values:
        raise ServiceError(_("Kies de urgentie."), field="urgency")
    if data.circumstance not in Circumstance.values:
        raise ServiceError(_("Kies de omstandigheid."), field="circumstance")
    if len(data.question.strip()) < 10:
        raise ServiceError(_("Stel uw vraag in een volledige zin (ten minste 10 tekens)."), field="question")
    refuse_free_text(data.question, data.claimed_basis, field="question")
    holder = Organisation.objects.filter(pk=data.holder_organisation_id).first()
    if holder is None:
        raise ServiceError(_("Kies de organisatie die u iets wilt vragen."), field="holder_organisation")
    if not Membership.objects.filter(organisation=holder, role__in=DESK_ROLES, user__is_active=True).exists():
        raise ServiceError(
            _("%(holder)s heeft in GIPZ nog geen informatiedesk. Neem telefonisch contact op.")
            % {"holder": holder.name},
            field="holder_organisation",
        )
    if holder.pk == actor.organisation.pk:
        raise ServiceError(
            _("Een vraag aan uw eigen organisatie hoort niet in een informatieverzoek."), field="holder_organisation"
        )
    now = timezone.now()
    with transaction.atomic():
        situation = lock_situation(situation_id)
        if not situation.participants.filter(organisation=actor.organisation).exists():
            raise NotAllowedError(_("Uw organisatie neemt niet deel aan deze melding."))
        request = InformationRequest.objects.create(
            situation=situation,
            requested_by=actor.user,
            requesting_organisation=actor.organisation,
            requester_role=primary_role(actor),
            holder_organisation=holder,
            purpose=data.purpose,
            question=data.question.strip(),
            categories=list(dict.fromkeys(data.categories)),
            urgency=data.urgency,
            claimed_circumstance=data.circumstance,
            claimed_basis=data.claimed_basis.strip(),
            created_at=now,
        )
        publish("information_request.received", at=now, organisation_ids=[holder.pk],
                reference=situation.reference, information_request_id=request.pk)  # fmt: skip
        InformationRequestEvent.record(request=request, kind="asked", actor=actor, at=now)
        alert(  # the holder's information desk: what is asked stays in GIPZ
            recipients=User.objects.filter(memberships__organisation=holder, memberships__role__in=DESK_ROLES),
            kind=Alert.Kind.INFORMATION_REQUEST,
            reference=situation.reference,
            urgency=situation.urgency,
            municipality=situation.municipality.name,
            path=reverse("information-request", args=[request.pk]),
            now=now,
        )
        # The situation's timeline says that a question was asked, never what.
        timeline_add(situation=situation, kind="information_request", actor=actor, at=now, note=holder.name)
        audit_record(
            actor=actor,
            event_type="information_request.created",
            obj=request,
            new={"holder": holder.pk, "purpose": data.purpose, "categories": request.categories},
        )
        person = Person.objects.filter(situation=situation).first()
        if person is not None:
            # The holder will see who the question is about: that is itself a disclosure of identity.
            access_log_record(
                actor=actor,
                action=AccessAction.SHARE,
                obj=request,
                person_id=person.pk,
                situation_id=situation.pk,
                detail=f"identiteit aan {holder.name} (bij een informatieverzoek)",
            )
    return request


@dataclass(frozen=True)
class AnswerData:
    decision: str
    circumstance: str
    legal_basis: str
    weighing: str
    items: dict[str, str] = field(default_factory=dict)  # category -> what is shared
    consent_given_by: str = ""
    consent_given_at: datetime | None = None
    consent_how: str = ""
    justification: str = ""
    justification_text: str = ""
    person_informed: str = ""
    person_not_informed_reason: str = ""
    informed_how: str = ""
    not_informed_exception: str = ""
    message_to_requester: str = ""
    visible_days: int | None = None


def _validate_answer(request: InformationRequest, data: AnswerData, now: datetime) -> dict[str, str]:
    if data.decision not in Disclosure.Decision.values:
        raise ServiceError(_("Kies: delen, deels delen of weigeren."), field="decision")
    if data.circumstance not in Circumstance.values:
        raise ServiceError(_("Kies de omstandigheid waarop u zich baseert."), field="circumstance")
    if len(data.weighing.strip()) < 10:
        raise ServiceError(_("Leg uw afweging vast (ten minste 10 tekens)."), field="weighing")
    items = {category: text.strip() for category, text in data.items.items() if text and text.strip()}
    unknown = set(items) - set(request.categories)
    if unknown:
        raise ServiceError(_("U kunt alleen antwoorden op de gevraagde soorten gegevens."), field="items")
    refuse_free_text(*items.values(), field="items")
    refusing = data.decision == Disclosure.Decision.REFUSE
    if refusing:
        if items:
            raise ServiceError(_("Bij weigeren deelt u niets: maak de ingevulde antwoorden leeg."), field="items")
        return items
    if not items:
        raise ServiceError(_("Vul in wat u deelt, per soort gegevens."), field="items")
    if data.decision == Disclosure.Decision.SHARE and set(items) != set(request.categories):
        raise ServiceError(_("U deelt niet alles wat gevraagd is: kies 'deels delen'."), field="decision")
    if not data.legal_basis.strip():
        raise ServiceError(_("Noem de grondslag waarop u deelt."), field="legal_basis")
    if data.circumstance == Circumstance.CONSENT:
        if not data.consent_given_by.strip() or data.consent_given_at is None or not data.consent_how:
            raise ServiceError(_("Leg de toestemming vast: wie gaf die, wanneer en hoe."), field="consent_given_by")
        if data.consent_how not in Disclosure.ConsentHow.values:
            raise ServiceError(_("Kies hoe de toestemming is gegeven."), field="consent_how")
        if data.consent_given_at > now:
            raise ServiceError(_("De toestemming kan niet in de toekomst zijn gegeven."), field="consent_given_at")
    else:
        if data.justification not in Disclosure.Justification.values or len(data.justification_text.strip()) < 10:
            raise ServiceError(
                _("Delen zonder toestemming vraagt een rechtvaardiging: kies de grond en licht die toe."),
                field="justification",
            )
    require_person_informed(
        data.person_informed, data.person_not_informed_reason, data.informed_how, data.not_informed_exception
    )
    if data.visible_days is not None and not 1 <= data.visible_days <= 365:
        raise ServiceError(_("Kies een zichtbaarheid tussen 1 en 365 dagen."), field="visible_days")
    return items


def require_person_informed(informed: str, reason: str, how: str, exception: str) -> None:
    """Whoever shares records whether the person is told: how, if told now; the legal exception and why, if not
    (AVG art. 14(5), UAVG art. 41, the Wpg). 'Will inform' goes on the worklist (services/informing.py)."""
    if informed not in Disclosure.Informed.values or informed == Disclosure.Informed.NOT_APPLICABLE:
        raise ServiceError(_("Geef aan of de betrokkene wordt geïnformeerd."), field="person_informed")
    if informed == Disclosure.Informed.INFORMED and how not in InformedHow.values:
        raise ServiceError(_("Geef aan hoe de betrokkene is geïnformeerd."), field="informed_how")
    if informed == Disclosure.Informed.UNSAFE:
        if exception not in NotInformedException.values:
            raise ServiceError(
                _("Kies de uitzondering op grond waarvan u de betrokkene niet informeert."),
                field="not_informed_exception",
            )
        if not reason.strip():
            raise ServiceError(_("Licht toe waarom informeren onveilig is."), field="person_not_informed_reason")


def informing_values(*, actor: Actor, informed: str, how: str, exception: str, now: datetime) -> dict[str, object]:
    """The InformingRecord fields for what was chosen when sharing."""
    if informed == Disclosure.Informed.INFORMED:
        return {"informed_at": now, "informed_by": actor.user, "informed_how": how}
    if informed == Disclosure.Informed.UNSAFE:
        return {"not_informed_exception": exception}
    return {}


def information_request_answer(*, actor: Actor, request_id: int, data: AnswerData) -> Disclosure:
    now = timezone.now()
    with transaction.atomic():
        request = _lock(request_id)
        INFORMATION_REQUEST.require_permitted(actor, request, "answer")
        if not INFORMATION_REQUEST.in_state(request, "answer"):  # someone else answered first
            raise ConflictError(
                _("Dit verzoek is intussen al %(status)s.")
                % {"status": InformationRequest.Status(request.status).label}
            )
        _mark_dirty(request)
        items = _validate_answer(request, data, now)
        version, rulebook = rulebook_current()
        advice = advice_for(request, rulebook=rulebook, circumstance=data.circumstance)
        to_status = {
            Disclosure.Decision.SHARE: InformationRequest.Status.SHARED,
            Disclosure.Decision.PARTLY: InformationRequest.Status.PARTLY_SHARED,
            Disclosure.Decision.REFUSE: InformationRequest.Status.REFUSED,
        }[Disclosure.Decision(data.decision)]
        refusing = data.decision == Disclosure.Decision.REFUSE
        consent = data.circumstance == Circumstance.CONSENT and not refusing
        disclosure = Disclosure.objects.create(
            request=request,
            decision=data.decision,
            decided_by=actor.user,
            organisation=actor.organisation,
            decided_at=now,
            circumstance=data.circumstance,
            rulebook_version=version,
            advice=[{"category": a.question.category, "rule": a.rule.id, "verdict": a.verdict} for a in advice],
            legal_basis=data.legal_basis.strip(),
            weighing=data.weighing.strip(),
            consent_given_by=data.consent_given_by.strip() if consent else "",
            consent_given_at=data.consent_given_at if consent else None,
            consent_how=data.consent_how if consent else "",
            justification="" if refusing or consent else data.justification,
            justification_text="" if refusing or consent else data.justification_text.strip(),
            person_informed=Disclosure.Informed.NOT_APPLICABLE if refusing else data.person_informed,
            person_not_informed_reason="" if refusing else data.person_not_informed_reason.strip(),
            **(
                {}
                if refusing
                else informing_values(
                    actor=actor,
                    informed=data.person_informed,
                    how=data.informed_how,
                    exception=data.not_informed_exception,
                    now=now,
                )
            ),
            message_to_requester=data.message_to_requester.strip(),
            visible_until=None
            if refusing
            else now + timedelta(days=data.visible_days or settings.GIPZ_SHARED_VISIBLE_DAYS),
        )
        DisclosureItem.objects.bulk_create(
            [DisclosureItem(disclosure=disclosure, category=category, content=text) for category, text in items.items()]
        )
        INFORMATION_REQUEST.move(
            request,
            to=to_status,
            actor=actor,
            kind="answered",
            at=now,
            changes={"closed_at": now},
            audit={
                "categories_shared": sorted(items),
                "circumstance": data.circumstance,
                "justification": disclosure.justification,
                "rulebook": version.number,
            },
        )
        if items:
            access_log_in_situation(
                actor=actor,
                action=AccessAction.SHARE,
                obj=disclosure,
                situation_id=request.situation_id,
                detail=f"{categories_in_words(sorted(items))} aan {request.requesting_organisation.name}",
            )
    return disclosure


def information_request_withdraw(*, actor: Actor, request_id: int) -> InformationRequest:
    now = timezone.now()
    with transaction.atomic():
        request = _lock(request_id)
        INFORMATION_REQUEST.require(actor, request, "withdraw")
        _mark_dirty(request)
        INFORMATION_REQUEST.move(
            request,
            to=InformationRequest.Status.WITHDRAWN,
            actor=actor,
            kind="withdrawn",
            at=now,
            changes={"closed_at": now},
        )
    return request
