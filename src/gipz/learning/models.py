"""Joint learning (tensions 5 and 6): joint trainings and job shadowing with capacity, registration and attendance;
and the discussion of evaluations that flag an 'oneigenlijk beroep', up to the agreement it changed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gipz.core.models import HistoryEvent


class Activity(models.Model):
    class Kind(models.TextChoices):
        TRAINING = "training", _("Gezamenlijke training")
        SHADOWING = "shadowing", _("Kijkje in de keuken (meelopen)")

    class Audience(models.TextChoices):
        ALL = "all", _("Politie en zorg")
        POLICE = "police", _("Alleen politie")
        CARE = "care", _("Alleen zorg")

    kind = models.CharField(_("soort"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), max_length=2000)
    host_organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    location = models.CharField(_("locatie"), max_length=200)
    starts_at = models.DateTimeField(_("begint"), db_index=True)
    ends_at = models.DateTimeField(_("eindigt"))
    capacity = models.PositiveIntegerField(_("plaatsen"))
    audience = models.CharField(_("voor"), max_length=8, choices=Audience.choices, default=Audience.ALL)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("leeractiviteit")
        verbose_name_plural = _("leeractiviteiten")

    def __str__(self) -> str:
        return self.title


class Registration(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["registered_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "user"],
                condition=models.Q(cancelled_at__isnull=True),
                name="registration_one_active",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.activity}"


class ImproperCallDiscussion(models.Model):
    """An evaluation flagged an 'oneigenlijk beroep': key figures of both sides discuss it."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DISCUSSED = "discussed", _("besproken")
        AGREEMENT_CHANGED = "agreement_changed", _("werkafspraak aangepast")

    evaluation = models.OneToOneField(
        "situations.Evaluation", on_delete=models.PROTECT, related_name="improper_call_discussion"
    )
    situation = models.ForeignKey("situations.Situation", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True)
    notes = models.TextField(_("uitkomst van de bespreking"), max_length=2000, blank=True)
    changed_agreement = models.ForeignKey(
        "agreements.AgreementVersion",
        verbose_name=_("aangepaste werkafspraak"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="improper_call_discussions",
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bespreking oneigenlijk beroep")
        verbose_name_plural = _("besprekingen oneigenlijk beroep")

    def __str__(self) -> str:
        return f"{self.situation} ({self.get_status_display()})"


DISCUSSION_TRANSITIONS: dict[str, frozenset[str]] = {
    ImproperCallDiscussion.Status.OPEN: frozenset(
        {ImproperCallDiscussion.Status.DISCUSSED, ImproperCallDiscussion.Status.AGREEMENT_CHANGED}
    ),
    ImproperCallDiscussion.Status.DISCUSSED: frozenset({ImproperCallDiscussion.Status.AGREEMENT_CHANGED}),
    ImproperCallDiscussion.Status.AGREEMENT_CHANGED: frozenset(),
}


class DiscussionEvent(HistoryEvent):
    discussion = models.ForeignKey(ImproperCallDiscussion, on_delete=models.PROTECT, related_name="events")
