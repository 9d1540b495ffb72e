"""The sharing rulebook as plain data, and the pure function that gives advice for one question.

A question is: who asks (organisation type and role), who holds the data, for which purpose, which data category,
and in which circumstance the holder establishes (consent, acute danger, a statutory duty, a demand (vordering) in
criminal proceedings, a case conference of a partnership under the WGS, or none). The requester may claim a
circumstance; advice is always computed for what the holder establishes, so a claim never creates a duty.
The rulebook's most specific matching rule answers: whether sharing is possible, on which legal basis (article
and source document), under which conditions, and which questions one can ask instead. It is advice, never a
ruling: nothing here blocks anyone.

No Django in this module; the vocabularies below are codes, their labels live in the Django app.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

ORGANISATION_TYPES = ("police", "crisis_service", "care_provider", "meldpunt", "municipality", "ambulance")
ROLES = ("professional", "coordinator", "key_figure", "privacy_officer", "analyst", "admin")
PURPOSES = (
    "acute_safety",  # safety on site, now
    "care_assessment",  # assessing the care need / triage of a melding
    "care_continuity",  # arranging follow-up care
    "visit_safety",  # safety of professionals before a (home) visit
    "criminal_law",  # investigation or prosecution of an offence
    "coordination",  # case coordination in a collaboration
)
CATEGORIES = (
    "identity",  # name, date of birth, contact details
    "care_relation",  # whether someone is a client / in treatment
    "health",  # diagnosis, medication, treatment
    "danger_signals",  # known risks for professionals: weapons, aggression
    "police_antecedents",  # criminal record, suspect or convicted status
    "police_context",  # earlier police contacts, incidents, E33 registrations
    "wvggz_status",  # crisis measure or compulsory care order
    "social_context",  # network, housing, contact persons
)
CIRCUMSTANCES = ("consent", "acute_danger", "legal_duty", "criminal_order", "wgs_case_conference", "none")
VERDICTS = ("share", "share_minimum", "consent_needed", "do_not_share")
WHEN_KEYS = ("requester", "requester_role", "holder", "purpose", "category", "circumstance")
_VOCABULARY: dict[str, tuple[str, ...]] = {
    "requester": ORGANISATION_TYPES,
    "requester_role": ROLES,
    "holder": ORGANISATION_TYPES,
    "purpose": PURPOSES,
    "category": CATEGORIES,
    "circumstance": CIRCUMSTANCES,
}


class RulebookError(ValueError):
    """A rulebook that cannot be used; `path` points at the offending value (e.g. 'rules[3].basis[0].source')."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass(frozen=True)
class Source:
    """A law, decision or guideline; `consulted` is the date the rulebook's authors read this version of it.

    A temporary decision records its validity: `valid_until` (its end, when known) and `review_by` (when the
    rulebook's authors must check it again). Advice relying on a source past either date carries a warning."""

    id: str
    title: str
    consulted: date
    citation: str = ""  # official publication, e.g. 'Stcrt. 2021, 48897'
    url: str = ""
    valid_from: date | None = None
    valid_until: date | None = None
    review_by: date | None = None
    note: str = ""  # e.g. what could not be verified in the published text


@dataclass(frozen=True)
class BasisWarning:
    source: Source
    kind: str  # "expired": past valid_until; "review_due": past review_by
    since: date


@dataclass(frozen=True)
class LegalBasis:
    source: Source
    article: str
    note: str = ""


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    when: Mapping[str, frozenset[str]]  # key absent: any value
    verdict: str
    explanation: str
    basis: tuple[LegalBasis, ...]
    conditions: tuple[str, ...]
    ask_instead: tuple[str, ...]
    duty_to_answer: bool
    reviewed: date
    priority: int = 0  # a rule that must win whatever else matches (e.g. 'analysts get no personal data')

    @property
    def specificity(self) -> int:
        return len(self.when)

    @property
    def rank(self) -> tuple[int, int]:
        return (self.priority, self.specificity)

    def matches(self, question: SharingQuestion) -> bool:
        return all(getattr(question, key) in allowed for key, allowed in self.when.items())


@dataclass(frozen=True)
class Rulebook:
    version: str
    title: str
    published: date
    disclaimer: str
    sources: Mapping[str, Source]
    rules: tuple[Rule, ...]
    default: Rule


@dataclass(frozen=True)
class SharingQuestion:
    requester: str
    requester_role: str
    holder: str
    purpose: str
    category: str
    circumstance: str

    def __post_init__(self) -> None:
        for key in WHEN_KEYS:
            value = getattr(self, key)
            if value not in _VOCABULARY[key]:
                raise ValueError(f"{key}={value!r} is not one of {', '.join(_VOCABULARY[key])}")


@dataclass(frozen=True)
class Advice:
    question: SharingQuestion
    rule: Rule

    @property
    def verdict(self) -> str:
        return self.rule.verdict

    @property
    def sharing_possible(self) -> bool:
        return self.rule.verdict in ("share", "share_minimum")

    def warnings(self, today: date) -> list[BasisWarning]:
        return basis_warnings(self.rule, today)


def basis_warnings(rule: Rule, today: date) -> list[BasisWarning]:
    """A basis whose source has ended or is past its review date: the advice may no longer hold."""
    found: list[BasisWarning] = []
    for source in dict.fromkeys(b.source for b in rule.basis):
        if source.valid_until is not None and source.valid_until < today:
            found.append(BasisWarning(source=source, kind="expired", since=source.valid_until))
        elif source.review_by is not None and source.review_by < today:
            found.append(BasisWarning(source=source, kind="review_due", since=source.review_by))
    return found


def advise(rulebook: Rulebook, question: SharingQuestion) -> Advice:
    """The matching rule with the highest priority, then the most conditions; on a tie the first in the file;
    if none matches, the default."""
    best: Rule | None = None
    for rule in rulebook.rules:
        if rule.matches(question) and (best is None or rule.rank > best.rank):
            best = rule
    return Advice(question=question, rule=best or rulebook.default)


def advise_each(
    rulebook: Rulebook,
    *,
    requester: str,
    requester_role: str,
    holder: str,
    purpose: str,
    categories: Sequence[str],
    circumstance: str,
) -> list[Advice]:
    """Advice per requested data category (one request often asks for several)."""
    return [
        advise(
            rulebook,
            SharingQuestion(
                requester=requester,
                requester_role=requester_role,
                holder=holder,
                purpose=purpose,
                category=category,
                circumstance=circumstance,
            ),
        )
        for category in categories
    ]


# --- building a Rulebook from validated data -------------------------------------------------------------------


def build_rulebook(data: Mapping[str, Any]) -> Rulebook:
    """Turn schema-valid data into a Rulebook, checking what a JSON schema cannot: references and uniqueness."""
    sources: dict[str, Source] = {}
    for source_id, raw in data["sources"].items():
        path = f"sources.{source_id}"
        sources[source_id] = Source(
            id=source_id,
            title=raw["title"],
            consulted=_as_date(raw["consulted"], f"{path}.consulted"),
            citation=raw.get("citation", ""),
            url=raw.get("url", ""),
            valid_from=_optional_date(raw, "valid_from", path),
            valid_until=_optional_date(raw, "valid_until", path),
            review_by=_optional_date(raw, "review_by", path),
            note=raw.get("note", ""),
        )
        source = sources[source_id]
        if source.valid_from and source.valid_until and source.valid_until < source.valid_from:
            raise RulebookError(f"{path}.valid_until", "ends before it starts")
    seen: set[str] = set()
    rules: list[Rule] = []
    for index, raw in enumerate(data["rules"]):
        path = f"rules[{index}]"
        rule = _build_rule(raw, path, sources)
        if rule.id in seen:
            raise RulebookError(f"{path}.id", f"rule id {rule.id!r} is used twice")
        seen.add(rule.id)
        rules.append(rule)
    default = _build_rule(data["default"], "default", sources)
    if default.when:
        raise RulebookError("default.when", "the default rule applies to everything and takes no 'when'")
    return Rulebook(
        version=str(data["version"]),
        title=data["title"],
        published=_as_date(data["published"], "published"),
        disclaimer=data["disclaimer"],
        sources=sources,
        rules=tuple(rules),
        default=default,
    )


def _build_rule(raw: Mapping[str, Any], path: str, sources: Mapping[str, Source]) -> Rule:
    when: dict[str, frozenset[str]] = {}
    for key, values in (raw.get("when") or {}).items():
        if values == "*":
            continue
        allowed = _VOCABULARY[key]
        for value in values:
            if value not in allowed:
                raise RulebookError(f"{path}.when.{key}", f"{value!r} is not one of {', '.join(allowed)}")
        when[key] = frozenset(values)
    basis: list[LegalBasis] = []
    for index, item in enumerate(raw["basis"]):
        source = sources.get(item["source"])
        if source is None:
            raise RulebookError(f"{path}.basis[{index}].source", f"unknown source {item['source']!r}")
        basis.append(LegalBasis(source=source, article=item["article"], note=item.get("note", "")))
    return Rule(
        id=raw["id"],
        title=raw["title"],
        when=when,
        verdict=raw["verdict"],
        explanation=raw["explanation"].strip(),
        basis=tuple(basis),
        conditions=tuple(raw.get("conditions", ())),
        ask_instead=tuple(raw.get("ask_instead", ())),
        duty_to_answer=bool(raw.get("duty_to_answer", False)),
        reviewed=_as_date(raw["reviewed"], f"{path}.reviewed"),
        priority=int(raw.get("priority", 0)),
    )


def _optional_date(raw: Mapping[str, Any], key: str, path: str) -> date | None:
    return _as_date(raw[key], f"{path}.{key}") if raw.get(key) else None


def _as_date(value: Any, path: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise RulebookError(path, f"{value!r} is not a date (YYYY-MM-DD)") from None
