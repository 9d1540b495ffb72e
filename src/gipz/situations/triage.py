"""Triage: from the officer's answers to an urgency, a target time and advice with reasons.

Pure Python over plain data (no Django models), so the rules can be read, tested and changed on their own.
Reasons are message codes; the UI translates them (see situations/texts.py). The advice never blocks the
officer: a criminal offence or U1 changes what is advised, the officer still decides; the crisis service's
triagist then owns the urgency (situation_retriage).

Reviewed against the Generieke module Acute psychiatrie (Netwerk Kwaliteitsontwikkeling GGz, March 2017), which
holds the GGz-triagewijzer, and its evaluation (Trimbos-instituut, 2018): the urgency follows danger and the person's
psychiatric state. Two consequences here, each with a test:
- homelessness is a social factor, not a care signal: on its own it routes to the meldpunt and social support, not
  to the crisis service;
- intoxication alone does not raise the urgency: an intoxicated person needs a somatic check first and can be
  assessed psychiatrically once sober (the advice says so); danger still decides.
The triagewijzer's own tables were not available to the authors; the thresholds below are GIPZ's reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Urgency(StrEnum):
    U1 = "U1"  # life-threatening: 112 / ambulance, not the crisis service
    U2 = "U2"  # crisis service on site within 1 hour
    U3 = "U3"  # within 4 hours
    U4 = "U4"  # within 24 hours
    U5 = "U5"  # not urgent: local meldpunt (zorg en overlast)


class Offence(StrEnum):
    YES = "yes"
    NO = "no"
    UNCLEAR = "unclear"


class Route(StrEnum):
    EMERGENCY_112 = "emergency_112"
    CRISIS_SERVICE = "crisis_service"
    MELDPUNT = "meldpunt"


CARE_INDICATORS = (
    "psychiatric",
    "addiction",
    "dementia",
    "intellectual_disability",
)
SOCIAL_FACTORS = ("homelessness",)
# What the officer can tick: care signals and social factors, stored together (Situation.care_indicators).
SIGNALS = CARE_INDICATORS + SOCIAL_FACTORS


@dataclass(frozen=True)
class TriageAnswers:
    offence: Offence
    danger_to_self: bool = False
    danger_to_others: bool = False
    weapon: bool = False
    medical_emergency: bool = False
    intoxication: bool = False
    minors_present: bool = False
    care_indicators: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        unknown = set(self.care_indicators) - set(SIGNALS)
        if unknown:
            raise ValueError(f"unknown care indicators: {sorted(unknown)}")


@dataclass(frozen=True)
class UrgencyTargets:
    """Minutes until the crisis service should be on site, per urgency that routes to it."""

    minutes: dict[Urgency, int] = field(default_factory=lambda: {Urgency.U2: 60, Urgency.U3: 240, Urgency.U4: 1440})

    def __post_init__(self) -> None:
        for urgency in (Urgency.U2, Urgency.U3, Urgency.U4):
            value = self.minutes.get(urgency)
            if value is None or value <= 0:
                raise ValueError(f"target for {urgency} must be a positive number of minutes")
        if not self.minutes[Urgency.U2] <= self.minutes[Urgency.U3] <= self.minutes[Urgency.U4]:
            raise ValueError("targets must not shrink as urgency drops (U2 ≤ U3 ≤ U4)")


def urgency_targets(*, u2_minutes: int, u3_minutes: int, u4_minutes: int) -> UrgencyTargets:
    """The targets of a werkafspraak (agreements/terms.py) in the shape triage reads."""
    return UrgencyTargets(minutes={Urgency.U2: u2_minutes, Urgency.U3: u3_minutes, Urgency.U4: u4_minutes})


@dataclass(frozen=True)
class TriageResult:
    urgency: Urgency
    target_minutes: int | None  # None for U1 (112) and U5 (meldpunt): no crisis-service target
    route: Route
    reasons: tuple[str, ...]  # message codes, most decisive first
    advice: tuple[str, ...]  # message codes for what the officer is advised to do


def triage(answers: TriageAnswers, targets: UrgencyTargets | None = None) -> TriageResult:
    targets = targets or UrgencyTargets()
    reasons: list[str] = []
    danger = answers.danger_to_self or answers.danger_to_others
    has_care_need = bool(answers.care_indicators & set(CARE_INDICATORS))
    homeless = "homelessness" in answers.care_indicators

    if answers.medical_emergency:
        urgency = Urgency.U1
        reasons.append("medical_emergency")
    elif danger and answers.weapon:
        urgency = Urgency.U1
        reasons.append("danger_with_weapon")
    elif danger:
        urgency = Urgency.U2
        reasons.append("danger_to_self" if answers.danger_to_self else "danger_to_others")
    elif answers.weapon:
        urgency = Urgency.U2
        reasons.append("weapon")
    elif has_care_need and answers.minors_present:
        urgency = Urgency.U2
        reasons.append("minors_present")
    elif has_care_need:
        urgency = Urgency.U3
        reasons.append("care_need")
    elif answers.minors_present:
        urgency = Urgency.U4
        reasons.append("vulnerable_without_care_need")
    else:
        urgency = Urgency.U5
        reasons.append("no_care_indicators")

    # Secondary reasons the officer should see even if they did not decide the level.
    for flag, code in (
        (answers.minors_present, "minors_present"),
        (answers.intoxication, "intoxication"),
        (homeless, "homelessness_social_factor"),
        (answers.weapon, "weapon"),
    ):
        if flag and code not in reasons:
            reasons.append(code)

    if urgency is Urgency.U1:
        route = Route.EMERGENCY_112
    elif urgency is Urgency.U5:
        route = Route.MELDPUNT
    else:
        route = Route.CRISIS_SERVICE

    advice: list[str] = []
    if route is Route.EMERGENCY_112:
        advice.append("call_112")
    elif route is Route.MELDPUNT:
        advice.append("refer_meldpunt")
        # Not urgent is not 'no care': regular care is as much a route as the meldpunt.
        advice.append("refer_regular_care")
    else:
        advice.append("request_crisis_service")
    if answers.offence is Offence.YES:
        advice.append("offence_police_lead")
        reasons.append("offence_yes")
    elif answers.offence is Offence.UNCLEAR:
        advice.append("offence_unclear")
        reasons.append("offence_unclear")
    if answers.intoxication and urgency is not Urgency.U1:
        advice.append("somatic_check_first")
    if homeless:
        advice.append("refer_social_support")
    if answers.minors_present:
        advice.append("inform_youth_services")

    return TriageResult(
        urgency=urgency,
        target_minutes=targets.minutes.get(urgency),
        route=route,
        reasons=tuple(reasons),
        advice=tuple(advice),
    )
