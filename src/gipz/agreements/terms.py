"""The content of a werkafspraak ('wie zorgt voor wat'), as plain data: pure Python, testable without a database.

A version of the agreement stores these terms as JSON; `Terms.from_json` validates what comes back in, so a
hand-edited or old row fails loudly instead of routing a melding the wrong way. The national defaults below apply
where a region has not approved its own agreement yet.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _


class SituationType(StrEnum):
    CONFUSED_NO_OFFENCE = "confused_no_offence"
    CONFUSED_WITH_OFFENCE = "confused_with_offence"
    DANGER_TO_SELF = "danger_to_self"
    DANGER_TO_OTHERS = "danger_to_others"
    INTOXICATION = "intoxication"
    MEDICAL = "medical"
    NON_URGENT = "non_urgent"
    PREVENTIVE = "preventive"
    UNSAFE_IN_CARE = "unsafe_in_care"
    COMPULSORY_TRANSPORT = "compulsory_transport"


SITUATION_TYPE_LABELS = {
    SituationType.CONFUSED_NO_OFFENCE: _("Verward gedrag zonder strafbaar feit"),
    SituationType.CONFUSED_WITH_OFFENCE: _("Verward gedrag met strafbaar feit"),
    SituationType.DANGER_TO_SELF: _("Gevaar voor zichzelf (o.a. suïcidedreiging)"),
    SituationType.DANGER_TO_OTHERS: _("Gevaar voor anderen"),
    SituationType.INTOXICATION: _("Verward gedrag onder invloed"),
    SituationType.MEDICAL: _("Medisch spoedgeval"),
    SituationType.NON_URGENT: _("Zorgsignaal zonder spoed"),
    SituationType.PREVENTIVE: _("Gepland moment met risico (huisuitzetting, uithuisplaatsing)"),
    SituationType.UNSAFE_IN_CARE: _("Onveilige situatie in de zorg"),
    SituationType.COMPULSORY_TRANSPORT: _("Vervoer bij verplichte zorg"),
}

# The types an acute melding can have; the others come from preventive requests and unsafe-situation reports.
ACUTE_TYPES = (
    SituationType.CONFUSED_NO_OFFENCE,
    SituationType.CONFUSED_WITH_OFFENCE,
    SituationType.DANGER_TO_SELF,
    SituationType.DANGER_TO_OTHERS,
    SituationType.INTOXICATION,
    SituationType.MEDICAL,
    SituationType.NON_URGENT,
)


class Party(StrEnum):
    POLICE = "police"
    CRISIS_SERVICE = "crisis_service"
    CARE_PROVIDER = "care_provider"
    MUNICIPALITY = "municipality"
    TOGETHER = "together"


PARTY_LABELS = {
    Party.POLICE: _("Politie"),
    Party.CRISIS_SERVICE: _("Crisisdienst"),
    Party.CARE_PROVIDER: _("Zorgaanbieder"),
    Party.MUNICIPALITY: _("Gemeente"),
    Party.TOGETHER: _("Samen"),
}

# Parties for which an acute melding goes to the crisis team on duty by default.
CRISIS_PARTIES = frozenset({Party.CRISIS_SERVICE, Party.TOGETHER})


class TermsError(ValueError):
    """Invalid agreement content; `field` names where, for the form."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Responsibility:
    party: Party
    note: str = ""


@dataclass(frozen=True)
class Targets:
    acknowledge_minutes: int = 10
    u2_minutes: int = 60
    u3_minutes: int = 240
    u4_minutes: int = 1440
    preventive_decision_hours: int = 48  # police decide at least this long before a planned event
    vpt_response_hours: int = 24  # an unsafe-situation report under VPT gets an answer within this time


@dataclass(frozen=True)
class Contact:
    name: str
    organisation: str
    phone: str
    when: str = ""


@dataclass(frozen=True)
class UnsafeLevel:
    """One level of the region's shared definition of 'onveilig', with the response both sides agreed."""

    code: str
    name: str
    description: str
    response: str
    response_hours: int
    call_112: bool = False


@dataclass(frozen=True)
class Terms:
    responsibilities: dict[SituationType, Responsibility]
    targets: Targets = field(default_factory=Targets)
    contacts: tuple[Contact, ...] = ()
    unsafe_levels: tuple[UnsafeLevel, ...] = ()

    def responsible_for(self, situation_type: SituationType) -> Responsibility:
        return self.responsibilities.get(situation_type, Responsibility(Party.TOGETHER))

    def unsafe_level(self, code: str) -> UnsafeLevel | None:
        return next((level for level in self.unsafe_levels if level.code == code), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "responsibilities": {
                str(k): {"party": str(v.party), "note": v.note} for k, v in self.responsibilities.items()
            },
            "targets": asdict(self.targets),
            "contacts": [asdict(c) for c in self.contacts],
            "unsafe_levels": [asdict(level) for level in self.unsafe_levels],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Terms:
        return validate(data)


_MAX_MINUTES = 7 * 24 * 60


def _positive_int(value: Any, name: str, maximum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= maximum:
        raise TermsError(str(_("Vul een heel getal van 1 tot en met %(max)s in.") % {"max": maximum}), field=name)
    return value


def _text(value: Any, name: str, *, required: bool, max_length: int = 300) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if required and not text:
        raise TermsError(str(_("Dit veld is verplicht.")), field=name)
    if len(text) > max_length:
        raise TermsError(str(_("Maximaal %(max)s tekens.") % {"max": max_length}), field=name)
    return text


def validate(data: dict[str, Any]) -> Terms:
    """Terms from JSON-like data, or TermsError naming the first problem. Every situation type must be covered."""
    raw = data.get("responsibilities")
    if not isinstance(raw, dict):
        raise TermsError(str(_("De verantwoordelijkheden ontbreken.")), field="responsibilities")
    responsibilities: dict[SituationType, Responsibility] = {}
    for situation_type in SituationType:
        entry = raw.get(str(situation_type))
        name = f"party_{situation_type}"
        if not isinstance(entry, dict) or entry.get("party") not in {str(p) for p in Party}:
            raise TermsError(
                str(
                    _("Kies wie verantwoordelijk is voor '%(type)s'.") % {"type": SITUATION_TYPE_LABELS[situation_type]}
                ),
                field=name,
            )
        responsibilities[situation_type] = Responsibility(
            Party(entry["party"]), _text(entry.get("note", ""), f"note_{situation_type}", required=False)
        )
    raw_targets = data.get("targets", {})
    if not isinstance(raw_targets, dict):
        raise TermsError(str(_("De normtijden ontbreken.")), field="targets")
    defaults = Targets()
    targets = Targets(
        acknowledge_minutes=_positive_int(
            raw_targets.get("acknowledge_minutes", defaults.acknowledge_minutes), "acknowledge_minutes", 240
        ),
        u2_minutes=_positive_int(raw_targets.get("u2_minutes", defaults.u2_minutes), "u2_minutes", _MAX_MINUTES),
        u3_minutes=_positive_int(raw_targets.get("u3_minutes", defaults.u3_minutes), "u3_minutes", _MAX_MINUTES),
        u4_minutes=_positive_int(raw_targets.get("u4_minutes", defaults.u4_minutes), "u4_minutes", _MAX_MINUTES),
        preventive_decision_hours=_positive_int(
            raw_targets.get("preventive_decision_hours", defaults.preventive_decision_hours),
            "preventive_decision_hours",
            24 * 14,
        ),
        vpt_response_hours=_positive_int(
            raw_targets.get("vpt_response_hours", defaults.vpt_response_hours), "vpt_response_hours", 24 * 14
        ),
    )
    if not targets.u2_minutes <= targets.u3_minutes <= targets.u4_minutes:
        raise TermsError(str(_("Een hogere urgentie moet een kortere of gelijke normtijd hebben.")), field="u3_minutes")
    contacts = tuple(
        Contact(
            name=_text(c.get("name"), "contacts", required=True, max_length=100),
            organisation=_text(c.get("organisation"), "contacts", required=True, max_length=100),
            phone=_text(c.get("phone"), "contacts", required=True, max_length=32),
            when=_text(c.get("when", ""), "contacts", required=False, max_length=200),
        )
        for c in _list(data, "contacts")
    )
    levels = tuple(
        UnsafeLevel(
            code=_text(level.get("code"), "unsafe_levels", required=True, max_length=16),
            name=_text(level.get("name"), "unsafe_levels", required=True, max_length=100),
            description=_text(level.get("description"), "unsafe_levels", required=True, max_length=500),
            response=_text(level.get("response"), "unsafe_levels", required=True, max_length=500),
            response_hours=_positive_int(level.get("response_hours"), "unsafe_levels", 24 * 14),
            call_112=bool(level.get("call_112", False)),
        )
        for level in _list(data, "unsafe_levels")
    )
    if len({level.code for level in levels}) != len(levels):
        raise TermsError(
            str(_("Elke code van een niveau van onveiligheid mag maar één keer voorkomen.")), field="unsafe_levels"
        )
    if not levels:
        raise TermsError(str(_("Leg ten minste één niveau van onveiligheid vast.")), field="unsafe_levels")
    return Terms(responsibilities=responsibilities, targets=targets, contacts=contacts, unsafe_levels=levels)


def _list(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise TermsError(str(_("Ongeldige lijst.")), field=key)
    return value


def acute_situation_type(
    *,
    medical_emergency: bool,
    danger_to_self: bool,
    danger_to_others: bool,
    offence: str,
    intoxication: bool,
    urgency: str,
) -> SituationType:
    """The row of the matrix an acute melding falls under, from the triage answers (most serious first)."""
    if medical_emergency:
        return SituationType.MEDICAL
    if danger_to_others:
        return SituationType.DANGER_TO_OTHERS
    if danger_to_self:
        return SituationType.DANGER_TO_SELF
    if offence == "yes":
        return SituationType.CONFUSED_WITH_OFFENCE
    if intoxication:
        return SituationType.INTOXICATION
    if urgency == "U5":
        return SituationType.NON_URGENT
    return SituationType.CONFUSED_NO_OFFENCE


def _default_terms() -> Terms:
    """What applies where a region has approved nothing yet: the field's defaults (police–GGZ agreement 2012,
    GGz-triagewijzer) and a three-level definition of 'onveilig' as a starting point for the regional meeting."""
    together = Responsibility(Party.TOGETHER)
    return Terms(
        responsibilities={
            SituationType.CONFUSED_NO_OFFENCE: Responsibility(
                Party.CRISIS_SERVICE, str(_("Politie draagt over en vertrekt."))
            ),
            SituationType.CONFUSED_WITH_OFFENCE: Responsibility(
                Party.TOGETHER, str(_("Politie handelt het strafbare feit af, crisisdienst beoordeelt de zorg."))
            ),
            SituationType.DANGER_TO_SELF: together,
            SituationType.DANGER_TO_OTHERS: Responsibility(
                Party.TOGETHER, str(_("Politie zorgt eerst voor veiligheid, dan draagt zij over."))
            ),
            SituationType.INTOXICATION: together,
            SituationType.MEDICAL: Responsibility(Party.TOGETHER, str(_("Ambulance via 112 gaat voor."))),
            SituationType.NON_URGENT: Responsibility(Party.MUNICIPALITY, str(_("Via het meldpunt niet-acute zorg."))),
            SituationType.PREVENTIVE: Responsibility(
                Party.CARE_PROVIDER, str(_("Zorg leidt; politie assisteert alleen na een risicoweging."))
            ),
            SituationType.UNSAFE_IN_CARE: Responsibility(
                Party.CARE_PROVIDER, str(_("Zorg zorgt voor veiligheid binnen; politie helpt bij strafbaar gedrag."))
            ),
            SituationType.COMPULSORY_TRANSPORT: Responsibility(
                Party.CRISIS_SERVICE, str(_("Politie assisteert alleen bij gevaar."))
            ),
        },
        unsafe_levels=(
            UnsafeLevel(
                "1",
                str(_("Grensoverschrijdend")),
                str(_("Schelden, intimideren, verbale agressie zonder bedreiging.")),
                str(_("Zorg handelt zelf; politie geeft desgevraagd advies.")),
                response_hours=72,
            ),
            UnsafeLevel(
                "2",
                str(_("Bedreigend")),
                str(_("Bedreiging van medewerkers of cliënten, vernieling.")),
                str(_("Politie neemt contact op, komt zo nodig langs en helpt bij aangifte.")),
                response_hours=24,
            ),
            UnsafeLevel(
                "3",
                str(_("Acuut gevaarlijk")),
                str(_("Fysiek geweld, wapen, gijzeling of direct gevaar voor leven.")),
                str(_("Bel 112; politie komt met spoed.")),
                response_hours=1,
                call_112=True,
            ),
        ),
    )


def default_terms() -> Terms:
    # Built per call so the labels follow the active language.
    return _default_terms()
