from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

gm_code_validator = RegexValidator(r"^GM\d{4}$", _("Een CBS-gemeentecode heeft de vorm GM0344."))


class SafetyRegion(models.Model):
    code = models.CharField(_("code"), max_length=8, unique=True)  # VR09
    name = models.CharField(_("naam"), max_length=100)
    police_unit = models.CharField(_("politie-eenheid"), max_length=64, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("veiligheidsregio")
        verbose_name_plural = _("veiligheidsregio's")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Municipality(models.Model):
    """A Dutch municipality by CBS code, with the dates it is valid. Today's 342 and the ones dissolved since the
    division of 1 January 2017 are loaded by migration (geo/reference.py); a dissolved one stays for history, is not
    `active`, and is not offered where new work is recorded. `MunicipalitySuccession` says where it went."""

    code = models.CharField(_("CBS-code"), max_length=6, unique=True, validators=[gm_code_validator])
    name = models.CharField(_("naam"), max_length=100)
    safety_region = models.ForeignKey(
        SafetyRegion,
        verbose_name=_("veiligheidsregio"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="municipalities",
    )
    police_unit = models.CharField(_("politie-eenheid"), max_length=64, blank=True)
    population = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(null=True, blank=True)
    # True when the population is not a CBS count but derived (from the police's E33 rates): shown as an estimate.
    population_estimated = models.BooleanField(_("inwoners geschat"), default=False)
    active = models.BooleanField(_("bestaat nog"), default=True)  # valid today (kept in step with valid_until)
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)  # empty: before 1 January 2017
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)  # empty: still valid

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self) -> str:
        return self.name


class MunicipalitySuccession(models.Model):
    """Where a dissolved municipality went, on its legal date: one row per successor, with the share of the
    predecessor's population that went there (1 for a merger; shares adding up to 1 for a split). History of any
    predecessor is shown on today's municipalities through these rows, conserving totals."""

    predecessor = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="successions")
    successor = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="predecessions")
    share = models.DecimalField(_("aandeel"), max_digits=5, decimal_places=4)
    legal_date = models.DateField(_("datum"))
    source = models.CharField(_("bron"), max_length=400)

    class Meta:
        ordering = ["legal_date", "predecessor__code"]
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_once"),
            models.CheckConstraint(condition=models.Q(share__gt=0) & models.Q(share__lte=1), name="succession_share"),
        ]
        verbose_name = _("opvolging")
        verbose_name_plural = _("opvolgingen")

    def __str__(self) -> str:
        return f"{self.predecessor_id} → {self.successor_id} ({self.share})"


class PlannedChange(models.Model):
    """A change of the municipal division from `gipz municipalities apply`, applied on its legal date
    (geo/changes.py). `rows` holds the checked lines of the file for that date."""

    legal_date = models.DateField(_("datum"))
    rows = models.JSONField()
    file_name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    planned_at = models.DateTimeField()
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["legal_date", "pk"]
        verbose_name = _("geplande herindeling")
        verbose_name_plural = _("geplande herindelingen")

    def __str__(self) -> str:
        return f"herindeling {self.legal_date} ({self.file_name})"
