from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

gm_code_validator = RegexValidator(r"^GM\d{4}$", _("Een CBS-gemeentecode heeft de vorm GM0344."))


class SafetyRegion(models.Model):
    code = models.CharField(_("code"), max_length=8, unique=True)  # VR09
    name = models.CharField(_("naam"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("veiligheidsregio")
        verbose_name_plural = _("veiligheidsregio's")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Municipality(models.Model):
    """A Dutch municipality by CBS code. Any municipality can be added; Midden-Nederland is loaded by migration."""

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
    active = models.BooleanField(_("bestaat nog"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self) -> str:
        return self.name
