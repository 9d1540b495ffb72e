from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import F, Q
from django.utils import timezone

from gipz.accounts.actor import Actor
from gipz.accounts.models import Team
from gipz.agreements.models import AgreementVersion, DutyShift
from gipz.agreements.terms import Terms, default_terms
from gipz.core.access import get_in_scope
from gipz.core.memo import memo
from gipz.geo.models import Municipality


@dataclass(frozen=True)
class OnDuty:
    primary: Team | None
    backup: Team | None


_WINDOW = timedelta(minutes=5)


def duty_for(*, municipality: Municipality, at: datetime) -> OnDuty:
    """The crisis teams on duty (and backup) for a municipality at a moment.

    The shifts around 'now' are read once per few seconds per process (core/memo.py): every intake asks this, and
    the join costs more to plan than to run. Moments outside that window (history, tests) are read directly."""
    now = timezone.now()
    if now - _WINDOW <= at <= now + _WINDOW:
        window_start = now.replace(second=0, microsecond=0) - _WINDOW
        shifts = memo(("duty", municipality.pk, window_start), lambda: _shifts(municipality, window_start))
    else:
        shifts = _shifts(municipality, at, at)
    covering = [s for s in shifts if s.starts_at <= at < s.ends_at]
    primary = next((s.team for s in covering if s.role == DutyShift.Role.PRIMARY), None)
    backup = next((s.team for s in covering if s.role == DutyShift.Role.BACKUP), None)
    return OnDuty(primary=primary, backup=backup)


def _shifts(municipality: Municipality, start: datetime, end: datetime | None = None) -> list[DutyShift]:
    """Shifts of the municipality's areas overlapping [start, end] (end defaults to start + 3 windows)."""
    end = end or start + 3 * _WINDOW
    return list(
        DutyShift.objects.filter(area__municipalities=municipality, starts_at__lte=end, ends_at__gt=start)
        .select_related("team__organisation")
        .order_by("starts_at", "id")
    )


@dataclass(frozen=True)
class AppliedAgreement:
    """The werkafspraak in force for a municipality at a moment (None: no regional agreement, national defaults)."""

    version: AgreementVersion | None
    terms: Terms


def agreement_in_force(*, municipality: Municipality, at: datetime | None = None) -> AppliedAgreement:
    """The municipality's own approved version if it has one in force, else the region's, else the defaults.

    'Now' is memoised briefly per process like the roster (every intake asks); other moments are read directly."""
    at = at or timezone.now()
    day = timezone.localdate(at)
    if abs(timezone.now() - at) <= _WINDOW:
        return memo(("agreement", municipality.pk, day), lambda: _agreement(municipality, day))
    return _agreement(municipality, day)


def _agreement(municipality: Municipality, day: date) -> AppliedAgreement:
    return _in_force(safety_region_id=municipality.safety_region_id, municipality_id=municipality.pk, day=day)


def region_agreement_in_force(*, safety_region_id: int) -> AppliedAgreement:
    """The region's own version in force today, ignoring municipal versions (a new regional draft starts here)."""
    return _in_force(safety_region_id=safety_region_id, municipality_id=None, day=timezone.localdate())


def _in_force(*, safety_region_id: int | None, municipality_id: int | None, day: date) -> AppliedAgreement:
    scope = (
        Q(municipality__isnull=True)
        if municipality_id is None
        else Q(municipality_id=municipality_id) | Q(municipality__isnull=True)
    )
    version = (
        AgreementVersion.objects.filter(
            scope,
            safety_region_id=safety_region_id,
            status=AgreementVersion.Status.APPROVED,
            effective_from__lte=day,
        )
        .order_by(F("municipality_id").asc(nulls_last=True), "-effective_from", "-number")
        .first()
    )
    if version is None:
        return AppliedAgreement(version=None, terms=default_terms())
    return AppliedAgreement(version=version, terms=Terms.from_json(version.terms))


def agreement_terms(version: AgreementVersion | None) -> Terms:
    """The terms a situation recorded (None: it was created under the national defaults)."""
    return Terms.from_json(version.terms) if version is not None else default_terms()


def agreements_overview() -> list[AgreementVersion]:
    """Every version that is not a discarded draft, for the list page (agreements are not personal data: everyone
    logged in reads them)."""
    return list(
        AgreementVersion.objects.exclude(status=AgreementVersion.Status.DISCARDED)
        .select_related("safety_region", "municipality", "approved_by")
        .order_by("safety_region__name", F("municipality__name").asc(nulls_first=True), "-number")
    )


def agreement_get(*, version_id: int) -> AgreementVersion:
    return get_in_scope(
        AgreementVersion.objects.select_related("safety_region", "municipality", "approved_by", "created_by"),
        pk=version_id,
    )


def in_force_ids() -> set[int]:
    """The versions in force today, one per scope, to mark them in the list."""
    today = timezone.localdate()
    best: dict[tuple[int, int | None], AgreementVersion] = {}
    approved = AgreementVersion.objects.filter(
        status=AgreementVersion.Status.APPROVED, effective_from__lte=today
    ).order_by("effective_from", "number")
    for version in approved:
        best[(version.safety_region_id, version.municipality_id)] = version
    return {v.pk for v in best.values()}


def can_edit_agreements(actor: Actor, safety_region_id: int) -> bool:
    """Coordinators and administrators of an organisation in the region edit its agreements; everyone reads."""
    return actor.is_coordinator and actor.organisation.safety_region_id == safety_region_id
