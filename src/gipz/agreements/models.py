"""Duty roster and response targets. Issue 4 extends this app with versioned werkafspraken."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


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


class ResponsePolicy(models.Model):
    """Target times per urgency and the acknowledgement time, per safety region (null region: national default)."""

    safety_region = models.OneToOneField(
        "geo.SafetyRegion", null=True, blank=True, on_delete=models.PROTECT, related_name="response_policy"
    )
    acknowledge_minutes = models.PositiveIntegerField(_("bevestigen binnen (min)"), default=10)
    u2_minutes = models.PositiveIntegerField(_("U2 ter plaatse binnen (min)"), default=60)
    u3_minutes = models.PositiveIntegerField(_("U3 ter plaatse binnen (min)"), default=240)
    u4_minutes = models.PositiveIntegerField(_("U4 ter plaatse binnen (min)"), default=1440)

    class Meta:
        verbose_name = _("responsnorm")
        verbose_name_plural = _("responsnormen")

    def __str__(self) -> str:
        return str(self.safety_region or _("landelijke standaard"))
