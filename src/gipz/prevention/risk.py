"""The structured risk weighing of a preventive request: pure Python, testable without a database.

It advises the police; it does not decide. Points add up from what care knows (history of violence, weapons, known
to police, the kind of event) and go down for what care itself will do (own security, extra staff). A known weapon
is always high risk, whatever the measures.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


@dataclass(frozen=True)
class RiskInput:
    violence_history: str  # "yes" | "no" | "unknown"
    weapons: str
    known_to_police: str
    event_kind: str  # "eviction" | "out_of_home_placement" | "compulsory_transport" | "other"
    own_security: bool
    extra_staff: bool


@dataclass(frozen=True)
class RiskAssessment:
    level: Level
    points: int
    reasons: tuple[str, ...]


_POINTS = {
    ("violence_history", "yes"): 3,
    ("violence_history", "unknown"): 1,
    ("weapons", "yes"): 4,
    ("weapons", "unknown"): 1,
    ("known_to_police", "yes"): 1,
}
_EVENT_POINTS = {"eviction": 1, "out_of_home_placement": 1, "compulsory_transport": 1}
HIGH_FROM = 5
MEDIUM_FROM = 2


def assess(risk: RiskInput) -> RiskAssessment:
    points = 0
    reasons: list[str] = []
    for field in ("violence_history", "weapons", "known_to_police"):
        value = getattr(risk, field)
        gained = _POINTS.get((field, value), 0)
        if gained:
            points += gained
            reasons.append(f"{field}_{value}")
    if event_points := _EVENT_POINTS.get(risk.event_kind, 0):
        points += event_points
        reasons.append(f"event_{risk.event_kind}")
    if risk.own_security:
        points -= 1
        reasons.append("own_security")
    if risk.extra_staff:
        points -= 1
        reasons.append("extra_staff")
    points = max(points, 0)
    if risk.weapons == "yes" or points >= HIGH_FROM:
        level = Level.HIGH
    elif points >= MEDIUM_FROM:
        level = Level.MEDIUM
    else:
        level = Level.LOW
    return RiskAssessment(level=level, points=points, reasons=tuple(reasons))
