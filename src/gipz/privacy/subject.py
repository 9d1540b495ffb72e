"""The answer to a data subject: AVG art. 15 for an organisation outside the police, Wpg art. 25 for the police.

It holds the facts of art. 15(1) a-h (or Wpg art. 25's), a copy of every personal datum the organisation can see in
GIPZ about the person (art. 15(3)) and each consultation with its date, organisation, role and purpose (C-579/21).
The copy is built from the text-retention registry (privacy/text_retention.py), so a model that gains personal text
is in the answer as soon as it is declared there; the same visibility rules apply as on the pages: care details
only for care organisations, an information request only for the two organisations in it, and police disclosures
only in the police's own answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gipz.accesslog.models import AccessLogEntry
from gipz.accounts.actor import Actor
from gipz.accounts.models import Organisation, OrganisationType
from gipz.core.text_retention import text_rules
from gipz.privacy import selectors
from gipz.privacy.models import (
    DataCategory,
    Disclosure,
    OwnInitiativeWarning,
    Person,
    PersonFieldChange,
    Regime,
    SubjectRequest,
)
from gipz.privacy.retention import CATEGORIES
from gipz.privacy.rules import regime_for
from gipz.privacy.templatetags.privacy import action_label, role_labels
from gipz.privacy.texts import object_words, view_purpose
from gipz.situations.models import Situation
from gipz.situations.texts import CARE_INDICATOR_LABELS, TRIAGE_ADVICE, TRIAGE_REASONS

WPG_DISCLOSURE_YEARS = 4  # Wpg art. 25: the disclosures of the four years before the request


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


@dataclass
class SituationCopy:
    situation: Situation
    person: Person
    facts: list[Fact] = field(default_factory=list)


@dataclass(frozen=True)
class ViewLine:
    at: datetime
    organisation: str
    roles: str
    action: str
    what: str
    purpose: str
    employee: str  # only for the officer's own organisation, and never in what the person receives
    by_system: bool  # the retention run, not an organisation


@dataclass
class SubjectReport:
    regime: str
    organisation: Organisation
    made_by: Actor
    person: Person
    include_care: bool
    copies: list[SituationCopy]
    views: list[ViewLine]
    disclosures: list[Disclosure]
    warnings: list[OwnInitiativeWarning]
    request: SubjectRequest | None
    made_at: datetime = field(default_factory=timezone.now)

    @property
    def is_wpg(self) -> bool:
        return self.regime == Regime.WPG

    @property
    def title(self) -> str:
        if self.is_wpg:
            return _("Kennisneming van politiegegevens (Wet politiegegevens art. 25)")
        return _("Inzage in uw persoonsgegevens (AVG art. 15)")

    @property
    def withheld(self) -> bool:
        return bool(self.request and self.request.wpg_restriction)

    # art. 15(1)(a): the purposes; (b) the categories; (c) the recipients; (d) retention; (e)-(h) below
    @property
    def purposes(self) -> list[str]:
        if self.is_wpg:
            return [
                _(
                    "De uitvoering van de dagelijkse politietaak (Wpg art. 8): hulp aan wie dat nodig heeft en de "
                    "handhaving van de openbare orde bij een melding over verward gedrag."
                ),
                _(
                    "Het verstrekken van politiegegevens aan zorg en gemeente waar de Wpg dat toestaat (Wpg art. "
                    "16-20), voor de hulp aan u of de veiligheid van anderen."
                ),
            ]
        return [
            _(
                "Hulp bij een (dreigende) crisis: de melding, de beoordeling door de crisisdienst, de overdracht van "
                "politie naar zorg en het vervolg (AVG art. 6 lid 1 sub e; gezondheidsgegevens: art. 9 lid 2 sub h "
                "met UAVG art. 30 lid 3)."
            ),
            _(
                "Informatie delen met andere organisaties volgens het regelboek, alleen voor dat doel en met een "
                "grondslag per verstrekking."
            ),
            _("Verantwoording: vastleggen wie uw gegevens heeft ingezien en waarom (AVG art. 5 lid 2)."),
            _("Kengetallen per gemeente, zonder namen (gepseudonimiseerd; AVG art. 89)."),
        ]

    @property
    def categories(self) -> list[str]:
        found = [
            _("Identiteit en contactgegevens"),
            _("De omstandigheden van de melding (plaats, omschrijving, signalement)"),
        ]
        if any(c.situation.care_indicators or c.situation.triage_reasons for c in self.copies):
            found.append(_("Gezondheid: zorgsignalen en de beoordeling (triage) van de melding"))
        if self.include_care:
            found.append(_("Gezondheid: zorggegevens, zorgnotities en de beoordeling in de overdracht"))
        shared = {i.category for d in self.disclosures for i in d.items.all()}
        found += [str(DataCategory(c).label) for c in sorted(shared) if c in DataCategory.values]
        return list(dict.fromkeys(found))

    @property
    def recipients(self) -> list[str]:
        """The organisations that saw or received the data (organisations, not employees)."""
        names = {v.organisation for v in self.views if not v.by_system}
        names |= {str(d.request.requesting_organisation) for d in self.disclosures if d.decision != "refuse"}
        names |= {str(w.recipient) for w in self.warnings}
        return sorted(names)

    @property
    def retention(self) -> list[tuple[str, int, str, str, str]]:
        return [(str(c.label), c.days, str(c.starts), str(c.covers), c.source) for c in CATEGORIES]

    @property
    def rights(self) -> list[str]:
        if self.is_wpg:
            return [
                _(
                    "U kunt vragen uw politiegegevens te verbeteren, aan te vullen, te vernietigen of af te "
                    "schermen als ze onjuist, onvolledig of niet ter zake dienend zijn of onrechtmatig worden "
                    "verwerkt (Wpg art. 28)."
                ),
                _("Een afwijzing is schriftelijk en met redenen (Wpg art. 27 lid 2)."),
            ]
        return [
            _("Rectificatie: onjuiste gegevens laten verbeteren of aanvullen (AVG art. 16)."),
            _("Wissen: gegevens laten verwijderen als een grond van AVG art. 17 lid 1 geldt."),
            _(
                "Beperking: de verwerking laten beperken, bijvoorbeeld zolang de juistheid wordt onderzocht (AVG art. "
                "18)."
            ),
            _("Bezwaar tegen de verwerking vanwege uw bijzondere situatie (AVG art. 21)."),
        ]

    @property
    def complaint(self) -> str:
        return _(
            "U kunt een klacht indienen bij de Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl, "
            "Postbus 93374, 2509 AJ Den Haag){law}."
        ).format(law=_(" (ook voor politiegegevens)") if self.is_wpg else _(" (AVG art. 77)"))

    @property
    def third_countries(self) -> str:
        return _(
            "Uw gegevens worden niet doorgegeven aan landen buiten de Europese Economische Ruimte of aan "
            "internationale organisaties; GIPZ draait in Nederland."
        )

    @property
    def automated(self) -> str:
        return _(
            "Er is geen geautomatiseerde besluitvorming (AVG art. 22). GIPZ stelt bij de melding een urgentie en een "
            "advies voor op grond van de antwoorden van de melder (triage); een hulpverlener beslist en kan daarvan "
            "afwijken. Het regelboek geeft een advies over delen; de informatiedesk van de organisatie beslist."
        )

    def sources(self) -> list[str]:
        """Where the data came from (art. 15(1)(g)): who recorded each melding and the person record."""
        lines = []
        for copy in self.copies:
            lines.append(
                _(
                    "Melding %(ref)s: vastgelegd door %(org)s; gegevens over u door %(person_org)s, op grond van wat "
                    "zij ter plaatse zagen en hoorden, van u of van melders."
                )
                % {
                    "ref": copy.situation.reference,
                    "org": copy.situation.reporting_organisation,
                    "person_org": copy.person.recorded_by_organisation,
                }
            )
        return lines


# Who in an organisation's answer sees which rows of a model (beyond the situation it belongs to).
ScopeFor = Callable[[Organisation], Q]
SCOPES: dict[str, ScopeFor] = {
    "privacy.informationrequest": lambda org: Q(requesting_organisation=org) | Q(holder_organisation=org),
    "privacy.disclosure": lambda org: Q(organisation=org) | Q(request__requesting_organisation=org),
    "privacy.owninitiativewarning": lambda org: Q(organisation=org) | Q(recipient=org),
    "keyfigures.consult": lambda org: Q(asking_organisation=org) | Q(key_figure__organisation=org),
}


# Fields only the organisation that made the row sees (the holder's weighing, a warning's reasons): another
# organisation in it does not hold them, so they are not in its answer.
OWN_FIELDS: dict[str, frozenset[str]] = {
    "privacy.disclosure": frozenset(
        {"weighing", "consent_given_by", "justification_text", "person_not_informed_reason"}
    ),
    "privacy.owninitiativewarning": frozenset({"weighing", "person_not_informed_reason"}),
}


def _visible_rows(model: type[Model], situation_field: str, situation: Situation, org: Organisation) -> QuerySet:
    target = situation.pk if situation_field == "pk" else situation
    rows = model._default_manager.filter(**{situation_field: target})
    scope = SCOPES.get(model._meta.label_lower)
    if scope is not None:
        rows = rows.filter(scope(org))
    if model is Disclosure and org.type != OrganisationType.POLICE:
        rows = rows.exclude(organisation__type=OrganisationType.POLICE)
    return rows


def _label(model: type[Model], name: str) -> str:
    return f"{model._meta.verbose_name}: {model._meta.get_field(name).verbose_name}"


def _situation_copy(situation: Situation, person: Person, *, org: Organisation, include_care: bool) -> SituationCopy:
    copy = SituationCopy(situation=situation, person=person)
    add = copy.facts.append
    add(
        Fact(
            _("Melding"),
            f"{situation.reference}, {situation.municipality}, "
            f"{timezone.localtime(situation.created_at):%Y-%m-%d %H:%M}",
        )
    )
    if not person.is_removed:
        for name in ("full_name", "date_of_birth", "contact", "known_risks"):
            value = getattr(person, name)
            if value:
                add(Fact(str(Person._meta.get_field(name).verbose_name), str(value)))
        if include_care and person.care_details:
            add(Fact(str(Person._meta.get_field("care_details").verbose_name), person.care_details))
    for change in PersonFieldChange.objects.filter(person=person).order_by("changed_at"):
        if change.field == "care_details" and not include_care:
            continue
        label = str(Person._meta.get_field(change.field).verbose_name)
        add(Fact(_("Eerdere waarde van %(field)s") % {"field": label}, change.old_value))
    add(Fact(_("Urgentie"), situation.get_urgency_display()))
    danger = [
        str(Situation._meta.get_field(f).verbose_name)
        for f in ("danger_to_self", "danger_to_others", "weapon", "medical_emergency", "intoxication", "minors_present")
        if getattr(situation, f)
    ]
    if danger:
        add(Fact(_("Gevaar en omstandigheden"), ", ".join(danger)))
    if situation.care_indicators:
        add(Fact(_("Zorgsignalen"), ", ".join(str(CARE_INDICATOR_LABELS.get(c, c)) for c in situation.care_indicators)))
    if situation.triage_reasons:
        add(Fact(_("Triage: redenen"), "; ".join(str(TRIAGE_REASONS.get(c, c)) for c in situation.triage_reasons)))
    if situation.triage_advice:
        add(Fact(_("Triage: advies"), " ".join(str(TRIAGE_ADVICE.get(c, c)) for c in situation.triage_advice)))
    for rule in text_rules():
        if not rule.situation_field or (rule.category == "care" and not include_care):
            continue
        own_only = OWN_FIELDS.get(rule.model._meta.label_lower, frozenset())
        for row in _visible_rows(rule.model, rule.situation_field, situation, org):
            for name in rule.fields:
                if name in own_only and row.organisation_id != org.pk:
                    continue
                value = getattr(row, name)
                if value:
                    add(Fact(_label(rule.model, name), str(value)))
    now = timezone.now()
    for disclosure in _visible_rows(Disclosure, "request__situation", situation, org).prefetch_related("items"):
        requester_no_longer_sees = disclosure.organisation_id != org.pk and not (
            disclosure.visible_until and now < disclosure.visible_until
        )
        for item in [] if requester_no_longer_sees else disclosure.items.all():
            if item.content:
                add(Fact(_("Gedeeld: %(category)s") % {"category": DataCategory(item.category).label}, item.content))
        if disclosure.message_to_requester:
            add(Fact(_label(Disclosure, "message_to_requester"), disclosure.message_to_requester))
    return copy


def _views(entries: QuerySet[AccessLogEntry], *, org: Organisation) -> list[ViewLine]:
    lines = []
    for e in entries:
        own = e.organisation_id == org.pk
        lines.append(
            ViewLine(
                at=e.at,
                organisation=str(e.organisation) if e.organisation else _("GIPZ (systeem)"),
                roles=role_labels(e.roles),
                action=action_label(e.action),
                what=object_words(e.object_type),
                purpose=view_purpose(object_type=e.object_type, roles=e.roles, action=e.action),
                employee=str(e.user) if own and e.user else "",
                by_system=e.organisation_id is None,
            )
        )
    return lines


def build_report(*, actor: Actor, person: Person, request: SubjectRequest | None = None) -> SubjectReport:
    org = actor.organisation
    regime = regime_for(actor)
    include_care = actor.is_care
    persons = list(
        selectors.related_persons(person, actor=actor).select_related(
            "recorded_by_organisation", "situation__reporting_organisation"
        )
    )
    situation_ids = [p.situation_id for p in persons]
    entries = (
        AccessLogEntry.objects.filter(Q(person_id__in=[p.pk for p in persons]) | Q(situation_id__in=situation_ids))
        .select_related("user", "organisation")
        .order_by("seq")
    )
    disclosures = selectors.disclosures_for_situations(situation_ids).filter(SCOPES["privacy.disclosure"](org))
    if regime == Regime.WPG:
        since = (request.received_at if request else timezone.localdate()) - timedelta(days=365 * WPG_DISCLOSURE_YEARS)
        disclosures = disclosures.filter(organisation=org, decided_at__date__gte=since)
    else:
        disclosures = disclosures.exclude(organisation__type=OrganisationType.POLICE)
    warnings = (
        OwnInitiativeWarning.objects.filter(situation_id__in=situation_ids)
        .filter(SCOPES["privacy.owninitiativewarning"](org))
        .select_related("organisation", "recipient")
    )
    withheld = bool(request and request.wpg_restriction)
    return SubjectReport(
        regime=regime,
        organisation=org,
        made_by=actor,
        person=person,
        include_care=include_care,
        copies=[_situation_copy(p.situation, p, org=org, include_care=include_care) for p in persons],
        views=[] if withheld else _views(entries, org=org),
        disclosures=[] if withheld else list(disclosures),
        warnings=list(warnings),
        request=request,
    )
