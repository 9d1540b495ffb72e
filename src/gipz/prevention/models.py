"""Preventive assistance (tension 2): care asks the police to be present at a planned event, with a risk weighing;
police decide with reasons before the agreed lead time; the outcome is recorded afterwards."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gipz.careasks.models import CareAsksPolice
from gipz.core.models import HistoryEvent


class RiskAnswer(models.TextChoices):
    YES = "yes", _("ja")
    NO = "no", _("nee")
    UNKNOWN = "unknown", _("onbekend")


class PreventiveRequest(CareAsksPolice):
    """Care asks the police to be present at a planned moment (an eviction, an out-of-home placement)."""

    class EventKind(models.TextChoices):
        EVICTION = "eviction", _("Huisuitzetting")
        OUT_OF_HOME_PLACEMENT = "out_of_home_placement", _("Uithuisplaatsing")
        COMPULSORY_TRANSPORT = "compulsory_transport", _("Vervoer bij verplichte zorg")
        OTHER = "other", _("Anders")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("wacht op besluit politie")
        MORE_INFO = "more_info", _("politie vraagt meer informatie")
        ASSIST = "assist", _("politie assisteert")
        NOT_NEEDED = "not_needed", _("niet nodig, alternatief geadviseerd")
        WITHDRAWN = "withdrawn", _("ingetrokken")
        COMPLETED = "completed", _("afgerond")

    class Decision(models.TextChoices):
        ASSIST = "assist", _("Politie assisteert")
        NOT_NEEDED = "not_needed", _("Niet nodig, met een geadviseerd alternatief")
        MORE_INFO = "more_info", _("Meer informatie nodig")

    class Outcome(models.TextChoices):
        CALM = "calm", _("Verliep rustig")
        POLICE_ACTED = "police_acted", _("Politie moest optreden")
        INCIDENT = "incident", _("Incident zonder politie")
        CANCELLED = "cancelled", _("Ging niet door")
        POSTPONED = "postponed", _("Uitgesteld")

    class RiskLevel(models.TextChoices):
        LOW = "low", _("laag")
        MEDIUM = "medium", _("midden")
        HIGH = "high", _("hoog")

    REFERENCE_PREFIX = "P"

    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SUBMITTED, db_index=True)

    event_kind = models.CharField(_("soort moment"), max_length=32, choices=EventKind.choices)
    event_other = models.CharField(_("soort moment (anders)"), max_length=200, blank=True)
    planned_at = models.DateTimeField(_("gepland op"))
    description = models.TextField(_("toelichting"), max_length=1000)

    violence_history = models.CharField(_("geweld in het verleden"), max_length=8, choices=RiskAnswer.choices)
    weapons = models.CharField(_("wapens bekend"), max_length=8, choices=RiskAnswer.choices)
    known_to_police = models.CharField(_("bekend bij politie"), max_length=8, choices=RiskAnswer.choices)
    risk_notes = models.TextField(_("toelichting risico's"), max_length=1000, blank=True)
    own_security = models.BooleanField(_("eigen beveiliging aanwezig"), default=False)
    extra_staff = models.BooleanField(_("extra personeel ingezet"), default=False)
    care_measures = models.TextField(_("wat de zorg zelf doet"), max_length=1000)
    risk_level = models.CharField(_("risico (weging)"), max_length=8, choices=RiskLevel.choices)
    risk_reasons = models.JSONField(default=list)

    decision_deadline = models.DateTimeField(_("besluit uiterlijk"))
    late_request = models.BooleanField(default=False)  # asked within the agreed lead time
    deadline_missed_at = models.DateTimeField(null=True, blank=True)

    decision = models.CharField(_("besluit"), max_length=16, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(_("reden van het besluit"), blank=True)
    advised_alternative = models.TextField(_("geadviseerd alternatief"), blank=True)
    info_question = models.TextField(_("gevraagde informatie"), blank=True)
    info_answer = models.TextField(_("aanvullende informatie"), blank=True)
    assigned_team = models.ForeignKey(
        "accounts.Team", verbose_name=_("team"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    officers = models.PositiveSmallIntegerField(_("aantal agenten"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    outcome = models.CharField(_("hoe ging het"), max_length=16, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("toelichting uitkomst"), max_length=1000, blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome_at = models.DateTimeField(null=True, blank=True)

    class Meta(CareAsksPolice.Meta):
        ordering = ["planned_at"]
        indexes = [
            models.Index(fields=["police_organisation", "status", "planned_at"]),
            models.Index(fields=["municipality", "created_at"]),
        ]
        verbose_name = _("verzoek preventieve assistentie")
        verbose_name_plural = _("verzoeken preventieve assistentie")

    @property
    def decided_late(self) -> bool:
        return self.decided_at is not None and self.decided_at > self.decision_deadline


OPEN_FOR_DECISION = (PreventiveRequest.Status.SUBMITTED, PreventiveRequest.Status.MORE_INFO)

TRANSITIONS: dict[str, frozenset[str]] = {
    PreventiveRequest.Status.SUBMITTED: frozenset(
        {
            PreventiveRequest.Status.ASSIST,
            PreventiveRequest.Status.NOT_NEEDED,
            PreventiveRequest.Status.MORE_INFO,
            PreventiveRequest.Status.WITHDRAWN,
        }
    ),
    PreventiveRequest.Status.MORE_INFO: frozenset(
        {PreventiveRequest.Status.SUBMITTED, PreventiveRequest.Status.WITHDRAWN}
    ),
    PreventiveRequest.Status.ASSIST: frozenset(
        {PreventiveRequest.Status.COMPLETED, PreventiveRequest.Status.WITHDRAWN}
    ),
    PreventiveRequest.Status.NOT_NEEDED: frozenset({PreventiveRequest.Status.COMPLETED}),
    PreventiveRequest.Status.WITHDRAWN: frozenset(),
    PreventiveRequest.Status.COMPLETED: frozenset(),
}


class PreventiveRequestEvent(HistoryEvent):
    request = models.ForeignKey(PreventiveRequest, on_delete=models.PROTECT, related_name="events")
