"""The rulebook engine and the shipped rulebook, without a database. The vignette table turns the guidance into
expectations; each row names where the expectation comes from."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from gipz.rulebook.engine import RulebookError, SharingQuestion, advise
from gipz.rulebook.loader import default_rulebook_text, parse_rulebook

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


SIX_CRITERIA = (
    "toestemming",
    "gewetensnood",
    "geen andere weg",
    "ernstige schade",
    "vrijwel zeker",
    "zo weinig mogelijk",
)

VIGNETTES = [
    Vignette(
        "police ask a care holder 'is he known to you?' (identity): neither confirm nor deny",
        q("police", "care_provider", "visit_safety", "identity", "none"),
        "do_not_share",
        "police-asks-care-relation",
        ("art. 7:457 lid 1 BW", "art. 7:464 BW", "art. 88"),
        ("Bevestig of ontken niet", "bij u bekend"),
        asks_instead=True,
        source="WGBO art. 7:457 and 7:464 BW, Wet BIG art. 88 (the treatment relation itself is secret)",
    ),
    Vignette(
        "police ask a GGZ professional whether someone is a client",
        q("police", "care_provider", "acute_safety", "care_relation", "none"),
        "do_not_share",
        "police-asks-care-relation",
        ("art. 7:457 lid 1 BW",),
        ("geen plicht", "Bevestig of ontken niet"),
        asks_instead=True,
        source="WGBO art. 7:457 BW; KNMG-richtlijn Omgaan met medische gegevens (2021)",
    ),
    Vignette(
        "the holder establishes a statutory duty: share what the provision names, and say which",
        q("police", "crisis_service", "care_assessment", "health", "legal_duty"),
        "share_minimum",
        "legal-duty",
        ("art. 6 lid 1 sub c en art. 9 lid 2 sub g",),
        ("Verplicht een wet ú", "niet genoeg", "Noem de wettelijke bepaling"),
        source="AVG art. 6(1)(c); the holder, not the requester, establishes the duty (lawful issue item 1)",
    ),
    Vignette(
        "a vordering in criminal proceedings to a GGZ holder: verschoningsrecht, no duty",
        q("police", "crisis_service", "criminal_law", "health", "criminal_order"),
        "do_not_share",
        "criminal-order-to-secrecy-holder",
        ("art. 218 Sv", "art. 96a lid 3 en art. 126nd lid 2 Sv"),
        ("verplicht u niet", "verschoningsrecht"),
        asks_instead=True,
        source="Sv art. 218, 96a lid 3, 126nd lid 2 (no vordering to verschoningsgerechtigden; no health data)",
    ),
    Vignette(
        "a vordering to the municipality: the written order obliges, health data excluded",
        q("police", "municipality", "criminal_law", "identity", "criminal_order"),
        "share_minimum",
        "criminal-order-other-holder",
        ("art. 126nd Sv",),
        ("schriftelijke vordering", "geen gezondheidsgegevens"),
        source="Sv art. 126nd",
    ),
    Vignette(
        "acute danger to life: care shares the minimum necessary after the six KNMG criteria",
        q("police", "crisis_service", "acute_safety", "health", "acute_danger"),
        "share_minimum",
        "care-acute-danger",
        ("Conflict van plichten (zes voorwaarden)", "art. 6 lid 1 sub d"),
        ("minimaal noodzakelijke", "Informeer de betrokkene, tenzij dat onveilig is", *SIX_CRITERIA),
        source="KNMG-richtlijn Omgaan met medische gegevens (2021), conflict van plichten; AVG art. 6(1)(d)",
    ),
    Vignette(
        "a meldpunt asks police for context during its triage",
        q("meldpunt", "police", "care_assessment", "police_context", "none"),
        "share",
        "meldpunt-triage-police-context",
        ("art. 18 lid 2", "Wpg-machtigingsbesluit meldpunten niet-acute zorg"),
        ("triage",),
        source="Wpg art. 18(2); Stcrt. 2021, 48897",
    ),
    Vignette(
        "the municipality asks police for context: the same answer as its meldpunt",
        q("municipality", "police", "care_assessment", "police_context", "none"),
        "share",
        "meldpunt-triage-police-context",
        ("art. 18 lid 2", "art. 2.1.1"),
        ("burgemeester", "college"),
        source="Wpg-machtigingsbesluit meldpunten niet-acute zorg (Stcrt. 2021, 48897): burgemeester and college",
    ),
    Vignette(
        "care asks police for antecedents before a home visit: the risk, not the record",
        q("crisis_service", "police", "visit_safety", "police_antecedents", "none"),
        "share_minimum",
        "care-asks-antecedents-before-visit",
        ("art. 19", "art. 7"),
        ("Wel: of er een veiligheidsrisico is", "Niet: welke delicten", "korpschef"),
        asks_instead=True,
        source="Wpg art. 19 (incidentele verstrekking, zwaarwegend algemeen belang)",
    ),
    Vignette(
        "police ask care for data for a criminal investigation",
        q("police", "care_provider", "criminal_law", "health", "none"),
        "do_not_share",
        "police-asks-care-for-criminal-law",
        ("art. 218 Sv", "art. 88"),
        ("officier van justitie",),
        source="WGBO art. 7:457 BW; Wet BIG art. 88; Sv art. 218 (verschoningsrecht)",
    ),
    Vignette(
        "police ask a care holder whether a Wvggz measure applies: share minimally",
        q("police", "crisis_service", "acute_safety", "wvggz_status", "none"),
        "share_minimum",
        "wvggz-status-to-police-and-mayor",
        ("art. 7:1",),
        ("crisismaatregel", "zorgmachtiging", "wat de politie", "Niet: diagnose"),
        source="Wvggz art. 7:1 and chapter 8 (tasks of mayor and police)",
    ),
    Vignette(
        "the mayor asks whether a Wvggz measure applies",
        q("municipality", "care_provider", "coordination", "wvggz_status", "none"),
        "share_minimum",
        "wvggz-status-to-police-and-mayor",
        ("art. 7:1",),
        source="Wvggz art. 7:1 (the mayor takes the crisismaatregel)",
    ),
    Vignette(
        "consent given: care shares what the consent covers",
        q("police", "care_provider", "care_continuity", "health", "consent"),
        "share",
        "care-shares-with-consent",
        ("art. 6 lid 1 sub a en art. 9 lid 2 sub a", "art. 7:465 BW"),
        ("wie toestemming gaf", "vertegenwoordiger"),
        source="AVG art. 6(1)(a), 9(2)(a); BW 7:465 (representative)",
    ),
    Vignette(
        "police-held data and the patient's consent: not on consent; the routes that work",
        q("crisis_service", "police", "care_assessment", "police_antecedents", "consent"),
        "do_not_share",
        "police-data-consent-is-no-basis",
        ("overweging 35", "art. 25"),
        ("Openbaar Ministerie", "inzage"),
        asks_instead=True,
        source="Richtlijn (EU) 2016/680 overweging 35; Wpg art. 25 (own access); OM for processtukken",
    ),
    Vignette(
        "police-held data without a specific basis: not without the Wpg, never 'consent needed'",
        q("care_provider", "police", "care_continuity", "social_context", "none"),
        "do_not_share",
        "police-data-need-a-wpg-basis",
        ("art. 7", "art. 16–20"),
        ("korpschef", "bevoegd gezag", "geen grondslag"),
        asks_instead=True,
        source="Wpg art. 7, 16–20; Besluit politiegegevens",
    ),
    Vignette(
        "a WGS case conference: the partnership's purpose, proportionality",
        q("police", "municipality", "coordination", "social_context", "wgs_case_conference"),
        "share_minimum",
        "wgs-case-conference",
        ("hoofdstuk 2 (aangewezen samenwerkingsverbanden)",),
        ("Zorg- en Veiligheidshuis", "noodzakelijk en evenredig", "beroepsgeheim blijft gelden"),
        source="WGS (Stb. 2024, 198) chapter 2; its Besluit (Stb. 2024, 380)",
    ),
    Vignette(
        "a WGS case conference does not lift medical secrecy",
        q("municipality", "crisis_service", "coordination", "health", "wgs_case_conference"),
        "consent_needed",
        "wgs-case-conference-medical-secrecy",
        ("art. 7:457 lid 1 BW", "art. 88"),
        ("heft het beroepsgeheim", "zes voorwaarden"),
        asks_instead=True,
        source="WGBO art. 7:457 BW; Wet BIG art. 88; WGS leaves professional secrecy intact",
    ),
    Vignette(
        "a nurse warns the police on her own initiative: the six criteria, no care content",
        q("police", "crisis_service", "acute_safety", "danger_signals", "none"),
        "share_minimum",
        "danger-warning-care-to-police",
        ("Conflict van plichten (zes voorwaarden)", "art. 88"),
        ("zes voorwaarden", "Geen diagnose"),
        asks_instead=True,
        source="KNMG-richtlijn Omgaan met medische gegevens (2021), conflict van plichten",
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
    text = " ".join([advice.rule.explanation, *advice.rule.conditions, *advice.rule.ask_instead])
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
    wgs = RULEBOOK.sources["wgs"]
    assert (wgs.citation, str(wgs.valid_from)) == ("Stb. 2024, 198", "2025-03-01")
    assert RULEBOOK.sources["bgs"].citation == "Stb. 2024, 380"
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
        "rules[3].id",
    ),
    (default_rulebook_text().replace('reviewed: "2026-12-01"', 'reviewed: "2026-13-45"', 1), "rules[0].reviewed"),
    (default_rulebook_text().replace("requester: [police]", "requester: [bakery]", 1), "rules[0].when.requester"),
    ("version: '1'\n", "(top)"),
]


@pytest.mark.parametrize(("text", "path"), BROKEN)
def test_a_broken_rulebook_is_refused_with_its_location(text: str, path: str) -> None:
    with pytest.raises(RulebookError) as caught:
        parse_rulebook(text)
    assert caught.value.path == path


def test_a_claimed_duty_is_not_a_circumstance_the_holder_has_to_accept() -> None:
    """The same question in the holder's own circumstance 'none' gives no duty; only what the holder establishes
    (a statutory duty) does, and a vordering never obliges a holder with professional secrecy."""
    for holder in ("crisis_service", "care_provider", "ambulance"):
        for category in ("health", "care_relation", "identity"):
            none = advise(RULEBOOK, q("police", holder, "criminal_law", category, "none"))
            order = advise(RULEBOOK, q("police", holder, "criminal_law", category, "criminal_order"))
            assert not none.rule.duty_to_answer and not order.rule.duty_to_answer
            assert order.verdict == "do_not_share"


def test_every_rule_on_wpg_article_19_says_who_decides() -> None:
    for rule in RULEBOOK.rules:
        if any(b.source.id == "wpg" and b.article == "art. 19" for b in rule.basis):
            text = " ".join([rule.explanation, *(b.note for b in rule.basis)])
            assert "korpschef" in text and "bevoegd gezag" in text, rule.id


def test_police_data_are_never_advised_as_consent_needed() -> None:
    import itertools

    from gipz.rulebook.engine import CATEGORIES, CIRCUMSTANCES, ORGANISATION_TYPES, PURPOSES

    for requester, purpose, category, circumstance in itertools.product(
        ORGANISATION_TYPES, PURPOSES, CATEGORIES, CIRCUMSTANCES
    ):
        advice = advise(RULEBOOK, q(requester, "police", purpose, category, circumstance))
        assert advice.verdict != "consent_needed", (requester, purpose, category, circumstance, advice.rule.id)


def test_a_temporary_basis_warns_after_its_review_or_end_date() -> None:
    from datetime import date

    meldpunt = advise(RULEBOOK, q("meldpunt", "police", "care_assessment", "police_context", "none"))
    source = RULEBOOK.sources["wpg-meldpunten"]
    assert source.review_by is not None and source.valid_from == date(2021, 12, 11)
    assert meldpunt.warnings(source.review_by) == []
    later = meldpunt.warnings(date.fromordinal(source.review_by.toordinal() + 1))
    assert [(w.source.id, w.kind) for w in later] == [("wpg-meldpunten", "review_due")]
    ended = parse_rulebook(
        default_rulebook_text().replace(
            'valid_from: "2021-12-11"', 'valid_from: "2021-12-11"\n    valid_until: "2024-01-01"', 1
        )
    )
    ended_advice = advise(ended, meldpunt.question)
    assert [(w.kind, str(w.since)) for w in ended_advice.warnings(date(2026, 1, 1))] == [("expired", "2024-01-01")]


def test_a_source_that_ends_before_it_starts_is_refused() -> None:
    text = default_rulebook_text().replace(
        'valid_from: "2021-12-11"', 'valid_from: "2021-12-11"\n    valid_until: "2020-01-01"', 1
    )
    with pytest.raises(RulebookError) as refused:
        parse_rulebook(text)
    assert refused.value.path == "sources.wpg-meldpunten.valid_until"
