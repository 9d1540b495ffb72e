"""Unsafe situations in care: report (after 112 when acute), police pick up and respond, either side records the
aangifte and what followed. Reports under Veilige Publieke Taak get the agreed VPT response time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gipz.accounts.actor import Actor
from gipz.accounts.models import Organisation
from gipz.agreements.selectors import agreement_in_force
from gipz.agreements.terms import Terms, UnsafeLevel
from gipz.careasks.services import addressees, require_care_asker
from gipz.core.audit import audit_record
from gipz.core.errors import ServiceError
from gipz.core.text import refuse_free_text
from gipz.geo.models import Municipality
from gipz.unsafety.models import UnsafeReport, UnsafeReportEvent
from gipz.unsafety.rules import UNSAFE_REPORT

Status = UnsafeReport.Status
_CLOCK_SKEW = timedelta(minutes=5)


@dataclass(frozen=True)
class UnsafeReportData:
    police_organisation_id: int
    municipality_id: int
    setting: str
    location: str
    occurred_at: datetime
    description: str
    severity_code: str
    request_kind: str
    acute: bool = False
    police_arrived_at: datetime | None = None
    vpt: bool = True


def response_deadline(*, level: UnsafeLevel, terms: Terms, vpt: bool, reported_at: datetime) -> datetime:
    """The level's agreed response time; under VPT never longer than the agreed VPT response time."""
    hours = min(level.response_hours, terms.targets.vpt_response_hours) if vpt else level.response_hours
    return reported_at + timedelta(hours=hours)


def _validate(data: UnsafeReportData, now: datetime) -> tuple[Organisation, Municipality]:
    if data.setting not in UnsafeReport.Setting.values:
        raise ServiceError(_("Kies waar het gebeurde."), field="setting")
    if not data.location.strip():
        raise ServiceError(_("Vul de locatie in."), field="location")
    if data.occurred_at > now + _CLOCK_SKEW:
        raise ServiceError(_("Het tijdstip ligt in de toekomst."), field="occurred_at")
    if len(data.description.strip()) < 10:
        raise ServiceError(_("Beschrijf wat er gebeurde (ten minste 10 tekens)."), field="description")
    refuse_free_text(data.description, data.location, field="description")
    if data.request_kind not in UnsafeReport.RequestKind.values:
        raise ServiceError(_("Kies wat u de politie vraagt."), field="request_kind")
    if data.request_kind == UnsafeReport.RequestKind.RECORD_ONLY and not data.acute:
        raise ServiceError(
            _("'Alleen vastleggen' is voor acute situaties waarin 112 al is gebeld."), field="request_kind"
        )
    if data.police_arrived_at is not None:
        if not data.acute:
            raise ServiceError(
                _("De aankomsttijd van de politie hoort bij een acute melding."), field="police_arrived_at"
            )
        if not data.occurred_at <= data.police_arrived_at <= now + _CLOCK_SKEW:
            raise ServiceError(
                _("De politie kan niet vóór het incident of in de toekomst ter plaatse zijn."),
                field="police_arrived_at",
            )
    return addressees(
        police_organisation_id=data.police_organisation_id,
        municipality_id=data.municipality_id,
        police_missing=_("Kies de politie-eenheid."),
    )


def unsafe_report_create(*, actor: Actor, data: UnsafeReportData, now: datetime | None = None) -> UnsafeReport:
    require_care_asker(actor, _("Meldingen van onveilige situaties komen van zorgorganisaties."))
    now = now or timezone.now()
    police, municipality = _validate(data, now)
    applied = agreement_in_force(municipality=municipality, at=now)
    level = applied.terms.unsafe_level(data.severity_code)
    if level is None:
        raise ServiceError(_("Kies een niveau uit de afspraken van deze regio."), field="severity_code")
    deadline = (
        None
        if data.request_kind == UnsafeReport.RequestKind.RECORD_ONLY
        else response_deadline(level=level, terms=applied.terms, vpt=data.vpt, reported_at=now)
    )
    with transaction.atomic():
        report = UnsafeReport.objects.create(
            care_organisation=actor.organisation,
            asked_by=actor.user,
            police_organisation=police,
            municipality=municipality,
            agreement=applied.version,
            created_at=now,
            setting=data.setting,
            location=data.location.strip(),
            occurred_at=data.occurred_at,
            description=data.description.strip(),
            acute=data.acute,
            police_arrived_at=data.police_arrived_at,
            request_kind=data.request_kind,
            vpt=data.vpt,
            severity_code=level.code,
            severity_name=level.name,
            severity_response=level.response,
            response_deadline=deadline,
        )
        UnsafeReportEvent.record(report=report, actor=actor, at=now, kind="reported", to_status=Status.REPORTED)
        audit_record(
            actor=actor,
            event_type="unsafereport.reported",
            obj=report,
            new={"police": police.pk, "severity": level.code, "vpt": data.vpt, "acute": data.acute},
        )
    return report


def _lock(report_id: int) -> UnsafeReport:
    return UnsafeReport.objects.select_for_update().get(pk=report_id)


def unsafe_report_pick_up(*, actor: Actor, report_id: int) -> UnsafeReport:
    """A police officer takes the report on, so colleagues see it is being handled."""
    now = timezone.now()
    with transaction.atomic():
        report = _lock(report_id)
        UNSAFE_REPORT.require(actor, report, "pick_up")
        UNSAFE_REPORT.move(
            report,
            to=Status.IN_PROGRESS,
            actor=actor,
            kind="picked_up",
            at=now,
            changes={"picked_up_by": actor.user, "picked_up_at": now},
        )
    return report


def unsafe_report_respond(
    *, actor: Actor, report_id: int, response_kind: str, note: str, now: datetime | None = None
) -> UnsafeReport:
    now = now or timezone.now()
    if response_kind not in UnsafeReport.ResponseKind.values:
        raise ServiceError(_("Kies hoe de politie heeft gereageerd."), field="response_kind")
    if len(note.strip()) < 5:
        raise ServiceError(_("Licht de reactie kort toe."), field="note")
    refuse_free_text(note, field="note")
    with transaction.atomic():
        report = _lock(report_id)
        UNSAFE_REPORT.require(actor, report, "respond")
        UNSAFE_REPORT.move(
            report,
            to=Status.RESPONDED,
            actor=actor,
            kind="responded",
            at=now,
            changes={
                "response_kind": response_kind,
                "response_note": note.strip(),
                "responded_by": actor.user,
                "responded_at": now,
            },
        )
    return report


def unsafe_report_close(*, actor: Actor, report_id: int, aangifte: str, follow_up: str, note: str = "") -> UnsafeReport:
    """Either side records whether an aangifte was made and what followed."""
    if aangifte not in UnsafeReport.Aangifte.values:
        raise ServiceError(_("Geef aan of er aangifte is gedaan."), field="aangifte")
    if follow_up not in UnsafeReport.FollowUp.values:
        raise ServiceError(_("Kies wat er volgde."), field="follow_up")
    if aangifte == UnsafeReport.Aangifte.NOT_MADE and follow_up in (
        UnsafeReport.FollowUp.SUSPECT_HEARD,
        UnsafeReport.FollowUp.TO_PROSECUTOR,
        UnsafeReport.FollowUp.SETTLED,
        UnsafeReport.FollowUp.DISMISSED,
    ):
        raise ServiceError(_("Zonder aangifte volgt er geen strafzaak: kies een andere uitkomst."), field="follow_up")
    refuse_free_text(note, field="note")
    now = timezone.now()
    with transaction.atomic():
        report = _lock(report_id)
        UNSAFE_REPORT.require(actor, report, "close")
        UNSAFE_REPORT.move(
            report,
            to=Status.CLOSED,
            actor=actor,
            kind="closed",
            at=now,
            changes={"aangifte": aangifte, "follow_up": follow_up, "follow_up_note": note.strip(), "closed_at": now},
        )
    return report


def unsafe_report_withdraw(*, actor: Actor, report_id: int, reason: str) -> UnsafeReport:
    if len(reason.strip()) < 5:
        raise ServiceError(_("Geef kort aan waarom u de melding intrekt."), field="reason")
    with transaction.atomic():
        report = _lock(report_id)
        UNSAFE_REPORT.require(actor, report, "withdraw")
        UNSAFE_REPORT.move(
            report,
            to=Status.WITHDRAWN,
            actor=actor,
            kind="withdrawn",
            at=timezone.now(),
            changes={"withdraw_reason": reason.strip()[:300]},
        )
    return report
