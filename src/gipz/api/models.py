from django.db import models


class BenchPing(models.Model):
    """One row per call of the bare benchmark endpoint: the baseline that intake throughput is compared with."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"ping {self.pk}"


class IdempotentIntake(models.Model):
    """An intake posted with an `Idempotency-Key`: the same key from the same organisation returns the same receipt
    and never makes a second melding. The receipt holds no personal data (reference, status, triage, team)."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)
    fingerprint = models.CharField(max_length=64)  # of the request body: the same key with another body is refused
    situation = models.ForeignKey("situations.Situation", on_delete=models.CASCADE, related_name="+")
    receipt = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="idempotent_intake_unique")]

    def __str__(self) -> str:
        return f"{self.key} → {self.situation_id}"
