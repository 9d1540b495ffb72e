"""Shared building blocks: the audit trail and the database-backed job queue."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    pass


class AppendOnlyModel(models.Model):
    """Rows are written once: updates and deletes are refused, so history cannot be rewritten by accident."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError(f"{type(self).__name__} rows are append-only")


class HistoryEvent(AppendOnlyModel):
    """One row of an object's append-only history: what happened, when, by whom for which organisation, and the
    status change if there was one. Each domain subclasses it with a foreign key to its own object."""

    at = models.DateTimeField(db_index=True)
    kind = models.CharField(max_length=32)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    from_status = models.CharField(max_length=32, blank=True)
    to_status = models.CharField(max_length=32, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    @classmethod
    def record(
        cls,
        *,
        actor: Any,
        at: Any,
        kind: str,
        note: str = "",
        from_status: str = "",
        to_status: str = "",
        **parent: Any,
    ) -> HistoryEvent:
        """`actor` is an Actor or None (the system, for example a deadline passing); `parent` the owning object."""
        return cls.objects.create(
            at=at,
            kind=kind,
            actor=getattr(actor, "user", None),
            organisation=getattr(actor, "organisation", None),
            from_status=from_status,
            to_status=to_status,
            note=note[:500],
            **parent,
        )


class AuditEvent(AppendOnlyModel):
    """Who did what to which object, written by the service in the same transaction as the change."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    event_type = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    old = models.JSONField(default=dict, blank=True)
    new = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.event_type} {self.object_type}#{self.object_id}"


class Lane(models.IntegerChoices):
    """Which work goes first. A worker always drains the urgent lane before anything else, and keeps one loop for
    it alone, so an escalation never waits behind a thousand alert deliveries or an hour-long purge."""

    URGENT = 0, "urgent"  # escalations, reminders, decision deadlines: someone is waiting on the street
    DELIVERY = 1, "delivery"  # alerts and webhooks leaving the platform
    BACKGROUND = 2, "background"  # rollups, purges, simulations


class Job(models.Model):
    """Time-driven work. Workers claim due jobs atomically; a job whose worker died is claimed again later."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wachtend")
        DONE = "done", _("klaar")
        FAILED = "failed", _("mislukt")

    kind = models.CharField(max_length=64)
    lane = models.PositiveSmallIntegerField(choices=Lane.choices, default=Lane.BACKGROUND)
    payload = models.JSONField(default=dict)
    run_at = models.DateTimeField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    claimed_by = models.CharField(max_length=128, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    request_id = models.CharField(max_length=64, blank=True)  # the web request that created it, for the logs

    class Meta:
        indexes = [
            models.Index(fields=["status", "run_at"], name="job_due"),  # readiness: the oldest due job
            models.Index(fields=["status", "lane", "run_at"], name="job_lane_due"),  # the claim: urgent lane first
            models.Index(fields=["kind", "status"], name="job_kind_status"),  # is a recurring job pending?
            models.Index(fields=["kind", "run_at"], name="job_kind_latest"),  # its latest run
            models.Index(fields=["status", "finished_at"], name="job_finished"),  # the purge
        ]

    def __str__(self) -> str:
        return f"{self.kind} at {self.run_at:%Y-%m-%d %H:%M} ({self.status})"


class WorkerHeartbeat(models.Model):
    """A running `gipz worker`: it writes `beat_at` every few seconds (also during a long job) and removes its row
    when it stops cleanly. /health/ready looks for a recent beat; a killed worker's row simply grows old."""

    name = models.CharField(max_length=128, unique=True)  # host:pid
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField(db_index=True)
    jobs_run = models.PositiveIntegerField(default=0)
    # The database's clock minus the worker's, measured at its last beat: deadlines follow the database's clock, but a
    # worker whose clock is off says so (log and /health/ready), for the operator to fix its time sync.
    clock_skew_seconds = models.FloatField(default=0.0)

    def __str__(self) -> str:
        return f"{self.name} ({self.beat_at:%H:%M:%S})"


class LiveEvent(models.Model):
    """'Something changed that an organisation's open pages show' (core/livefeed.py): written in the transaction of
    the change, read by every web process's feed a few times a second, kept for minutes. Ids only."""

    organisation_id = models.PositiveIntegerField()
    topic = models.CharField(max_length=32)
    object_id = models.PositiveIntegerField()
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["at"])]

    def __str__(self) -> str:
        return f"{self.topic}:{self.object_id} for {self.organisation_id}"
