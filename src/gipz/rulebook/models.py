from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gipz.core.models import AppendOnlyModel


class RulebookVersion(AppendOnlyModel):
    """One published rulebook. Never edited: a privacy officer publishes a new version; the newest applies."""

    number = models.PositiveIntegerField(_("versienummer"), unique=True)
    label = models.CharField(_("versie (uit het bestand)"), max_length=40)
    text = models.TextField(_("regelboek (YAML)"))
    sha256 = models.CharField(max_length=64)
    note = models.CharField(_("wat is er veranderd"), max_length=300)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("gepubliceerd op"))

    class Meta:
        db_table = "privacy_rulebookversion"  # made by the privacy app, which held the rulebook before
        ordering = ["-number"]
        verbose_name = _("regelboekversie")
        verbose_name_plural = _("regelboekversies")

    def __str__(self) -> str:
        return f"{self.number} ({self.label})"
