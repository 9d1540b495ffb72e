"""Unsafe situations in care (tension 3): care staff report aggression or threat; police respond; aangifte and what
followed are recorded. Severity uses the region's shared definition of 'onveilig' from the werkafspraken."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gipz.careasks.models import CareAsksPolice
from gipz.core.models import HistoryEvent


class UnsafeReport(CareAsksPolice):
    """Care reports aggression or a threat and asks the police to respond."""

    class Setting(models.TextChoices):
        INSIDE = "inside", _("Binnen de instelling")
        OUTSIDE = "outside", _("Buiten de instelling (terrein, straat)")
        HOME_VISIT = "home_visit", _("Bij een huisbezoek of ambulante zorg")

    class RequestKind(models.TextChoices):
        ADVICE = "advice", _("Advies van de politie")
        VISIT = "visit", _("Een bezoek van de politie")
        AANGIFTE_SUPPORT = "aangifte_support", _("Steun bij het doen van aangifte")
        RECORD_ONLY = "record_only", _("Alleen vastleggen (112 is al gebeld)")

    class Status(models.TextChoices):
        REPORTED = "reported", _("gemeld")
        IN_PROGRESS = "in_progress", _("in behandeling bij politie")
        RESPONDED = "responded", _("politie heeft gereageerd")
        CLOSED = "closed", _("afgesloten")
        WITHDRAWN = "withdrawn", _("ingetrokken")

    class ResponseKind(models.TextChoices):
        EMERGENCY = "emergency", _("Met spoed ter plaatse geweest (112)")
        ADVICE = "advice", _("Advies gegeven")
        VISIT = "visit", _("Langs geweest")
        AANGIFTE_TAKEN = "aangifte_taken", _("Aangifte opgenomen")
        ARREST = "arrest", _("Verdachte aangehouden")
        NO_POLICE_TASK = "no_police_task", _("Geen politietaak, teruggelegd bij zorg (met uitleg)")

    class Aangifte(models.TextChoices):
        MADE = "made", _("Aangifte gedaan")
        PLANNED = "planned", _("Aangifte gepland")
        NOT_MADE = "not_made", _("Geen aangifte")

    class FollowUp(models.TextChoices):
        PENDING = "pending", _("Nog geen uitkomst")
        SUSPECT_HEARD = "suspect_heard", _("Verdachte gehoord")
        TO_PROSECUTOR = "to_prosecutor", _("Naar het Openbaar Ministerie")
        SETTLED = "settled", _("Afgedaan (bijvoorbeeld strafbeschikking of Halt)")
        DISMISSED = "dismissed", _("Geseponeerd")
        CARE_MEASURE = "care_measure", _("Opgelost met een zorgmaatregel")

    REFERENCE_PREFIX = "O"

    status = models.CharField(max_length=16, choices=Status.choices, default=Status.REPORTED, db_index=True)

    setting = models.CharField(_("waar"), max_length=16, choices=Setting.choices)
    occurred_at = models.DateTimeField(_("wanneer gebeurde het"))
    description = models.TextField(_("wat gebeurde er"), max_length=2000)
    acute = models.BooleanField(_("acuut, 112 gebeld"), default=False)
    police_arrived_at = models.DateTimeField(_("politie ter plaatse om"), null=True, blank=True)
    request_kind = models.CharField(_("wat vraagt u de politie"), max_length=20, choices=RequestKind.choices)
    vpt = models.BooleanField(_("Veilige Publieke Taak: slachtoffer is medewerker in functie"), default=True)

    # The level of the region's definition, copied: a later agreement does not change what was reported.
    severity_code = models.CharField(_("niveau"), max_length=16)
    severity_name = models.CharField(max_length=100)
    severity_response = models.CharField(max_length=500)
    response_deadline = models.DateTimeField(_("reactie uiterlijk"), null=True, blank=True)

    picked_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    picked_up_at = models.DateTimeField(null=True, blank=True)
    response_kind = models.CharField(_("reactie politie"), max_length=20, choices=ResponseKind.choices, blank=True)
    response_note = models.TextField(_("toelichting reactie"), max_length=1000, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)

    aangifte = models.CharField(_("aangifte"), max_length=16, choices=Aangifte.choices, blank=True)
    follow_up = models.CharField(_("wat volgde"), max_length=16, choices=FollowUp.choices, blank=True)
    follow_up_note = models.TextField(_("toelichting"), max_length=1000, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta(CareAsksPolice.Meta):
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["police_organisation", "status", "response_deadline"]),
            models.Index(fields=["municipality", "created_at"]),
        ]
        verbose_name = _("melding onveilige situatie")
        verbose_name_plural = _("meldingen onveilige situatie")

    @property
    def response_time(self) -> timedelta | None:
        """Acute: from the incident until police were on site. Otherwise: from the report until police responded."""
        if self.acute and self.police_arrived_at:
            return self.police_arrived_at - self.occurred_at
        if self.responded_at:
            return self.responded_at - self.created_at
        return None

    @property
    def response_minutes(self) -> int | None:
        elapsed = self.response_time
        return None if elapsed is None else round(elapsed.total_seconds() / 60)

    @property
    def responded_late(self) -> bool:
        return bool(self.response_deadline and self.responded_at and self.responded_at > self.response_deadline)


TRANSITIONS: dict[str, frozenset[str]] = {
    UnsafeReport.Status.REPORTED: frozenset(
        {UnsafeReport.Status.IN_PROGRESS, UnsafeReport.Status.RESPONDED, UnsafeReport.Status.WITHDRAWN}
    ),
    UnsafeReport.Status.IN_PROGRESS: frozenset({UnsafeReport.Status.RESPONDED}),
    UnsafeReport.Status.RESPONDED: frozenset({UnsafeReport.Status.CLOSED}),
    UnsafeReport.Status.CLOSED: frozenset(),
    UnsafeReport.Status.WITHDRAWN: frozenset(),
}
OPEN_FOR_POLICE = (UnsafeReport.Status.REPORTED, UnsafeReport.Status.IN_PROGRESS)


class UnsafeReportEvent(HistoryEvent):
    report = models.ForeignKey(UnsafeReport, on_delete=models.PROTECT, related_name="events")
