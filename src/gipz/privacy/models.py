"""Rulebook versions, person records, information requests and their answers, and the tamper-evident access log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gipz.core.models import HistoryEvent


class Person(models.Model):
    """The person a situation is about: minimal data, no BSN. Care details are for care roles only."""

    situation = models.OneToOneField("situations.Situation", on_delete=models.PROTECT, related_name="person")
    full_name = models.CharField(_("naam"), max_length=150, blank=True)
    date_of_birth = models.DateField(_("geboortedatum"), null=True, blank=True)
    contact = models.CharField(_("contact (telefoon of adres)"), max_length=200, blank=True)
    known_risks = models.TextField(_("bekende risico's"), max_length=1000, blank=True)
    care_details = models.TextField(_("zorggegevens (alleen zorg)"), max_length=2000, blank=True)
    # A keyed hash of name and date of birth: links repeat situations for analytics without naming anyone.
    pseudonym = models.CharField(max_length=32, db_index=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_by_organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    identity_removed_at = models.DateTimeField(null=True, blank=True)
    care_removed_at = models.DateTimeField(null=True, blank=True)
    removal_reason = models.CharField(max_length=300, blank=True)
    # Which organisation recorded each filled field ({field: organisation id}): it alone changes or removes what it
    # recorded; others may add to it (services/persons.py).
    field_owners = models.JSONField(default=dict, blank=True)
    # Restriction of processing (AVG art. 18; Wpg art. 28 afscherming): hidden from everyone but the privacy officers.
    restricted_at = models.DateTimeField(null=True, blank=True)
    restricted_by_organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    restriction_ground = models.CharField(_("grond beperking"), max_length=24, blank=True)
    restriction_reason = models.CharField(_("toelichting beperking"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("betrokkene")
        verbose_name_plural = _("betrokkenen")

    def __str__(self) -> str:
        return f"betrokkene {self.pk} ({self.pseudonym[:8]})"

    @property
    def is_removed(self) -> bool:
        return self.identity_removed_at is not None

    @property
    def is_restricted(self) -> bool:
        return self.restricted_at is not None


class RestrictionGround(models.TextChoices):
    """AVG art. 18 lid 1 a-d, and the case this platform adds: erasure on ground (d) decided while the melding still
    runs and the work needs the record for now (the officer erases it when the melding ends)."""

    ACCURACY_CONTESTED = "accuracy", _("a) de juistheid wordt betwist, voor de tijd die nodig is om die te controleren")
    UNLAWFUL_KEEP = (
        "unlawful_keep",
        _("b) de verwerking is onrechtmatig en de betrokkene wil beperking in plaats van wissen"),
    )
    LEGAL_CLAIM = (
        "legal_claim",
        _("c) niet meer nodig, maar de betrokkene heeft de gegevens nodig voor een rechtsvordering"),
    )
    OBJECTION = "objection", _("d) bezwaar is gemaakt, in afwachting van de beoordeling daarvan")
    ERASE_AFTER_WORK = (
        "erase_after_work",
        _("onrechtmatig verwerkt (art. 17 lid 1 sub d), maar tijdelijk nodig voor de lopende hulpverlening"),
    )
    WPG_SHIELD = "wpg_shield", _("Wpg art. 28: afscherming van politiegegevens")


class InformedHow(models.TextChoices):
    IN_PERSON = "in_person", _("In persoon")
    PHONE = "phone", _("Telefonisch")
    LETTER = "letter", _("Per brief")
    EMAIL = "email", _("Per e-mail of berichtenbox")


class NotInformedException(models.TextChoices):
    """Why the person is not (yet) told that their data were shared: the exception the law allows."""

    IMPOSSIBLE = (
        "avg_14_5_b",
        _("AVG art. 14 lid 5 sub b: informeren is onmogelijk of vergt een onevenredige inspanning"),
    )
    BY_LAW = "avg_14_5_c", _("AVG art. 14 lid 5 sub c: de verstrekking is bij wet voorgeschreven")
    SECRECY = "avg_14_5_d", _("AVG art. 14 lid 5 sub d: een beroepsgeheim verplicht tot geheimhouding")
    UAVG_41 = (
        "uavg_41",
        _(
            "UAVG art. 41: noodzakelijk voor de veiligheid, het voorkomen of opsporen van strafbare feiten, de "
            "bescherming van de betrokkene of de rechten en vrijheden van anderen"
        ),
    )
    WPG = (
        "wpg_27",
        _("Wpg (politiegegevens): een grond van art. 27 lid 1, zoals het vermijden van belemmering van opsporing"),
    )


class InformingRecord(models.Model):
    """When, by whom and how the person was told that their data were shared, or which exception applies.
    Shared by an answer to an information request and a warning on one's own initiative."""

    informed_at = models.DateTimeField(_("geïnformeerd op"), null=True, blank=True)
    informed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    informed_how = models.CharField(_("hoe geïnformeerd"), max_length=12, choices=InformedHow.choices, blank=True)
    not_informed_exception = models.CharField(
        _("uitzondering"), max_length=12, choices=NotInformedException.choices, blank=True
    )

    class Meta:
        abstract = True


class PersonFieldChange(models.Model):
    """The earlier value of a field of a person record, kept when it was rectified or added to, for the privacy
    officer. Personal data itself: retention and erasure remove these rows with the record's data."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="changes")
    field = models.CharField(max_length=32)
    old_value = models.TextField(blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.person_id} {self.field} {self.changed_at:%Y-%m-%d %H:%M}"


class Purpose(models.TextChoices):
    ACUTE_SAFETY = "acute_safety", _("Veiligheid ter plaatse (nu)")
    CARE_ASSESSMENT = "care_assessment", _("Zorgbehoefte beoordelen / triage")
    CARE_CONTINUITY = "care_continuity", _("Passend vervolg regelen")
    VISIT_SAFETY = "visit_safety", _("Veiligheid bij een (huis)bezoek")
    CRIMINAL_LAW = "criminal_law", _("Opsporing of vervolging")
    COORDINATION = "coordination", _("Afstemming in een samenwerkingsverband")


class DataCategory(models.TextChoices):
    IDENTITY = "identity", _("Identiteit en contactgegevens")
    CARE_RELATION = "care_relation", _("Of iemand cliënt is / in behandeling")
    HEALTH = "health", _("Gezondheid (diagnose, medicatie, behandeling)")
    DANGER_SIGNALS = "danger_signals", _("Gevaar voor hulpverleners (wapens, agressie)")
    POLICE_ANTECEDENTS = "police_antecedents", _("Antecedenten (politie)")
    POLICE_CONTEXT = "police_context", _("Eerdere politiecontacten en meldingen")
    WVGGZ_STATUS = "wvggz_status", _("Zorgmachtiging of crisismaatregel (Wvggz)")
    SOCIAL_CONTEXT = "social_context", _("Netwerk, woonsituatie, contactpersonen")


class Circumstance(models.TextChoices):
    CONSENT = "consent", _("Toestemming van de betrokkene")
    ACUTE_DANGER = "acute_danger", _("Acuut gevaar voor leven of gezondheid")
    LEGAL_DUTY = "legal_duty", _("Een wet verplicht de houder tot verstrekken")
    CRIMINAL_ORDER = "criminal_order", _("Vordering van de officier van justitie in een strafzaak")
    WGS_CASE_CONFERENCE = (
        "wgs_case_conference",
        _("Casusoverleg in een samenwerkingsverband onder de WGS (zoals een Zorg- en Veiligheidshuis)"),
    )
    NONE = "none", _("Geen van deze")


class ErasureGround(models.TextChoices):
    """AVG art. 17 lid 1, in the words of the regulation. Ground f (services of the information society offered to a
    child, art. 8 lid 1) does not apply to GIPZ and is not offered."""

    NO_LONGER_NECESSARY = (
        "no_longer_necessary",
        _(
            "a) de persoonsgegevens zijn niet langer nodig voor de doeleinden waarvoor zij zijn verzameld of "
            "anderszins verwerkt"
        ),
    )
    CONSENT_WITHDRAWN = (
        "consent_withdrawn",
        _(
            "b) de betrokkene trekt de toestemming waarop de verwerking berust (art. 6 lid 1 punt a of art. 9 lid 2 "
            "punt a) in, en er is geen andere rechtsgrond voor de verwerking"
        ),
    )
    OBJECTION = (
        "objection",
        _(
            "c) de betrokkene maakt bezwaar tegen de verwerking (art. 21 lid 1) en er zijn geen prevalerende dwingende "
            "gerechtvaardigde gronden, of maakt bezwaar op grond van art. 21 lid 2"
        ),
    )
    UNLAWFUL = "unlawful", _("d) de persoonsgegevens zijn onrechtmatig verwerkt")
    LEGAL_OBLIGATION = (
        "legal_obligation",
        _(
            "e) de persoonsgegevens moeten worden gewist om te voldoen aan een wettelijke verplichting in het "
            "Unierecht of het lidstatelijke recht die op de verwerkingsverantwoordelijke rust"
        ),
    )


class Verdict(models.TextChoices):
    SHARE = "share", _("Delen is mogelijk")
    SHARE_MINIMUM = "share_minimum", _("Alleen het minimaal noodzakelijke delen")
    CONSENT_NEEDED = "consent_needed", _("Alleen met toestemming")
    DO_NOT_SHARE = "do_not_share", _("Niet delen")


class InformationRequest(models.Model):
    """A question from one organisation to another, inside a situation. Its states are in REQUEST_TRANSITIONS."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        SHARED = "shared", _("gedeeld")
        PARTLY_SHARED = "partly_shared", _("deels gedeeld")
        REFUSED = "refused", _("geweigerd")
        WITHDRAWN = "withdrawn", _("ingetrokken")

    class Urgency(models.TextChoices):
        NOW = "now", _("Nu (acute situatie)")
        TODAY = "today", _("Vandaag")
        NORMAL = "normal", _("Binnen enkele dagen")

    situation = models.ForeignKey("situations.Situation", on_delete=models.PROTECT, related_name="information_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requesting_organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    requester_role = models.CharField(max_length=32)
    holder_organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("gevraagd aan"), on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.CharField(_("doel"), max_length=32, choices=Purpose.choices)
    question = models.TextField(_("vraag"), max_length=1000)
    categories = models.JSONField(_("soorten gegevens"))
    urgency = models.CharField(_("urgentie"), max_length=8, choices=Urgency.choices)
    # What the requester says applies; shown to the holder as 'volgens de vrager', never used for the advice.
    claimed_circumstance = models.CharField(
        _("omstandigheid volgens de vrager"), max_length=24, choices=Circumstance.choices
    )
    claimed_basis = models.CharField(_("grondslag volgens de vrager"), max_length=300, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN, db_index=True)
    created_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["holder_organisation", "status"])]
        verbose_name = _("informatieverzoek")
        verbose_name_plural = _("informatieverzoeken")

    def __str__(self) -> str:
        return f"informatieverzoek {self.pk}"


REQUEST_TRANSITIONS: dict[str, frozenset[str]] = {
    InformationRequest.Status.OPEN: frozenset(
        {
            InformationRequest.Status.SHARED,
            InformationRequest.Status.PARTLY_SHARED,
            InformationRequest.Status.REFUSED,
            InformationRequest.Status.WITHDRAWN,
        }
    ),
    InformationRequest.Status.SHARED: frozenset(),
    InformationRequest.Status.PARTLY_SHARED: frozenset(),
    InformationRequest.Status.REFUSED: frozenset(),
    InformationRequest.Status.WITHDRAWN: frozenset(),
}


class InformationRequestEvent(HistoryEvent):
    request = models.ForeignKey(InformationRequest, on_delete=models.PROTECT, related_name="events")

    class Meta(HistoryEvent.Meta):
        pass


class Disclosure(InformingRecord):
    """The holder's answer: what was shared (items), on which basis, with the weighing; or the refusal."""

    class Decision(models.TextChoices):
        SHARE = "share", _("Delen")
        PARTLY = "partly", _("Deels delen")
        REFUSE = "refuse", _("Weigeren")

    class ConsentHow(models.TextChoices):
        VERBAL = "verbal", _("Mondeling")
        WRITTEN = "written", _("Schriftelijk")
        DIGITAL = "digital", _("Digitaal")

    class Justification(models.TextChoices):
        CONFLICT_OF_DUTIES = "conflict_of_duties", _("Conflict van plichten")
        ACUTE_DANGER = "acute_danger", _("Acuut gevaar voor leven of gezondheid")
        LEGAL_BASIS = "legal_basis", _("Wettelijke plicht of verstrekkingsgrondslag")

    class Informed(models.TextChoices):
        INFORMED = "informed", _("Betrokkene is geïnformeerd")
        WILL_INFORM = "will_inform", _("Betrokkene wordt nog geïnformeerd")
        UNSAFE = "unsafe", _("Niet geïnformeerd: dat is onveilig")
        NOT_APPLICABLE = "not_applicable", _("Niet van toepassing (niets gedeeld)")

    request = models.OneToOneField(InformationRequest, on_delete=models.PROTECT, related_name="disclosure")
    decision = models.CharField(_("besluit"), max_length=8, choices=Decision.choices)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()
    circumstance = models.CharField(_("omstandigheid"), max_length=24, choices=Circumstance.choices)
    rulebook_version = models.ForeignKey("rulebook.RulebookVersion", on_delete=models.PROTECT, related_name="+")
    advice = models.JSONField(default=list)  # [{category, rule, verdict}] as shown to the holder
    legal_basis = models.CharField(_("grondslag"), max_length=300)
    weighing = models.TextField(_("afweging"), max_length=2000)
    consent_given_by = models.CharField(_("toestemming gegeven door"), max_length=150, blank=True)
    consent_given_at = models.DateTimeField(_("toestemming gegeven op"), null=True, blank=True)
    consent_how = models.CharField(_("toestemming hoe"), max_length=8, choices=ConsentHow.choices, blank=True)
    justification = models.CharField(
        _("rechtvaardiging zonder toestemming"), max_length=24, choices=Justification.choices, blank=True
    )
    justification_text = models.TextField(_("toelichting rechtvaardiging"), max_length=1000, blank=True)
    person_informed = models.CharField(_("betrokkene geïnformeerd"), max_length=16, choices=Informed.choices)
    person_not_informed_reason = models.CharField(_("waarom niet geïnformeerd"), max_length=300, blank=True)
    message_to_requester = models.TextField(_("toelichting voor de vrager"), max_length=1000, blank=True)
    visible_until = models.DateTimeField(_("zichtbaar voor de vrager tot"), null=True, blank=True)
    content_removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("verstrekking")
        verbose_name_plural = _("verstrekkingen")

    def __str__(self) -> str:
        return f"verstrekking {self.request_id} ({self.decision})"

    @property
    def without_consent(self) -> bool:
        return self.decision != self.Decision.REFUSE and self.circumstance != Circumstance.CONSENT


class DisclosureItem(models.Model):
    disclosure = models.ForeignKey(Disclosure, on_delete=models.PROTECT, related_name="items")
    category = models.CharField(max_length=32, choices=DataCategory.choices)
    content = models.TextField(max_length=2000)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.category} ({self.disclosure_id})"


class Criterion(models.TextChoices):
    """The six conditions of the KNMG conflict of duties (KNMG-richtlijn Omgaan met medische gegevens, 2021)."""

    CONSENT = "consent", _("Alles is gedaan om toestemming te krijgen, of dat kon niet")
    CONSCIENCE = "conscience", _("Zwijgen bracht mij in gewetensnood")
    NO_OTHER_WAY = "no_other_way", _("Er was geen andere weg om het gevaar af te wenden")
    SERIOUS_HARM = "serious_harm", _("Zwijgen zou ernstige schade voor een ander opleveren")
    PREVENTS_HARM = "prevents_harm", _("Het was vrijwel zeker dat waarschuwen die schade voorkomt of beperkt")
    MINIMAL = "minimal", _("Ik heb zo weinig mogelijk gedeeld")


class OwnInitiativeWarning(InformingRecord):
    """A care professional breaks professional secrecy on their own initiative to warn another organisation (in
    practice the police) about serious danger: the KNMG conflict of duties. Recorded as it happened — what was shared
    with whom, each of the six criteria answered, whether the person was told — so the privacy officers of both
    organisations see it among what was shared without consent. Its states do not change: it is a record."""

    # The answer's choices without "nothing shared": a warning always shared something.
    INFORMED_CHOICES = [c for c in Disclosure.Informed.choices if c[0] != Disclosure.Informed.NOT_APPLICABLE]

    situation = models.ForeignKey(
        "situations.Situation", on_delete=models.PROTECT, related_name="own_initiative_warnings"
    )
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recipient = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("gewaarschuwd"), on_delete=models.PROTECT, related_name="+"
    )
    warned_at = models.DateTimeField(_("gewaarschuwd op"))
    recorded_at = models.DateTimeField()
    categories = models.JSONField(_("soorten gegevens"))
    content = models.TextField(_("wat u hebt gedeeld"), max_length=2000)
    criteria = models.JSONField(_("voorwaarden conflict van plichten"))  # {criterion code: met}
    weighing = models.TextField(_("afweging"), max_length=2000)
    person_informed = models.CharField(_("betrokkene geïnformeerd"), max_length=16, choices=INFORMED_CHOICES)
    person_not_informed_reason = models.CharField(_("waarom niet geïnformeerd"), max_length=300, blank=True)

    class Meta:
        ordering = ["-warned_at"]
        verbose_name = _("waarschuwing uit eigen beweging")
        verbose_name_plural = _("waarschuwingen uit eigen beweging")

    def __str__(self) -> str:
        return f"waarschuwing {self.pk}"

    @property
    def criteria_met(self) -> int:
        return sum(1 for met in self.criteria.values() if met)


from gipz.privacy.officer_models import (  # noqa: E402,F401  (the officer's records, one models module per app)
    Breach,
    ErasureApproval,
    ErasureRequest,
    IdentityCheck,
    OfficerNotice,
    Regime,
    SubjectRequest,
    WpgGround,
    WpgRestriction,
)
