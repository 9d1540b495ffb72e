"""Triage rules as a table of hand-derived expectations (pure: no database)."""

from __future__ import annotations

import pytest

from gipz.situations.texts import TRIAGE_ADVICE, TRIAGE_REASONS
from gipz.situations.triage import (
    CARE_INDICATORS,
    SOCIAL_FACTORS,
    Offence,
    Route,
    TriageAnswers,
    Urgency,
    UrgencyTargets,
    triage,
)

NO = Offence.NO


def answers(**kwargs: object) -> TriageAnswers:
    kwargs.setdefault("offence", NO)
    kwargs["care_indicators"] = frozenset(kwargs.get("care_indicators", ()))  # type: ignore[arg-type]
    return TriageAnswers(**kwargs)  # type: ignore[arg-type]


CASES = [
    # (answers, urgency, route, first reason)
    (
        answers(medical_emergency=True, care_indicators={"psychiatric"}),
        Urgency.U1,
        Route.EMERGENCY_112,
        "medical_emergency",
    ),
    (answers(danger_to_others=True, weapon=True), Urgency.U1, Route.EMERGENCY_112, "danger_with_weapon"),
    (answers(danger_to_self=True, care_indicators={"psychiatric"}), Urgency.U2, Route.CRISIS_SERVICE, "danger_to_self"),
    (answers(danger_to_others=True), Urgency.U2, Route.CRISIS_SERVICE, "danger_to_others"),
    (answers(weapon=True), Urgency.U2, Route.CRISIS_SERVICE, "weapon"),
    (answers(care_indicators={"dementia"}, minors_present=True), Urgency.U2, Route.CRISIS_SERVICE, "minors_present"),
    # Intoxication alone does not make it urgent (Generieke module Acute psychiatrie: somatic check first).
    (answers(care_indicators={"addiction"}, intoxication=True), Urgency.U3, Route.CRISIS_SERVICE, "care_need"),
    (answers(care_indicators={"psychiatric"}), Urgency.U3, Route.CRISIS_SERVICE, "care_need"),
    (
        answers(care_indicators={"intellectual_disability", "homelessness"}),
        Urgency.U3,
        Route.CRISIS_SERVICE,
        "care_need",
    ),
    # Homelessness is a social factor, not a care signal.
    (answers(care_indicators={"homelessness"}), Urgency.U5, Route.MELDPUNT, "no_care_indicators"),
    (answers(intoxication=True), Urgency.U5, Route.MELDPUNT, "no_care_indicators"),
    (answers(minors_present=True), Urgency.U4, Route.CRISIS_SERVICE, "vulnerable_without_care_need"),
    (answers(), Urgency.U5, Route.MELDPUNT, "no_care_indicators"),
]


@pytest.mark.parametrize(("given", "urgency", "route", "reason"), CASES)
def test_triage_table(given: TriageAnswers, urgency: Urgency, route: Route, reason: str) -> None:
    result = triage(given)
    assert result.urgency is urgency
    assert result.route is route
    assert result.reasons[0] == reason


def test_default_targets_follow_the_field_norms() -> None:
    assert triage(answers(danger_to_self=True)).target_minutes == 60
    assert triage(answers(care_indicators={"psychiatric"})).target_minutes == 240
    assert triage(answers(minors_present=True)).target_minutes == 1440
    assert triage(answers(medical_emergency=True)).target_minutes is None
    assert triage(answers()).target_minutes is None


def test_offence_changes_the_advice_but_not_the_route() -> None:
    base = triage(answers(care_indicators={"psychiatric"}))
    with_offence = triage(answers(offence=Offence.YES, care_indicators={"psychiatric"}))
    unclear = triage(answers(offence=Offence.UNCLEAR, care_indicators={"psychiatric"}))
    assert with_offence.route is base.route is Route.CRISIS_SERVICE
    assert with_offence.urgency is base.urgency
    assert "offence_police_lead" in with_offence.advice and "offence_police_lead" not in base.advice
    assert "offence_unclear" in unclear.advice


def test_u1_advises_112_first() -> None:
    result = triage(answers(medical_emergency=True))
    assert result.advice[0] == "call_112"


def test_minors_advise_youth_services() -> None:
    assert "inform_youth_services" in triage(answers(care_indicators={"dementia"}, minors_present=True)).advice


def test_secondary_reasons_are_listed() -> None:
    result = triage(answers(danger_to_self=True, intoxication=True, minors_present=True))
    assert result.reasons[0] == "danger_to_self"
    assert {"intoxication", "minors_present"} <= set(result.reasons)


def test_targets_are_configurable_per_region() -> None:
    targets = UrgencyTargets(minutes={Urgency.U2: 30, Urgency.U3: 120, Urgency.U4: 720})
    assert triage(answers(danger_to_self=True), targets).target_minutes == 30
    assert triage(answers(care_indicators={"psychiatric"}), targets).target_minutes == 120


@pytest.mark.parametrize(
    "minutes",
    [
        {Urgency.U2: 0, Urgency.U3: 240, Urgency.U4: 1440},
        {Urgency.U2: 60, Urgency.U3: 30, Urgency.U4: 1440},
        {Urgency.U2: 60, Urgency.U3: 240},
    ],
)
def test_bad_targets_are_rejected(minutes: dict[Urgency, int]) -> None:
    with pytest.raises(ValueError, match="target"):
        UrgencyTargets(minutes=minutes)


def test_unknown_care_indicator_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown care indicators"):
        TriageAnswers(offence=NO, care_indicators=frozenset({"werewolf"}))


def test_every_code_has_a_text() -> None:
    reasons, advice = set(), set()
    for given, *_ in CASES:
        for offence in Offence:
            result = triage(TriageAnswers(**{**given.__dict__, "offence": offence}))
            reasons |= set(result.reasons)
            advice |= set(result.advice)
    assert reasons <= set(TRIAGE_REASONS)
    assert advice <= set(TRIAGE_ADVICE)
    assert set(CARE_INDICATORS) == {"psychiatric", "addiction", "dementia", "intellectual_disability"}
    assert SOCIAL_FACTORS == ("homelessness",)


def test_not_urgent_also_routes_to_regular_care() -> None:
    result = triage(answers())
    assert result.urgency is Urgency.U5
    assert result.advice[:2] == ("refer_meldpunt", "refer_regular_care")


def test_homelessness_is_a_social_factor_with_its_own_advice() -> None:
    """Source: Generieke module Acute psychiatrie (2017): urgency follows danger and the psychiatric state."""
    alone = triage(answers(care_indicators={"homelessness"}))
    assert alone.urgency is Urgency.U5 and "refer_social_support" in alone.advice
    assert "homelessness_social_factor" in alone.reasons
    with_care = triage(answers(care_indicators={"psychiatric", "homelessness"}))
    assert with_care.urgency is Urgency.U3 and "refer_social_support" in with_care.advice


def test_intoxication_alone_never_makes_it_urgent_and_advises_a_somatic_check() -> None:
    for indicators in ((), ("addiction",), ("psychiatric",)):
        result = triage(answers(intoxication=True, care_indicators=set(indicators)))
        assert result.urgency not in (Urgency.U1, Urgency.U2)
        assert "somatic_check_first" in result.advice
    # Danger still decides.
    assert triage(answers(intoxication=True, danger_to_others=True)).urgency is Urgency.U2
