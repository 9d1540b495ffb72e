"""The abstract model of a care organisation asking the police to act."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CareAsksPolice(models.Model):
    """Who asked whom, where, under which werkafspraak. Subclasses add what is asked and its state machine."""

    REFERENCE_PREFIX: ClassVar[str] = ""

    care_organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("zorgorganisatie"), on_delete=models.PROTECT, related_name="+"
    )
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    police_organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("politie-eenheid"), on_delete=models.PROTECT, related_name="+"
    )
    municipality = models.ForeignKey("geo.Municipality", verbose_name=_("gemeente"), on_delete=models.PROTECT)
    agreement = models.ForeignKey(
        "agreements.AgreementVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(db_index=True)
    location = models.CharField(_("locatie"), max_length=200)
    withdraw_reason = models.CharField(_("reden van intrekken"), max_length=300, blank=True)
    # Set when retention removed the free text (privacy/text_retention.py); the row stays for the figures.
    text_removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"{self.REFERENCE_PREFIX}-{self.pk}"

    def is_asker(self, actor: Any) -> bool:
        return bool(actor.organisation.pk == self.care_organisation_id)

    def is_police_asked(self, actor: Any) -> bool:
        return bool(actor.organisation.pk == self.police_organisation_id)
