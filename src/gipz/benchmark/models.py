from django.db import models


class BenchPing(models.Model):
    """One row per call of the bare benchmark endpoint: the baseline that intake throughput is compared with."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"ping {self.pk}"
