"""Search for the smallest staffing (teams per shift and base) that meets the scenario's targets.

Greedy with common random numbers: every candidate is simulated with the scenario's seed, so differences between
candidates come from the staffing and not from luck. From one team per shift and base, add the team that closes
the most shortfall per team-hour until all targets are met; then take teams away again, biggest first, as long as
the targets still hold. Greedy search is not guaranteed to find the global minimum in every roster, but it is exact
for a single pool (one base, one shift), which the tests check against Erlang C.

One seed is luck: the roster found is then simulated with seeds 1–20 and the result states in how many of those
years every target held (the decision-grade answer is "met in at least 80 % of simulated years") and the spread of
the first target's share.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from .region import RegionResult, simulate_region
from .scenario import Scenario, ScenarioError

Staffing = dict[tuple[str, str], int]  # (shift name, base name) → teams


CONFIDENCE_SEEDS = 20  # simulated years per roster when its confidence is stated
CONFIDENCE_LEVEL = 0.8  # "the targets are met in at least 80 % of simulated years"


@dataclass
class Confidence:
    """How often a roster meets every target in years simulated with other seeds (other luck), and the spread of
    the first target's share across those years."""

    met: int
    years: int
    share_min: float | None
    share_median: float | None
    share_max: float | None

    @property
    def share_met(self) -> float:
        return self.met / self.years

    def to_dict(self) -> dict[str, Any]:
        return {
            "met": self.met,
            "years": self.years,
            "share_met": self.share_met,
            "level": CONFIDENCE_LEVEL,
            "enough": self.share_met >= CONFIDENCE_LEVEL,
            "share_min": self.share_min,
            "share_median": self.share_median,
            "share_max": self.share_max,
        }


def roster_confidence(scenario: Scenario, *, years: int = CONFIDENCE_SEEDS) -> Confidence:
    """Simulate the roster with seeds 1..years (the search itself uses one seed, for common random numbers)."""
    met, shares = 0, []
    for seed in range(1, years + 1):
        result = simulate_region(replace(scenario, seed=seed))
        met += result.meets_targets
        if result.targets and result.targets[0]["share"] is not None:
            shares.append(result.targets[0]["share"])
    shares.sort()
    return Confidence(
        met=met,
        years=years,
        share_min=shares[0] if shares else None,
        share_median=shares[len(shares) // 2] if shares else None,
        share_max=shares[-1] if shares else None,
    )


@dataclass
class SearchResult:
    feasible: bool
    staffing: Staffing
    result: RegionResult
    fte: float
    team_hours_per_week: float
    evaluations: int
    steps: list[dict[str, Any]] = field(default_factory=list)  # the path the search took, for the report
    confidence: Confidence | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "feasible": self.feasible,
            "staffing": [{"shift": s, "base": b, "teams": n} for (s, b), n in sorted(self.staffing.items())],
            "fte": self.fte,
            "team_hours_per_week": self.team_hours_per_week,
            "evaluations": self.evaluations,
            "steps": self.steps,
            "confidence": self.confidence.to_dict() if self.confidence else None,
            "result": self.result.to_dict(),
        }


def shortfall(result: RegionResult) -> float:
    """How far the targets are missed, summed (0 when all are met); unserved calls count as a full miss."""
    total = 0.0
    for target in result.targets:
        share = target["share"] if target["share"] is not None else 0.0
        total += max(0.0, target["min_share"] - share)
        if not target["met"] and share >= target["min_share"]:
            total += 1.0  # met on paper, but some calls were never served
    return total


def search_staffing(
    scenario: Scenario,
    *,
    max_teams: int = 30,
    confidence_years: int = CONFIDENCE_SEEDS,
    progress: Callable[[float, str], None] | None = None,
) -> SearchResult:
    """Smallest teams per (shift, base) meeting every target; `max_teams` caps the teams per shift and base."""
    if not scenario.targets:
        raise ScenarioError("targets", "the staffing search needs at least one target")
    shift_hours = {s.name: s.hours for s in scenario.shifts}
    variables = [(s.name, b.name) for s in scenario.shifts for b in scenario.bases]
    cap = max_teams * len(variables)
    evaluations = 0
    steps: list[dict[str, Any]] = []

    def evaluate(staffing: Staffing) -> RegionResult:
        nonlocal evaluations
        evaluations += 1
        return simulate_region(scenario.with_staffing(staffing))

    def report(message: str, done: float) -> None:
        if progress is not None:
            progress(min(done, 0.99), message)

    staffing: Staffing = dict.fromkeys(variables, 1)
    current = evaluate(staffing)
    gap = shortfall(current)
    stalled = 0
    # Phase 1: add teams until the targets hold (or more teams stop helping: travel alone can miss a target).
    while gap > 0 and stalled < 3:
        if sum(staffing.values()) >= cap:
            break
        best: tuple[float, tuple[str, str], RegionResult] | None = None
        for variable in variables:
            if staffing[variable] >= max_teams:
                continue
            trial = {**staffing, variable: staffing[variable] + 1}
            result = evaluate(trial)
            gain = (gap - shortfall(result)) / shift_hours[variable[0]]
            if best is None or gain > best[0]:
                best = (gain, variable, result)
        if best is None:
            break
        gain, variable, current = best
        stalled = stalled + 1 if gain <= 0 else 0
        staffing[variable] += 1
        gap = shortfall(current)
        steps.append({"add": list(variable), "teams": sum(staffing.values()), "shortfall": gap})
        report(f"+1 {variable[0]}/{variable[1]}: {sum(staffing.values())} teams", sum(staffing.values()) / cap)
    feasible = gap == 0
    # Phase 2: take away what is not needed, longest shifts and largest counts first.
    if feasible:
        for variable in sorted(variables, key=lambda v: (-shift_hours[v[0]], -staffing[v])):
            while staffing[variable] > 0:
                trial = {**staffing, variable: staffing[variable] - 1}
                result = evaluate(trial)
                if shortfall(result) > 0:
                    break
                staffing, current = trial, result
                steps.append({"remove": list(variable), "teams": sum(staffing.values()), "shortfall": 0.0})
                report(f"-1 {variable[0]}/{variable[1]}", 0.9)
    final = scenario.with_staffing(staffing)
    report("zekerheid over andere jaren", 0.95)
    confidence = roster_confidence(final, years=confidence_years) if confidence_years else None
    if progress is not None:
        progress(1.0, "klaar")
    return SearchResult(
        feasible=feasible,
        staffing=staffing,
        result=current,
        fte=final.fte(),
        team_hours_per_week=final.team_hours_per_week(),
        evaluations=evaluations,
        steps=steps,
        confidence=confidence,
    )
