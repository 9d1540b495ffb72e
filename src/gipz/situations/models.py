"""A melding (Situation), its request to the crisis service, timeline, handover, follow-up and evaluation."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gipz.core.models import HistoryEvent


class Status(models.TextChoices):
    REFERRED = "referred", _("doorverwezen")  # triage advised 112 or meldpunt; no crisis request (yet)
    REPORTED = "reported", _("gemeld")  # request to the crisis team, waiting for acknowledgement
    ACCEPTED = "accepted", _("geaccepteerd")
    EN_ROUTE = "en_route", _("onderweg")
    ON_SITE = "on_site", _("ter plaatse")
    HANDED_OVER = "handed_over", _("overgedragen")
    CLOSED = "closed", _("afgesloten")
    CANCELLED = "cancelled", _("geannuleerd")


OPEN_STATUSES = (Status.REPORTED, Status.ACCEPTED, Status.EN_ROUTE, Status.ON_SITE)

# The state machine: the only transitions services will make. Everything else is refused with a clear message.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.REFERRED: frozenset({Status.REPORTED, Status.CLOSED}),
    Status.REPORTED: frozenset({Status.ACCEPTED, Status.CANCELLED}),
    Status.ACCEPTED: frozenset({Status.EN_ROUTE, Status.ON_SITE, Status.CANCELLED}),
    Status.EN_ROUTE: frozenset({Status.ON_SITE, Status.CANCELLED}),
    Status.ON_SITE: frozenset({Status.HANDED_OVER}),
    Status.HANDED_OVER: frozenset({Status.CLOSED}),
    Status.CLOSED: frozenset(),
    Status.CANCELLED: frozenset(),
}


class Offence(models.TextChoices):
    YES = "yes", _("ja")
    NO = "no", _("nee")
    UNCLEAR = "unclear", _("onduidelijk")


class Urgency(models.TextChoices):
    U1 = "U1", _("U1 — levensbedreigend (112)")
    U2 = "U2", _("U2 — binnen 1 uur")
    U3 = "U3", _("U3 — binnen 4 uur")
    U4 = "U4", _("U4 — binnen 24 uur")
    U5 = "U5", _("U5 — niet urgent (meldpunt)")


class Situation(models.Model):
    reference = models.CharField(_("kenmerk"), max_length=20, unique=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, db_index=True)
    municipality = models.ForeignKey("geo.Municipality", verbose_name=_("gemeente"), on_delete=models.PROTECT)
    location = models.CharField(_("locatie"), max_length=200)
    description = models.TextField(_("korte omschrijving"), max_length=1000)
    person_description = models.CharField(_("betrokkene (signalement, geen BSN)"), max_length=200, blank=True)
    reporting_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="reported_situations"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(db_index=True)

    # Triage answers (recorded by police, from what they observe).
    offence = models.CharField(_("strafbaar feit"), max_length=8, choices=Offence.choices)
    danger_to_self = models.BooleanField(_("direct gevaar voor zichzelf"), default=False)
    danger_to_others = models.BooleanField(_("direct gevaar voor anderen"), default=False)
    weapon = models.BooleanField(_("wapen"), default=False)
    medical_emergency = models.BooleanField(_("medisch spoedgeval"), default=False)
    intoxication = models.BooleanField(_("onder invloed"), default=False)
    minors_present = models.BooleanField(_("minderjarigen aanwezig"), default=False)
    care_indicators = models.JSONField(_("zorgsignalen"), default=list, blank=True)

    # The werkafspraak in force when the melding was made (null: none approved, national defaults) and the row of
    # its matrix this melding falls under. A later version never rewrites this.
    agreement = models.ForeignKey(
        "agreements.AgreementVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    situation_type = models.CharField(_("soort situatie"), max_length=32, blank=True)

    # Triage outcome; the officer may choose another urgency, with a reason.
    advised_urgency = models.CharField(_("geadviseerde urgentie"), max_length=2, choices=Urgency.choices)
    urgency = models.CharField(_("urgentie"), max_length=2, choices=Urgency.choices, db_index=True)
    urgency_reason = models.CharField(_("reden andere urgentie"), max_length=300, blank=True)
    # The crisis service's triagist owns the urgency (GGz-triagewijzer): the police's urgency is kept here, and
    # `urgency` becomes the triaged one, which targets, the board, the factsheets and the simulation read.
    police_urgency = models.CharField(
        _("urgentie volgens de politie"), max_length=2, choices=Urgency.choices, blank=True
    )
    triaged_at = models.DateTimeField(null=True, blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    triage_reason = models.CharField(_("reden triage crisisdienst"), max_length=300, blank=True)
    triage_reasons = models.JSONField(default=list)
    triage_advice = models.JSONField(default=list)
    target_minutes = models.PositiveIntegerField(null=True, blank=True)
    on_site_deadline = models.DateTimeField(null=True, blank=True)

    # Milestones (denormalised from the timeline so boards and reports need no joins).
    accepted_at = models.DateTimeField(null=True, blank=True)
    en_route_at = models.DateTimeField(null=True, blank=True)
    eta = models.DateTimeField(_("verwachte aankomst"), null=True, blank=True)
    on_site_at = models.DateTimeField(null=True, blank=True)
    handed_over_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(_("reden annulering"), max_length=300, blank=True)

    # Health details: care roles only.
    care_notes = models.TextField(_("zorgnotities (alleen zorg)"), blank=True)

    # Set when the retention worker (or an erasure) removed the personal data of this situation; the row itself
    # stays, so the figures built from it do not change.
    identity_removed_at = models.DateTimeField(null=True, blank=True)
    care_removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["municipality", "created_at"]),
            # Prefix search on the reference, also under a database collation other than C.
            models.Index(fields=["reference"], name="situation_reference_prefix", opclasses=["varchar_pattern_ops"]),
        ]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def police_released(self) -> bool:
        return self.handed_over_at is not None

    def _since_created(self, moment: models.DateTimeField | None) -> timedelta | None:
        return moment - self.created_at if moment else None  # type: ignore[operator]

    @property
    def time_to_acknowledge(self) -> timedelta | None:
        return self._since_created(self.accepted_at)

    @property
    def time_to_on_site(self) -> timedelta | None:
        return self._since_created(self.on_site_at)

    @property
    def police_waiting_time(self) -> timedelta | None:
        return self._since_created(self.handed_over_at)

    @property
    def on_site_within_target(self) -> bool | None:
        if self.on_site_at is None or self.on_site_deadline is None:
            return None
        return self.on_site_at <= self.on_site_deadline


class Participant(models.Model):
    """Which organisations take part in a situation: the basis of every access check (one indexed join)."""

    class Kind(models.TextChoices):
        REPORTER = "reporter", _("melder")
        ASSIGNED = "assigned", _("toegewezen")
        BACKUP = "backup", _("achterwacht")
        FOLLOW_UP = "follow_up", _("vervolg")

    situation = models.ForeignKey(Situation, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    # The situation's creation time, copied: an organisation's list, newest first, is one walk along this index
    # however many situations others have (search.py pages by it). A situation's creation time never changes.
    situation_created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "situation"], name="participant_unique")]
        indexes = [
            models.Index(fields=["organisation", "situation_created_at", "situation"], name="participant_newest")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} in {self.situation_id} ({self.kind})"

    @classmethod
    def of(cls, situation: Situation, organisation: Any, kind: str) -> Participant:
        return cls(situation=situation, organisation=organisation, kind=kind, situation_created_at=situation.created_at)

    @classmethod
    def take_part(cls, situation: Situation, organisation: Any, kind: str) -> None:
        """Make an organisation a participant, unless it already is (its first role stays)."""
        cls.objects.get_or_create(
            situation=situation,
            organisation=organisation,
            defaults={"kind": kind, "situation_created_at": situation.created_at},
        )


class CareRequest(models.Model):
    """The request to the crisis team on duty. Accepting it is a compare-and-swap claim."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wacht op bevestiging")
        ACCEPTED = "accepted", _("geaccepteerd")
        WITHDRAWN = "withdrawn", _("ingetrokken")

    situation = models.OneToOneField(Situation, on_delete=models.CASCADE, related_name="care_request")
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    backup_team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    requested_at = models.DateTimeField()
    acknowledge_deadline = models.DateTimeField()
    escalated_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_by_team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"verzoek {self.situation_id} ({self.status})"


class TimelineEvent(HistoryEvent):
    """The situation's history: every status change and everything else that happened, append-only."""

    situation = models.ForeignKey(Situation, on_delete=models.PROTECT, related_name="timeline")

    class Meta(HistoryEvent.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.situation_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"


class Handover(models.Model):
    """SBAR summary written by the crisis professional and confirmed by both sides."""

    situation = models.OneToOneField(Situation, on_delete=models.CASCADE, related_name="handover")
    sbar_situation = models.TextField(_("S — situatie"))
    sbar_background = models.TextField(_("B — achtergrond (alleen zorg)"), blank=True)
    sbar_assessment = models.TextField(_("A — beoordeling (alleen zorg)"), blank=True)
    sbar_recommendation = models.TextField(_("R — advies en afspraken"))
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    crisis_confirmed_at = models.DateTimeField()
    police_confirmed_at = models.DateTimeField(null=True, blank=True)
    police_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"SBAR {self.situation_id}"


class FollowUp(models.Model):
    class Kind(models.TextChoices):
        HOME_WITH_FOLLOW_UP = "home_follow_up", _("thuis, met vervolgafspraak")
        REFERRAL = "referral", _("verwijzing naar zorgaanbieder")
        VOLUNTARY_ADMISSION = "voluntary_admission", _("vrijwillige opname")
        WVGGZ_CRISIS_MEASURE = "wvggz_crisis_measure", _("crisismaatregel (Wvggz)")
        MELDPUNT = "meldpunt", _("meldpunt / wijkteam")
        GP = "gp", _("huisarts")
        NO_FURTHER_ACTION = "none", _("geen verdere actie")

    class Status(models.TextChoices):
        PLANNED = "planned", _("gepland")
        IN_PROGRESS = "in_progress", _("loopt")
        DONE = "done", _("afgerond")
        CANCELLED = "cancelled", _("vervallen")

    situation = models.ForeignKey(Situation, on_delete=models.CASCADE, related_name="follow_ups")
    kind = models.CharField(_("soort vervolg"), max_length=32, choices=Kind.choices)
    responsible_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("verantwoordelijke organisatie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PLANNED)
    details = models.TextField(_("toelichting (alleen zorg)"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"


class Tension(models.TextChoices):
    SIGNALLING = "signalling", _("Signalering")
    PREVENTION = "prevention", _("Preventie")
    UNSAFETY_IN_CARE = "unsafety_in_care", _("Onveiligheid in de zorg")
    INFORMATION_EXCHANGE = "information_exchange", _("Informatie-uitwisseling")
    EXPERTISE = "expertise", _("Expertise")
    MUTUAL_EXPECTATIONS = "mutual_expectations", _("Wederzijdse verwachtingen")


class Evaluation(models.Model):
    class Side(models.TextChoices):
        POLICE = "police", _("politie")
        CRISIS = "crisis", _("crisisdienst")

    situation = models.ForeignKey(Situation, on_delete=models.CASCADE, related_name="evaluations")
    side = models.CharField(max_length=8, choices=Side.choices)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rating = models.PositiveSmallIntegerField(_("samenwerking (1–5)"))
    improper_call = models.BooleanField(_("oneigenlijk beroep"), default=False)
    improper_call_reason = models.TextField(_("toelichting oneigenlijk beroep"), blank=True)
    tensions = models.JSONField(_("spanningen die een rol speelden"), default=list, blank=True)
    comment = models.TextField(_("opmerking"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["situation", "side"], name="evaluation_one_per_side")]

    def __str__(self) -> str:
        return f"nabespreking {self.situation_id} ({self.side})"


class Notification(models.Model):
    """An in-app alert (escalation to a coordinator, new request for a team)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    situation = models.ForeignKey(Situation, on_delete=models.CASCADE, related_name="+")
    message = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.message
