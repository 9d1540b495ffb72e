"""Saved scenarios and their runs. The simulation itself lives in `core` and never sees these models."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    E33 = "e33", _("E33-registraties van de politie (geschaald naar het jaar)")
    HISTORY = "history", _("Eigen historie van het platform (afgelopen 12 maanden)")


class ScenarioRecord(models.Model):
    """A coordinator's scenario: the form's settings; the full model input is built when a run starts."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="scenarios")
    name = models.CharField(_("naam"), max_length=120)
    inputs = models.JSONField(default=dict)  # the scenario form's cleaned data
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenario's")

    def __str__(self) -> str:
        return self.name


class SimulationRun(models.Model):
    class Kind(models.TextChoices):
        SIMULATE = "simulate", _("Doorrekenen")
        SEARCH = "search", _("Kleinste bezetting zoeken")

    class Status(models.TextChoices):
        QUEUED = "queued", _("In de wachtrij")
        RUNNING = "running", _("Bezig")
        DONE = "done", _("Klaar")
        FAILED = "failed", _("Mislukt")

    scenario = models.ForeignKey(ScenarioRecord, on_delete=models.CASCADE, related_name="runs")
    kind = models.CharField(_("soort"), max_length=16, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.FloatField(default=0.0)
    message = models.CharField(max_length=200, blank=True)
    # The exact model input, frozen at the moment of the request, so a run can always be explained and repeated.
    parameters = models.JSONField()
    results = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("simulatierun")
        verbose_name_plural = _("simulatieruns")

    def __str__(self) -> str:
        return f"{self.scenario} #{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None


# A run's course. The worker claims and finishes runs with compare-and-swap updates outside a transaction (a run
# takes minutes), so the table is used as their WHERE clause (services.py); a crashed run is claimed again.
RUN_TRANSITIONS: dict[str, frozenset[str]] = {
    SimulationRun.Status.QUEUED: frozenset({SimulationRun.Status.RUNNING}),
    SimulationRun.Status.RUNNING: frozenset(
        {SimulationRun.Status.RUNNING, SimulationRun.Status.DONE, SimulationRun.Status.FAILED}
    ),
    SimulationRun.Status.FAILED: frozenset({SimulationRun.Status.RUNNING}),
    SimulationRun.Status.DONE: frozenset(),
}
