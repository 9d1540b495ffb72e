"""The privacy officer's own records: requests from data subjects, erasures that need the recording organisation's
approval, notices between officers, and the breach register. Imported by models.py (one app, one models module).

Free text typed here (an explanation, a breach description) lives in these mutable rows, never in the append-only
access log or audit trail, so retention and erasure can remove it (privacy/text_retention.py).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Regime(models.TextChoices):
    """Which law governs a right: police data follow the Wpg, everything else the AVG (with the UAVG)."""

    AVG = "avg", _("AVG (verwerkingsverantwoordelijke buiten de politie)")
    WPG = "wpg", _("Wet politiegegevens (politiegegevens)")


class IdentityCheck(models.TextChoices):
    IN_PERSON = "in_person", _("Aan de balie, met een geldig identiteitsbewijs")
    DIGID = "digid", _("Met DigiD of eHerkenning")
    DOCUMENT_COPY = "document_copy", _("Met een afgeschermde kopie van een identiteitsbewijs")
    KNOWN = "known", _("De betrokkene is bij ons bekend en is langs een bekend kanaal geverifieerd")
    REPRESENTATIVE = "representative", _("Vertegenwoordiger: identiteit en machtiging gecontroleerd")


class WpgRestriction(models.TextChoices):
    """Wpg art. 27 lid 1: the police refuse (part of) a request as far as necessary and proportionate to avoid..."""

    PROCEEDINGS = "proceedings", _("a) belemmering van gerechtelijke onderzoeken of procedures")
    CRIMINAL = (
        "criminal",
        _("b) nadelige gevolgen voor het voorkomen, opsporen, onderzoeken en vervolgen van strafbare feiten"),
    )
    PUBLIC_SAFETY = "public_safety", _("c) de bescherming van de openbare veiligheid")
    OTHERS = "others", _("d) de bescherming van de rechten en vrijheden van derden")
    NATIONAL_SECURITY = "national_security", _("e) de bescherming van de nationale veiligheid")
    UNFOUNDED = "unfounded", _("f) een kennelijk ongegrond of buitensporig verzoek (art. 24a lid 4)")


class SubjectRequest(models.Model):
    """A data subject's request for access (AVG art. 15 or Wpg art. 25), as the officer handles it: when it came in,
    how the identity was checked, the deadline (AVG art. 12(3): one month, extendable by two; Wpg art. 25: six
    weeks), an extension with its reason, and when the answer was sent."""

    AVG_DAYS = 30  # "within one month": counted as 30 days so the deadline never falls after the legal one
    AVG_EXTENSION_DAYS = 60
    WPG_DAYS = 42

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("privacy.Person", on_delete=models.PROTECT, related_name="subject_requests")
    regime = models.CharField(_("regime"), max_length=4, choices=Regime.choices)
    received_at = models.DateField(_("ontvangen op"))
    identity_check = models.CharField(_("identiteit gecontroleerd"), max_length=16, choices=IdentityCheck.choices)
    deadline = models.DateField(_("uiterlijk beantwoorden op"))
    extended_until = models.DateField(_("verlengd tot"), null=True, blank=True)
    extension_reason = models.CharField(_("reden verlenging"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    # Police only: the part withheld (disclosures and consultations) and the ground, stated in the answer (art. 27(2)).
    wpg_restriction = models.CharField(
        _("beperking (Wpg art. 27)"), max_length=20, choices=WpgRestriction.choices, blank=True
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    text_removed_at = models.DateTimeField(null=True, blank=True)  # retention (privacy/apps.py)

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = _("inzageverzoek")
        verbose_name_plural = _("inzageverzoeken")

    def __str__(self) -> str:
        return f"inzageverzoek {self.pk} ({self.regime})"

    @property
    def due(self) -> date:
        return self.extended_until or self.deadline


class WpgGround(models.TextChoices):
    """Wpg art. 28 lid 1: the police correct, complete, destroy or shield police data that are factually incorrect,
    incomplete or irrelevant for the purpose, or processed in breach of a statutory provision."""

    INCORRECT = "wpg_incorrect", _("Wpg art. 28: de gegevens zijn feitelijk onjuist")
    IRRELEVANT = "wpg_irrelevant", _("Wpg art. 28: de gegevens zijn onvolledig of niet ter zake dienend voor het doel")
    UNLAWFUL = "wpg_unlawful", _("Wpg art. 28: de gegevens zijn in strijd met een wettelijk voorschrift verwerkt")


class ErasureRequest(models.Model):
    """An officer asks to erase a person record that another organisation (also) recorded: only the recording
    organisation erases what it recorded, so each of them approves or refuses first (ErasureApproval)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wacht op goedkeuring")
        DONE = "done", _("gewist")
        REFUSED = "refused", _("geweigerd")

    person = models.ForeignKey("privacy.Person", on_delete=models.PROTECT, related_name="erasure_requests")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ground = models.CharField(_("grond"), max_length=24)
    explanation = models.TextField(_("toelichting"), max_length=1000)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    text_removed_at = models.DateTimeField(null=True, blank=True)  # retention (privacy/apps.py)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("verzoek tot wissen")
        verbose_name_plural = _("verzoeken tot wissen")

    def __str__(self) -> str:
        return f"wisverzoek {self.pk} ({self.status})"


class ErasureApproval(models.Model):
    """One recording organisation's answer to an erasure request."""

    request = models.ForeignKey(ErasureRequest, on_delete=models.CASCADE, related_name="approvals")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    approved = models.BooleanField(null=True)  # None: not yet answered
    ground = models.CharField(_("grond"), max_length=24, blank=True)  # the approver's own ground (Wpg for police)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["request", "organisation"], name="erasure_approval_once")]

    def __str__(self) -> str:
        return f"{self.request_id} {self.organisation_id} {self.approved}"


class OfficerNotice(models.Model):
    """A message to the privacy officers of an organisation about something another organisation did with data it
    also holds or recorded (AVG art. 19; breach support). References and codes only, never typed text."""

    class Kind(models.TextChoices):
        ERASED = "erased", _("Gegevens gewist")
        RESTRICTED = "restricted", _("Verwerking beperkt")
        RESTRICTION_LIFTED = "restriction_lifted", _("Beperking opgeheven")
        ERASURE_ASKED = "erasure_asked", _("Verzoek om goedkeuring voor wissen")
        ERASURE_REFUSED = "erasure_refused", _("Wissen geweigerd")
        BREACH_VIEWS = "breach_views", _("Mogelijk datalek: uw gegevens zijn ingezien")

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    from_organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    situation = models.ForeignKey("situations.Situation", null=True, blank=True, on_delete=models.PROTECT)
    breach = models.ForeignKey("privacy.Breach", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    count = models.PositiveIntegerField(default=0)  # e.g. how many of its meldingen were viewed
    created_at = models.DateTimeField()
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "seen_at"])]

    def __str__(self) -> str:
        return f"{self.kind} → {self.organisation_id}"


class Breach(models.Model):
    """The breach register (AVG art. 33 lid 5): the facts, the effects and the measures of every personal-data
    breach, whether or not it was reported to the Autoriteit Persoonsgegevens — with the 72-hour clock."""

    REPORT_WITHIN = timedelta(hours=72)

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    discovered_at = models.DateTimeField(_("ontdekt op"))
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("betrokken account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    period_from = models.DateField(_("periode van"), null=True, blank=True)
    period_until = models.DateField(_("periode tot en met"), null=True, blank=True)
    facts = models.TextField(_("wat is er gebeurd"), max_length=2000)
    effects = models.TextField(_("gevolgen voor betrokkenen"), max_length=2000)
    measures = models.TextField(_("genomen maatregelen"), max_length=2000)
    persons_affected = models.PositiveIntegerField(_("aantal betrokkenen (schatting)"), default=0)
    reported_to_ap_at = models.DateTimeField(_("gemeld bij de AP op"), null=True, blank=True)
    not_reported_reason = models.CharField(_("waarom niet gemeld"), max_length=300, blank=True)
    persons_informed_at = models.DateTimeField(_("betrokkenen geïnformeerd op"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    text_removed_at = models.DateTimeField(null=True, blank=True)  # retention (privacy/apps.py)

    class Meta:
        ordering = ["-discovered_at"]
        verbose_name = _("datalek")
        verbose_name_plural = _("datalekken")

    def __str__(self) -> str:
        return f"datalek {self.pk}"

    @property
    def report_deadline(self) -> datetime:
        return self.discovered_at + self.REPORT_WITHIN

    @property
    def settled(self) -> bool:
        return self.reported_to_ap_at is not None or bool(self.not_reported_reason)
