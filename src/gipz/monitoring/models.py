"""Reference figures for monitoring: the police's E33 registrations per municipality, as imported."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class E33Registration(models.Model):
    """E33 ('overlast door verward/overspannen persoon') registrations of one municipality in one year. Keyed by CBS
    code, not by foreign key: the file uses the division of 1 January 2017, including municipalities dissolved since."""

    municipality_code = models.CharField(_("CBS-code"), max_length=6)
    municipality_name = models.CharField(_("gemeente"), max_length=100)
    year = models.PositiveSmallIntegerField(_("jaar"))
    count = models.PositiveIntegerField(_("aantal registraties"))
    per_1000 = models.FloatField(_("per 1.000 inwoners"))
    source = models.CharField(_("bronbestand"), max_length=200)
    imported_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["municipality_code", "year"], name="e33_one_per_year")]
        ordering = ["municipality_code", "year"]
        verbose_name = _("E33-registratie")
        verbose_name_plural = _("E33-registraties")

    def __str__(self) -> str:
        return f"{self.municipality_code} {self.year}: {self.count}"


class MonthlyRollup(models.Model):
    """The indicator summary (`indicators.Aggregate` as JSON) of one municipality's situations created in one local
    month (`day` is its first day). Kept current by the worker from `RollupDirty` markers; a factsheet adds up
    twelve of these."""

    municipality = models.ForeignKey("geo.Municipality", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    data = models.JSONField()
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["municipality", "day"], name="rollup_one_per_month")]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.day:%Y-%m}"


class RollupDirty(models.Model):
    """A month whose rollup is stale: something in one of its situations changed. Written in the same transaction as
    the change; until the worker has recomputed the month, readers compute that month from the raw rows.

    One row per change, never updated: a marker per (municipality, month) upserted by every change would make all
    meldingen of a municipality in a month take turns on one row lock until each commits (issue #28: intakes queued
    behind each other). The worker removes exactly the rows it read, so a change that commits while it recomputes
    leaves its own marker for the next round."""

    municipality = models.ForeignKey("geo.Municipality", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    marked_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["municipality", "day"], name="rollup_dirty_cell")]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.day:%Y-%m} (stale)"


class YearRollup(models.Model):
    """A municipality's year, merged from its twelve monthly rollups whenever one of them is refreshed. Pseudonyms
    and histograms are kept apart, with the figures made from them in `summary`, so the comparison reads one small
    row per municipality."""

    municipality = models.ForeignKey("geo.Municipality", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    data = models.JSONField()  # the Aggregate without its pseudonyms and histograms
    histograms = models.JSONField(default=dict)  # waits and on-site minutes, for a region's percentiles
    pseudonyms = models.JSONField(default=dict)  # for a region's distinct persons
    summary = models.JSONField(default=dict)  # indicators.Summary: what one municipality's page needs of the rest
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["municipality", "year"], name="rollup_one_per_year")]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.year}"
