"""Reads for the privacy domain, scoped to the actor (404 outside their reach, via get_in_scope)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from gipz.accesslog.models import AccessLogEntry
from gipz.accounts.actor import Actor
from gipz.accounts.models import Organisation, Role, User
from gipz.core.access import get_in_scope
from gipz.privacy.models import (
    Circumstance,
    Disclosure,
    InformationRequest,
    OwnInitiativeWarning,
    Person,
    PersonFieldChange,
)
from gipz.privacy.personal import pseudonym_for
from gipz.privacy.rules import WARNING_RECIPIENT_TYPES, at_the_desk, may_warn
from gipz.privacy.texts import object_words
from gipz.rulebook.engine import Advice, Rulebook, advise_each
from gipz.situations.models import Situation


def person_of(situation: Situation) -> Person | None:
    return Person.objects.filter(situation=situation).first()


def person_hidden(actor: Actor, person: Person | None) -> bool:
    """A restricted record (AVG art. 18) is shown to privacy officers only."""
    return person is not None and person.is_restricted and not actor.has_role(Role.PRIVACY_OFFICER)


def situation_section(actor: Actor, situation: Situation) -> dict[str, Any]:
    """What the situation page shows from privacy (registered in apps.py; see situations/sections.py)."""
    person = person_of(situation)
    return {
        "person": person,
        "person_hidden": person_hidden(actor, person),
        "information_requests": requests_in_situation(actor=actor, situation=situation),
        "own_initiative_warnings": warnings_in_situation(actor=actor, situation=situation),
        "may_warn": may_warn(actor),
    }


def warning_recipients(actor: Actor) -> QuerySet[Organisation]:
    return Organisation.objects.filter(type__in=WARNING_RECIPIENT_TYPES).exclude(pk=actor.organisation.pk)


def warnings_in_situation(*, actor: Actor, situation: Situation) -> QuerySet[OwnInitiativeWarning]:
    """Warnings the actor's organisation gave or received in this situation."""
    org = actor.organisation
    return (
        OwnInitiativeWarning.objects.filter(situation=situation)
        .filter(Q(organisation=org) | Q(recipient=org))
        .select_related("organisation", "recipient")
    )


def requests_visible_to(actor: Actor) -> QuerySet[InformationRequest]:
    """Requests the actor's organisation asked, and — for its information desk — the ones it was asked. Others in
    the asked organisation do not see the question (privacy/rules.py)."""
    org = actor.organisation
    asked = Q(holder_organisation=org) if at_the_desk(actor) else Q(pk__in=[])
    return InformationRequest.objects.filter(Q(requesting_organisation=org) | asked).select_related(
        "situation", "requesting_organisation", "holder_organisation", "requested_by"
    )


def request_get(*, actor: Actor, request_id: int) -> InformationRequest:
    queryset = requests_visible_to(actor).select_related("disclosure", "disclosure__decided_by")
    return get_in_scope(queryset, pk=request_id)


def requests_in_situation(*, actor: Actor, situation: Situation) -> QuerySet[InformationRequest]:
    return requests_visible_to(actor).filter(situation=situation).order_by("-created_at")


def open_requests_for(actor: Actor) -> QuerySet[InformationRequest]:
    if not at_the_desk(actor):
        return InformationRequest.objects.none()
    return InformationRequest.objects.filter(
        holder_organisation=actor.organisation, status=InformationRequest.Status.OPEN
    )


def advice_for(request: InformationRequest, *, rulebook: Rulebook, circumstance: str) -> list[Advice]:
    """The rulebook's advice for this request in the circumstance the holder establishes, one per requested data
    category. The requester's claimed circumstance is deliberately not a fallback: a claim creates no duty."""
    return advise_each(
        rulebook,
        requester=request.requesting_organisation.type,
        requester_role=request.requester_role,
        holder=request.holder_organisation.type,
        purpose=request.purpose,
        categories=request.categories,
        circumstance=circumstance,
    )


def shared_content_visible(request: InformationRequest, *, actor: Actor) -> bool:
    """The requester sees shared items only until `visible_until`; the holder always sees what it shared (until
    the retention worker removed the content)."""
    disclosure = getattr(request, "disclosure", None)
    if disclosure is None or disclosure.content_removed_at is not None:
        return False
    if actor.organisation.pk == request.holder_organisation_id:
        return True
    return disclosure.visible_until is not None and timezone.now() < disclosure.visible_until


# --- privacy officer --------------------------------------------------------------------------------------------


def require_privacy_officer(actor: Actor) -> None:
    """The privacy pages exist only for privacy officers: 404 for everyone else."""
    if not actor.has_role(Role.PRIVACY_OFFICER):
        raise Http404


def persons_for_officer(actor: Actor) -> QuerySet[Person]:
    """Person records in situations the officer's organisation takes part in."""
    require_privacy_officer(actor)
    return Person.objects.filter(situation__participants__organisation=actor.organisation).select_related(
        "situation", "situation__municipality"
    )


def persons_search(*, actor: Actor, full_name: str, date_of_birth: date | None, reference: str) -> QuerySet[Person]:
    persons = persons_for_officer(actor)
    if reference:
        return persons.filter(situation__reference__iexact=reference.strip())
    return persons.filter(pseudonym=pseudonym_for(full_name, date_of_birth))


def person_changes(*, actor: Actor, person: Person) -> QuerySet[PersonFieldChange]:
    """The earlier values of the record's fields (rectifications and additions), oldest first: for its officer."""
    require_privacy_officer(actor)
    return PersonFieldChange.objects.filter(person=person).select_related("changed_by", "organisation")


def situations_of(organisation: Organisation) -> QuerySet[Any]:
    """Ids of the situations an organisation takes part in."""
    return Situation.objects.filter(participants__organisation=organisation).values_list("pk", flat=True)


def person_for_officer(*, actor: Actor, person_id: int) -> Person:
    return get_in_scope(persons_for_officer(actor), pk=person_id)


def related_persons(person: Person, *, actor: Actor) -> QuerySet[Person]:
    """The same person (same pseudonym) in the officer's other situations: one data-subject report covers all."""
    if person.is_removed:
        return persons_for_officer(actor).filter(pk=person.pk)
    return persons_for_officer(actor).filter(pseudonym=person.pseudonym).order_by("situation__created_at")


def access_log_for_persons(person_ids: list[int]) -> QuerySet[AccessLogEntry]:
    return AccessLogEntry.objects.filter(person_id__in=person_ids).select_related("user", "organisation")


def colleague_get(*, actor: Actor, user_id: int) -> User:
    """A user of the officer's own organisation (their log is the officer's to review), else 404."""
    require_privacy_officer(actor)
    return get_in_scope(User.objects.filter(memberships__organisation=actor.organisation).distinct(), pk=user_id)


def colleagues(actor: Actor) -> QuerySet[User]:
    require_privacy_officer(actor)
    return (
        User.objects.filter(memberships__organisation=actor.organisation).distinct().order_by("last_name", "username")
    )


@dataclass(frozen=True)
class AccessLogLine:
    """One access-log entry as a person reads it: what in words and the melding's reference, not database ids."""

    entry: AccessLogEntry
    what: str
    situation_reference: str


def access_log_lines(entries: Iterable[AccessLogEntry]) -> list[AccessLogLine]:
    entries = list(entries)
    references = dict(
        Situation.objects.filter(pk__in={e.situation_id for e in entries if e.situation_id}).values_list(
            "pk", "reference"
        )
    )
    return [
        AccessLogLine(
            entry=e, what=object_words(e.object_type), situation_reference=references.get(e.situation_id or 0, "")
        )
        for e in entries
    ]


def access_log_for_user(user: User) -> QuerySet[AccessLogEntry]:
    return AccessLogEntry.objects.filter(user=user).select_related("organisation").order_by("-seq")


def disclosures_without_consent(actor: Actor) -> QuerySet[Disclosure]:
    """Shared without consent, by or to the officer's organisation: each with its stated justification."""
    require_privacy_officer(actor)
    org = actor.organisation
    return (
        Disclosure.objects.filter(Q(organisation=org) | Q(request__requesting_organisation=org))
        .exclude(decision=Disclosure.Decision.REFUSE)
        .exclude(circumstance=Circumstance.CONSENT)
        .select_related("request__situation", "request__requesting_organisation", "organisation", "decided_by")
        .order_by("-decided_at")
    )


def warnings_without_consent(actor: Actor) -> QuerySet[OwnInitiativeWarning]:
    """Warnings given on a care professional's own initiative, by or to the officer's organisation."""
    require_privacy_officer(actor)
    org = actor.organisation
    return (
        OwnInitiativeWarning.objects.filter(Q(organisation=org) | Q(recipient=org))
        .select_related("situation", "organisation", "recipient", "recorded_by")
        .order_by("-warned_at")
    )


def disclosures_for_situations(situation_ids: list[int]) -> QuerySet[Disclosure]:
    return (
        Disclosure.objects.filter(request__situation_id__in=situation_ids)
        .select_related("request__requesting_organisation", "organisation")
        .prefetch_related("items")
        .order_by("decided_at")
    )
