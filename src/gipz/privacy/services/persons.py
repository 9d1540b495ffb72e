"""Recording and correcting a situation's person record (erasure and restriction: services/rights.py). Every change
writes an access-log row and an audit row (field names only: the audit trail must not keep the values an erasure
removes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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
from gipz.privacy.models import Person, PersonFieldChange
from gipz.privacy.personal import pseudonym_for
from gipz.situations.events import situation_changed_send
from gipz.situations.models import Situation

WRITER_ROLES = frozenset({Role.PROFESSIONAL, Role.COORDINATOR, Role.KEY_FIGURE, Role.PRIVACY_OFFICER, Role.ADMIN})
IDENTITY_FIELDS = ("full_name", "date_of_birth", "contact", "known_risks")
CARE_FIELDS = ("care_details",)


@dataclass(frozen=True)
class PersonData:
    full_name: str = ""
    date_of_birth: date | None = None
    contact: str = ""
    known_risks: str = ""
    care_details: str | None = None  # None: not given (a non-care actor never sends it)


def _check(actor: Actor, situation: Situation, data: PersonData) -> None:
    if not (actor.roles & WRITER_ROLES):
        raise NotAllowedError(_("Uw rol legt geen betrokkenen vast."))
    if not situation.participants.filter(organisation=actor.organisation).exists():
        raise NotAllowedError(_("Uw organisatie neemt niet deel aan deze melding."))
    if data.care_details is not None and not actor.is_care:
        raise NotAllowedError(_("Alleen zorgprofessionals leggen zorggegevens vast."))
    if not data.full_name.strip() and not data.contact.strip() and not data.known_risks.strip():
        raise ServiceError(_("Vul ten minste een naam, contactgegeven of bekend risico in."), field="full_name")
    if data.date_of_birth is not None:
        today = timezone.localdate()
        if data.date_of_birth > today or data.date_of_birth.year < today.year - 120:
            raise ServiceError(_("Deze geboortedatum kan niet kloppen."), field="date_of_birth")
    for field in ("full_name", "contact", "known_risks", "care_details"):
        refuse_free_text(getattr(data, field) or "", field=field)


def _require_owner_or_addition(actor: Actor, person: Person, name: str, old: object, new: object) -> None:
    """What an organisation recorded, only it changes or removes; another may fill an empty field or add to a text
    (the new text begins with the old one)."""
    owner_id = person.field_owners.get(name)
    if owner_id is None or owner_id == actor.organisation.pk or old in ("", None):
        return
    if isinstance(old, str) and isinstance(new, str) and new.startswith(old):
        return
    owner = Organisation.objects.filter(pk=owner_id).values_list("name", flat=True).first() or "?"
    raise ServiceError(
        _("Dit gegeven is vastgelegd door %(owner)s: u kunt het aanvullen, niet wijzigen of wissen.")
        % {"owner": owner},
        field=name,
    )


def person_save(*, actor: Actor, situation_id: int, data: PersonData) -> Person:
    """Create the person record of a situation, or correct it (rectification). Logged either way."""
    with transaction.atomic():
        situation = Situation.objects.select_for_update().get(pk=situation_id)
        _check(actor, situation, data)
        situation_changed_send(
            municipality_id=situation.municipality_id, created_at=situation.created_at
        )  # repeat persons
        person = Person.objects.filter(situation=situation).first()
        if person is not None and person.is_removed:
            raise ServiceError(
                _("De gegevens van deze betrokkene zijn verwijderd en kunnen niet meer worden aangevuld.")
            )
        if person is not None and person.is_restricted:
            raise ServiceError(_("De verwerking van deze gegevens is beperkt (AVG art. 18): wijzigen kan nu niet."))
        values = {
            "full_name": data.full_name.strip(),
            "date_of_birth": data.date_of_birth,
            "contact": data.contact.strip(),
            "known_risks": data.known_risks.strip(),
        }
        if data.care_details is not None:
            values["care_details"] = data.care_details.strip()
        if person is None:
            person = Person.objects.create(
                situation=situation,
                pseudonym=pseudonym_for(values["full_name"], values["date_of_birth"]),
                recorded_by=actor.user,
                recorded_by_organisation=actor.organisation,
                field_owners={name: actor.organisation.pk for name, value in values.items() if value},
                **values,
            )
            changed = [name for name, value in values.items() if value]
            action, event = AccessAction.CREATE, "person.recorded"
        else:
            changed = [name for name, value in values.items() if getattr(person, name) != value]
            if not changed:
                return person
            now = timezone.now()
            owners = dict(person.field_owners)
            for name in changed:
                old_value = getattr(person, name)
                _require_owner_or_addition(actor, person, name, old_value, values[name])
                if old_value not in ("", None):
                    PersonFieldChange.objects.create(
                        person=person,
                        field=name,
                        old_value=str(old_value),
                        changed_by=actor.user,
                        organisation=actor.organisation,
                        changed_at=now,
                    )
                owners.setdefault(name, actor.organisation.pk)
                if values[name] in ("", None):
                    owners.pop(name, None)
                setattr(person, name, values[name])
            person.field_owners = owners
            if {"full_name", "date_of_birth"} & set(changed):
                person.pseudonym = pseudonym_for(person.full_name, person.date_of_birth)
            person.save()
            action, event = AccessAction.CHANGE, "person.rectified"
        audit_record(actor=actor, event_type=event, obj=person, new={"fields": changed})
        access_log_record(
            actor=actor,
            action=action,
            obj=person,
            person_id=person.pk,
            situation_id=situation.pk,
            detail=", ".join(in_dutch(Person._meta.get_field(name).verbose_name) for name in changed),
        )
        return person
