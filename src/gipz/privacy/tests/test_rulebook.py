"""The rulebook engine and the shipped rulebook, without a database. The vignette table turns the guidance into
expectations; each row names where the expectation comes from."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from gipz.privacy.rulebook.engine import RulebookError, SharingQuestion, advise
from gipz.privacy.rulebook.loader import default_rulebook_text, parse_rulebook

RULEBOOK = parse_rulebook(default_rulebook_text())


@dataclass(frozen=True)
class Vignette:
    name: str
    question: SharingQuestion
    verdict: str
    rule: str
    cites: tuple[str, ...]  # articles that must be named
    must_say: tuple[str, ...] = ()  # phrases in explanation/conditions
    asks_instead: bool = False
    source: str = ""


def q(
    requester: str, holder: str, purpose: str, category: str, circumstance: str, role: str = "professional"
) -> SharingQuestion:
    return SharingQuestion(requester, role, holder, purpose, category, circumstance)


VIGNETTES = [
    Vignette(
        "police ask a care holder 'is he known to you?' (identity): neither confirm nor deny",
        q("police", "care_provider", "visit_safety", "identity", "none"),
        "do_not_share",
        "police-asks-care-relation",
        ("art. 7:457 lid 1 BW",),
        ("Bevestig of ontken niet", "bij u bekend"),
        asks_instead=True,
        source="WGBO art. 7:457 BW (the treatment relation itself is secret); lawful issue item 5",
    ),
    Vignette(
        "police ask a GGZ professional whether someone is a client",
        q("police", "care_provider", "acute_safety", "care_relation", "none"),
        "do_not_share",
        "police-asks-care-relation",
        ("art. 7:457 lid 1 BW",),
        ("geen plicht", "Bevestig of ontken niet"),
        asks_instead=True,
        source="WGBO art. 7:457 BW; KNMG-richtlijn Omgaan met medische gegevens",
    ),
    Vignette(
        "acute danger to life: care shares the minimum necessary",
        q("police", "crisis_service", "acute_safety", "health", "acute_danger"),
        "share_minimum",
        "care-acute-danger",
        ("Conflict van plichten (vijf vragen)", "art. 9 lid 2 sub c en art. 6 lid 1 sub d"),
        ("minimaal noodzakelijke", "Informeer de betrokkene, tenzij dat onveilig is", "afweging vast"),
        source="KNMG conflict van plichten; AVG art. 9(2)(c)",
    ),
    Vignette(
        "a meldpunt asks police for context during its triage",
        q("meldpunt", "police", "care_assessment", "police_context", "none"),
        "share",
        "meldpunt-triage-police-context",
        ("art. 18 lid 2",),
        ("triage",),
        source="Wpg art. 18(2); Stcrt. 2021, 48897",
    ),
    Vignette(
        "care asks police for antecedents before a home visit: the risk, not the record",
        q("crisis_service", "police", "visit_safety", "police_antecedents", "none"),
        "share_minimum",
        "care-asks-antecedents-before-visit",
        ("art. 19", "art. 7"),
        ("Wel: of er een veiligheidsrisico is", "Niet: welke delicten"),
        asks_instead=True,
        source="Wpg art. 19 (incidentele verstrekking, zwaarwegend algemeen belang)",
    ),
    Vignette(
        "police ask care for data for a criminal investigation",
        q("police", "care_provider", "criminal_law", "health", "none"),
        "do_not_share",
        "police-asks-care-for-criminal-law",
        ("art. 218 Sv",),
        ("officier van justitie",),
        source="WGBO art. 7:457 BW; Sv art. 218 (verschoningsrecht)",
    ),
    Vignette(
        "consent given: care shares what the consent covers",
        q("police", "care_provider", "care_continuity", "health", "consent"),
        "share",
        "care-shares-with-consent",
        ("art. 6 lid 1 sub a en art. 9 lid 2 sub a",),
        ("wie toestemming gaf",),
        source="AVG art. 6(1)(a), 9(2)(a)",
    ),
    Vignette(
        "police data: consent of the person is no basis",
        q("crisis_service", "police", "care_assessment", "police_antecedents", "consent"),
        "share_minimum",
        "police-data-consent-is-no-basis",
        ("overweging 35",),
        source="Richtlijn (EU) 2016/680 overweging 35",
    ),
    Vignette(
        "an analyst never receives personal data",
        q("municipality", "police", "coordination", "identity", "none", role="analyst"),
        "do_not_share",
        "analyst-no-personal-data",
        ("art. 5 lid 1 sub c en art. 89",),
        source="AVG art. 5(1)(c), 89",
    ),
    Vignette(
        "no specific rule: consent or the privacy officer",
        q("municipality", "ambulance", "care_continuity", "social_context", "none"),
        "consent_needed",
        "no-specific-rule",
        ("art. 6 en art. 9",),
        ("privacyfunctionaris",),
        source="AVG art. 6, 9",
    ),
]


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[v.name for v in VIGNETTES])
def test_vignette(vignette: Vignette) -> None:
    advice = advise(RULEBOOK, vignette.question)
    assert advice.rule.id == vignette.rule, vignette.source
    assert advice.verdict == vignette.verdict
    articles = [b.article for b in advice.rule.basis]
    for article in vignette.cites:
        assert article in articles, f"{vignette.name}: {article} not cited ({articles})"
    text = " ".join([advice.rule.explanation, *advice.rule.conditions])
    for phrase in vignette.must_say:
        assert phrase in text, f"{vignette.name}: expected '{phrase}'"
    assert bool(advice.rule.ask_instead) == vignette.asks_instead or not vignette.asks_instead
    assert vignette.source  # every vignette says where its expectation comes from


def test_every_rule_names_its_sources_with_a_date() -> None:
    for rule in (*RULEBOOK.rules, RULEBOOK.default):
        assert rule.basis, rule.id
        assert rule.reviewed.year >= 2025
        for basis in rule.basis:
            assert basis.source.title and basis.source.consulted and basis.article
    assert "Stcrt. 2021, 48897" in {s.citation for s in RULEBOOK.sources.values()}
    assert any("1 maart 2025" in s.title for s in RULEBOOK.sources.values())  # Wgs
    assert "geen juridisch oordeel" in RULEBOOK.disclaimer and "112" in RULEBOOK.disclaimer


TINY = """
version: "t"
title: "t"
published: "2026-01-01"
disclaimer: "advies"
sources: {avg: {title: "AVG", consulted: "2026-01-01"}}
rules:
  - {id: broad, title: b, when: {holder: [police]}, verdict: do_not_share, explanation: x,
     basis: [{source: avg, article: "6"}], reviewed: "2026-01-01"}
  - {id: narrow, title: n, when: {holder: [police], category: [identity]}, verdict: share, explanation: x,
     basis: [{source: avg, article: "6"}], reviewed: "2026-01-01"}
  - {id: narrow-later, title: n2, when: {holder: [police], purpose: [coordination]}, verdict: share_minimum,
     explanation: x, basis: [{source: avg, article: "6"}], reviewed: "2026-01-01"}
  - {id: wildcard, title: w, when: {holder: "*", category: [health], purpose: [acute_safety]},
     verdict: share_minimum, explanation: x,
     basis: [{source: avg, article: "6"}], reviewed: "2026-01-01"}
default: {id: d, title: d, verdict: consent_needed, explanation: x, basis: [{source: avg, article: "6"}],
          reviewed: "2026-01-01"}
"""


def test_most_specific_rule_wins_and_ties_go_to_the_first() -> None:
    tiny = parse_rulebook(TINY)
    assert advise(tiny, q("crisis_service", "police", "acute_safety", "health", "none")).rule.id == "wildcard"
    assert advise(tiny, q("crisis_service", "police", "acute_safety", "identity", "none")).rule.id == "narrow"
    assert advise(tiny, q("crisis_service", "police", "acute_safety", "social_context", "none")).rule.id == "broad"
    # 'narrow' and 'narrow-later' both have two conditions: the first in the file wins.
    assert advise(tiny, q("crisis_service", "police", "coordination", "identity", "none")).rule.id == "narrow"
    assert advise(tiny, q("police", "care_provider", "acute_safety", "identity", "none")).rule.id == "d"


def test_acute_danger_is_never_answered_by_the_criminal_law_rule() -> None:
    advice = advise(RULEBOOK, q("police", "care_provider", "criminal_law", "health", "acute_danger"))
    assert advice.rule.id == "care-acute-danger"


def test_unknown_codes_are_refused() -> None:
    with pytest.raises(ValueError, match="holder"):
        q("police", "bakery", "acute_safety", "health", "none")


BROKEN = [
    ("version: [unclosed", "line 1"),
    (default_rulebook_text().replace("verdict: do_not_share", "verdict: maybe", 1), "rules[0].verdict"),
    (default_rulebook_text().replace("source: wgbo", "source: nowhere", 1), "rules[0].basis[0].source"),
    (
        default_rulebook_text().replace("id: police-asks-care-relation", "id: police-asks-care-for-criminal-law"),
        "rules[1].id",
    ),
    (default_rulebook_text().replace('reviewed: "2026-11-23"', 'reviewed: "2026-13-45"', 1), "rules[0].reviewed"),
    (default_rulebook_text().replace("requester: [police]", "requester: [bakery]", 1), "rules[0].when.requester"),
    ("version: '1'\n", "(top)"),
]


@pytest.mark.parametrize(("text", "path"), BROKEN)
def test_a_broken_rulebook_is_refused_with_its_location(text: str, path: str) -> None:
    with pytest.raises(RulebookError) as caught:
        parse_rulebook(text)
    assert caught.value.path == path
