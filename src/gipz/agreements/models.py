"""Duty roster and the versioned werkafspraken ('wie zorgt voor wat'), which also hold the response targets."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from gipz.core.models import HistoryEvent


class ServiceArea(models.Model):
    """A set of municipalities that one crisis team covers during a shift."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="service_areas")
    name = models.CharField(_("naam"), max_length=100)
    municipalities = models.ManyToManyField("geo.Municipality", related_name="service_areas")

    class Meta:
        ordering = ["name"]
        verbose_name = _("werkgebied")
        verbose_name_plural = _("werkgebieden")

    def __str__(self) -> str:
        return self.name


class DutyShift(models.Model):
    class Role(models.TextChoices):
        PRIMARY = "primary", _("dienstdoend")
        BACKUP = "backup", _("achterwacht")

    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="shifts")
    area = models.ForeignKey(ServiceArea, on_delete=models.PROTECT, related_name="shifts")
    role = models.CharField(_("rol"), max_length=16, choices=Role.choices, default=Role.PRIMARY)
    starts_at = models.DateTimeField(_("begint"))
    ends_at = models.DateTimeField(_("eindigt"))

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["area", "role", "starts_at", "ends_at"])]
        verbose_name = _("dienst")
        verbose_name_plural = _("diensten")

    def __str__(self) -> str:
        return f"{self.team.name} {self.get_role_display()} {self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%H:%M}"

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Een dienst moet eindigen na het begin.")})


class AgreementVersion(models.Model):
    """One version of a region's (or one municipality's) werkafspraken. A draft may be edited; once approved a
    version never changes. The version in force at a moment is the latest approved one whose start date has come."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("concept")
        APPROVED = "approved", _("vastgesteld")
        DISCARDED = "discarded", _("vervallen concept")

    safety_region = models.ForeignKey(
        "geo.SafetyRegion", verbose_name=_("veiligheidsregio"), on_delete=models.PROTECT, related_name="+"
    )
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("gemeente (leeg: hele regio)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    number = models.PositiveIntegerField(_("versie"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField(_("titel"), max_length=200)
    terms = models.JSONField(_("afspraken"))
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    effective_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approval_note = models.CharField(_("vastgesteld in"), max_length=300, blank=True)

    class Meta:
        ordering = ["safety_region", "municipality", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["safety_region", "municipality", "number"], name="agreement_unique_number"),
            models.UniqueConstraint(
                fields=["safety_region", "number"],
                condition=models.Q(municipality__isnull=True),
                name="agreement_unique_region_number",
            ),
        ]
        indexes = [models.Index(fields=["safety_region", "status", "effective_from"])]
        verbose_name = _("werkafspraak")
        verbose_name_plural = _("werkafspraken")

    def __str__(self) -> str:
        scope = self.municipality.name if self.municipality_id else self.safety_region.name
        return f"{self.title} — {scope} v{self.number}"

    @property
    def scope_name(self) -> str:
        return self.municipality.name if self.municipality_id else self.safety_region.name


class AgreementEvent(HistoryEvent):
    """What happened to a version: created, edited, approved, discarded (append-only)."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.PROTECT, related_name="events")
