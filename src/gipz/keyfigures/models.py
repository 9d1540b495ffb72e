"""Key figures (tension 5): people who know both worlds, findable per municipality and domain with their
reachability, and consults asked from a situation with the outcome recorded."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gipz.core.models import HistoryEvent


class Domain(models.TextChoices):
    POLICE = "police", _("Politie")
    GGZ = "ggz", _("GGZ")
    ADDICTION = "addiction", _("Verslavingszorg")
    LVB = "lvb", _("Verstandelijke beperking (LVB)")
    ELDERLY = "elderly", _("Ouderenzorg")
    YOUTH = "youth", _("Jeugd")
    SOCIAL = "social", _("Wijkteam en sociaal domein")
    SHELTER = "shelter", _("Maatschappelijke opvang")


class KeyFigure(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="key_figure")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="key_figures")
    domains = models.JSONField(_("domeinen"), default=list)
    municipalities = models.ManyToManyField("geo.Municipality", related_name="key_figures", verbose_name=_("gemeenten"))
    expertise = models.TextField(_("expertise"), max_length=1000)
    phone = models.CharField(_("telefoon"), max_length=32)
    reachable_hours = models.CharField(_("bereikbaar"), max_length=200)
    on_call = models.BooleanField(_("ook buiten kantoortijd bereikbaar (piket)"), default=False)
    active = models.BooleanField(_("actief"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        verbose_name = _("sleutelfiguur")
        verbose_name_plural = _("sleutelfiguren")

    def __str__(self) -> str:
        return f"{self.user.get_full_name() or self.user.username} ({self.organisation})"

    @property
    def domain_labels(self) -> list[str]:
        return [str(Domain(d).label) for d in self.domains if d in Domain.values]


class Consult(models.Model):
    class Status(models.TextChoices):
        ASKED = "asked", _("gevraagd")
        ANSWERED = "answered", _("beantwoord")
        DECLINED = "declined", _("afgewezen")

    situation = models.ForeignKey("situations.Situation", on_delete=models.PROTECT, related_name="consults")
    key_figure = models.ForeignKey(KeyFigure, on_delete=models.PROTECT, related_name="consults")
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asking_organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    question = models.TextField(_("vraag"), max_length=1000)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ASKED, db_index=True)
    outcome = models.TextField(_("uitkomst"), max_length=2000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("consult")
        verbose_name_plural = _("consulten")

    def __str__(self) -> str:
        return f"Consult {self.pk}"


CONSULT_TRANSITIONS: dict[str, frozenset[str]] = {
    Consult.Status.ASKED: frozenset({Consult.Status.ANSWERED, Consult.Status.DECLINED}),
    Consult.Status.ANSWERED: frozenset(),
    Consult.Status.DECLINED: frozenset(),
}


class ConsultEvent(HistoryEvent):
    consult = models.ForeignKey(Consult, on_delete=models.PROTECT, related_name="events")
