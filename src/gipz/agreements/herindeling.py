"""What a municipal change moves in this app (registered with geo.changes): service areas — and so the duty
rosters, which hang on them — and a municipality's own werkafspraken."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone

from gipz.agreements.models import AgreementEvent, AgreementVersion, ServiceArea
from gipz.core.audit import audit_record
from gipz.geo.models import Municipality


def move_service_areas(
    old: Municipality, successors: list[tuple[Municipality, Decimal]], legal_date: date
) -> list[str]:
    """A service area that covered the predecessor covers its successors from the legal date (a successor another
    area of the same organisation already covers stays there); the predecessor leaves the area."""
    lines = []
    for area in ServiceArea.objects.filter(municipalities=old).select_related("organisation"):
        covered = set(
            ServiceArea.objects.filter(organisation=area.organisation).values_list("municipalities__pk", flat=True)
        )
        added = [m for m, _share in successors if m.pk not in covered]
        area.municipalities.add(*added)
        area.municipalities.remove(old)
        audit_record(
            actor=None,
            event_type="service_area.herindeling",
            obj=area,
            old={"removed": old.code},
            new={"added": [m.code for m in added], "date": str(legal_date)},
        )
        lines.append(f"werkgebied {area.name}: {old.name} eruit, erbij: {', '.join(m.name for m in added) or '—'}")
    return lines


def move_agreements(old: Municipality, successors: list[tuple[Municipality, Decimal]], legal_date: date) -> list[str]:
    """The predecessor's own approved werkafspraken go on in the successor that received the largest share, as a new
    approved version from the legal date (unless it has its own); the predecessor's versions stay as history."""
    own = (
        AgreementVersion.objects.filter(municipality=old, status=AgreementVersion.Status.APPROVED)
        .order_by("-effective_from", "-number")
        .first()
    )
    if own is None:
        return []
    successor = max(successors, key=lambda pair: (pair[1], pair[0].code))[0]
    if AgreementVersion.objects.filter(municipality=successor, status=AgreementVersion.Status.APPROVED).exists():
        return [f"werkafspraken van {old.name} niet overgenomen: {successor.name} heeft eigen werkafspraken"]
    scope = AgreementVersion.objects.filter(safety_region=successor.safety_region, municipality=successor)
    now = timezone.now()
    version = AgreementVersion.objects.create(
        safety_region=successor.safety_region,
        municipality=successor,
        number=(scope.aggregate(n=Max("number"))["n"] or 0) + 1,
        status=AgreementVersion.Status.APPROVED,
        title=own.title,
        terms=own.terms,
        based_on=own,
        created_at=now,
        effective_from=legal_date,
        approved_at=now,
        approval_note=f"herindeling {legal_date:%d-%m-%Y}: overgenomen van {old.name}"[:300],
    )
    AgreementEvent.record(version=version, at=now, kind="herindeling", actor=None, note=old.code)
    audit_record(actor=None, event_type="agreement.herindeling", obj=version, new={"from": own.pk})
    return [f"werkafspraken van {old.name} gelden voor {successor.name} vanaf {legal_date:%d-%m-%Y}"]
