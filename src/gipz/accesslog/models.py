"""The access log (NEN 7513): one hash-chained, sealed entry per access to personal data, the record of its pruned
beginning, and the head row writers lock."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gipz.core.models import AppendOnlyModel


class AccessAction(models.TextChoices):
    VIEW = "view", _("ingezien")
    EXPORT = "export", _("geëxporteerd")
    CREATE = "create", _("vastgelegd")
    CHANGE = "change", _("gewijzigd")
    RESTRICT = "restrict", _("beperkt (verzoek)")
    SHARE = "share", _("verstrekt")
    PURGE = "purge", _("verwijderd (bewaartermijn)")
    ERASE = "erase", _("gewist (verzoek)")


class AccessLogEntry(AppendOnlyModel):
    """One access to personal data (NEN 7513): who, for which organisation, in which role, when, what, where.

    Entries form a hash chain: each `entry_hash` covers the entry's fields and the previous entry's hash, so a
    changed or removed row breaks the chain at that point (`gipz audit verify`). Each entry is also sealed with a
    key kept outside the database, and the worker writes checkpoints of the head outside it (docs/privacy.md).
    Persons are referenced by id only: the log itself holds no names or health details.
    """

    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField(db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("accounts.Organisation", null=True, on_delete=models.PROTECT, related_name="+")
    roles = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=8, choices=AccessAction.choices)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    person_id = models.BigIntegerField(null=True, db_index=True)
    situation_id = models.BigIntegerField(null=True, db_index=True)
    detail = models.CharField(max_length=300, blank=True)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)
    # HMAC of entry_hash with GIPZ_ACCESS_LOG_KEY, which is kept outside the database (accesslog/chain.py).
    mac = models.CharField(max_length=64, blank=True)

    class Meta:
        db_table = "privacy_accesslogentry"  # made by the privacy app, which held the log before (migration 0001)
        ordering = ["seq"]
        indexes = [models.Index(fields=["user", "at"])]
        verbose_name = _("inzagelogregel")
        verbose_name_plural = _("inzagelog")

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}#{self.object_id}"


class AccessLogPrune(AppendOnlyModel):
    """The access log's beginning was removed at the end of its retention period (privacy/retention.py), up to and
    including entry `up_to_seq`; `entry_hash` is that entry's hash, to which the first kept entry links. Sealed with
    the log's key, so a forged prune row cannot hide removed entries (accesslog/chain.py)."""

    up_to_seq = models.PositiveBigIntegerField(unique=True)
    entry_hash = models.CharField(max_length=64)
    removed = models.PositiveIntegerField()
    at = models.DateTimeField()
    mac = models.CharField(max_length=64)

    class Meta:
        db_table = "privacy_accesslogprune"
        ordering = ["up_to_seq"]

    def __str__(self) -> str:
        return f"pruned up to #{self.up_to_seq}"


class AccessLogHead(models.Model):
    """The chain's last link (one row). Writers lock it, so entries get consecutive numbers; it also shows
    when entries were cut off the end."""

    seq = models.PositiveBigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        db_table = "privacy_accessloghead"

    def __str__(self) -> str:
        return f"head #{self.seq}"
