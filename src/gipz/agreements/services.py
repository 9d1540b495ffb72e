"""Writing werkafspraken: a draft is created from the version in force, edited, then approved (and frozen) or
discarded. Situations keep pointing at the version that applied when they were created."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gipz.accounts.actor import Actor
from gipz.agreements.models import AgreementEvent, AgreementVersion
from gipz.agreements.rules import AGREEMENT
from gipz.agreements.selectors import agreement_in_force, can_edit_agreements, region_agreement_in_force
from gipz.agreements.terms import TermsError, validate
from gipz.core.audit import audit_record
from gipz.core.errors import ConflictError, NotAllowedError, ServiceError
from gipz.geo.models import Municipality, SafetyRegion


def _event(version: AgreementVersion, *, kind: str, actor: Actor, at: datetime, note: str = "") -> None:
    AgreementEvent.record(version=version, at=at, kind=kind, actor=actor, note=note)


def _require_editor(actor: Actor, safety_region_id: int) -> None:
    if not can_edit_agreements(actor, safety_region_id):
        raise NotAllowedError(_("Alleen coördinatoren en beheerders uit deze regio wijzigen de werkafspraken."))


def _lock(actor: Actor, version_id: int, action: str) -> AgreementVersion:
    version = AgreementVersion.objects.select_for_update().get(pk=version_id)
    AGREEMENT.require(actor, version, action)
    return version


def agreement_draft_create(
    *, actor: Actor, safety_region_id: int, municipality_id: int | None = None, title: str = ""
) -> AgreementVersion:
    """A new draft for a region or one of its municipalities, starting from what is in force there now."""
    region = SafetyRegion.objects.filter(pk=safety_region_id).first()
    if region is None:
        raise ServiceError(_("Kies een veiligheidsregio."), field="safety_region")
    _require_editor(actor, region.pk)
    municipality = None
    if municipality_id is not None:
        municipality = Municipality.objects.filter(pk=municipality_id, safety_region=region).first()
        if municipality is None:
            raise ServiceError(_("Deze gemeente hoort niet bij de gekozen regio."), field="municipality")
    # A municipality's first version starts from the region's; the region's from its own or the defaults.
    applied = (
        agreement_in_force(municipality=municipality)
        if municipality is not None
        else region_agreement_in_force(safety_region_id=region.pk)
    )
    now = timezone.now()
    try:
        with transaction.atomic():
            scope = AgreementVersion.objects.filter(safety_region=region, municipality=municipality)
            number = (scope.aggregate(n=Max("number"))["n"] or 0) + 1
            version = AgreementVersion.objects.create(
                safety_region=region,
                municipality=municipality,
                number=number,
                title=title.strip() or _("Werkafspraken politie en zorg"),
                terms=applied.terms.to_json(),
                based_on=applied.version,
                created_by=actor.user,
                created_at=now,
            )
            _event(version, kind="created", actor=actor, at=now)
            audit_record(actor=actor, event_type="agreement.draft_created", obj=version, new={"number": number})
    except IntegrityError:
        raise ConflictError(_("Iemand anders maakte tegelijk een nieuwe versie. Probeer het opnieuw.")) from None
    return version


def agreement_draft_update(*, actor: Actor, version_id: int, title: str, terms: dict[str, Any]) -> AgreementVersion:
    if not title.strip():
        raise ServiceError(_("Geef de werkafspraak een titel."), field="title")
    try:
        checked = validate(terms)
    except TermsError as exc:
        raise ServiceError(str(exc), field=exc.field) from None
    now = timezone.now()
    with transaction.atomic():
        version = _lock(actor, version_id, "edit")
        old = {"title": version.title, "terms": version.terms}
        version.title = title.strip()
        version.terms = checked.to_json()
        version.save(update_fields=["title", "terms"])
        _event(version, kind="edited", actor=actor, at=now)
        audit_record(
            actor=actor,
            event_type="agreement.draft_edited",
            obj=version,
            old=old,
            new={"title": version.title, "terms": version.terms},
        )
    return version


def agreement_approve(*, actor: Actor, version_id: int, effective_from: date, approval_note: str) -> AgreementVersion:
    """Freeze a draft. It applies from its start date on; situations created before keep their version."""
    if effective_from < timezone.localdate():
        raise ServiceError(
            _("Een werkafspraak gaat niet met terugwerkende kracht in. Kies vandaag of later."), field="effective_from"
        )
    if not approval_note.strip():
        raise ServiceError(
            _("Leg vast waar de afspraak is vastgesteld (bijvoorbeeld: regionaal overleg van 12 maart)."),
            field="approval_note",
        )
    now = timezone.now()
    with transaction.atomic():
        version = _lock(actor, version_id, "approve")
        validate(version.terms)  # a draft saved by an older release must still be valid now
        AGREEMENT.move(
            version,
            to=AgreementVersion.Status.APPROVED,
            actor=actor,
            kind="approved",
            at=now,
            note=approval_note.strip()[:300],
            changes={
                "effective_from": effective_from,
                "approved_by": actor.user,
                "approved_at": now,
                "approval_note": approval_note.strip()[:300],
            },
        )
    return version


def agreement_discard(*, actor: Actor, version_id: int) -> AgreementVersion:
    now = timezone.now()
    with transaction.atomic():
        version = _lock(actor, version_id, "discard")
        AGREEMENT.move(version, to=AgreementVersion.Status.DISCARDED, actor=actor, kind="discarded", at=now)
    return version
