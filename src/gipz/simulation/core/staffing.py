"""Search for the smallest staffing (teams per shift and base) that meets the scenario's targets in at least 80 % of
simulated years.

One seed is luck, so every candidate is simulated over several years (seeds 1..n, the same for every candidate:
common random numbers, so candidates differ by staffing and not by luck). A candidate is good enough when the
targets hold in at least `level` of those years. From the coverage rule's minimum per shift and base (at least one),
add the team that closes the most shortfall per team-hour until that holds; then take teams away again, longest
shifts and largest counts first, as long as it still holds and the coverage rule allows. Ties go to the shorter
shift, then to the earlier shift and the base name, so the answer never depends on the order of the input.

Greedy search is not guaranteed to find the global minimum in every roster, but it is exact for a single pool (one
base, one shift), which the tests check against Erlang C. The roster found is then simulated with fresh seeds
(years the search never saw) and the result states in how many of those every target held, and the spread.
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
SEARCH_YEARS = 20  # simulated years per candidate during the search
FRESH_SEEDS_FROM = 1001  # the confidence check uses years the search never saw


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


def roster_confidence(scenario: Scenario, *, years: int = CONFIDENCE_SEEDS, first_seed: int = 1) -> Confidence:
    """Simulate the roster with seeds first_seed.. for `years` years and count the years meeting every target."""
    met, shares = 0, []
    for seed in range(first_seed, first_seed + years):
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
    search_years: int = 1
    level: float = CONFIDENCE_LEVEL
    coverage: int = 0  # teams per base on every shift, at least

    def to_dict(self) -> dict[str, Any]:
        return {
            "feasible": self.feasible,
            "search_years": self.search_years,
            "level": self.level,
            "coverage": self.coverage,
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


def years_shortfall(results: list[RegionResult], level: float) -> float:
    """How far a candidate is from meeting every target in at least `level` of the years: the shortfall of the year
    at that quantile (0 when enough years meet every target)."""
    gaps = sorted((shortfall(r) for r in results), reverse=True)
    allowed_failures = int(len(gaps) * (1 - level) + 1e-9)
    return gaps[allowed_failures] if allowed_failures < len(gaps) else 0.0


def search_staffing(
    scenario: Scenario,
    *,
    max_teams: int = 30,
    years: int = SEARCH_YEARS,
    level: float = CONFIDENCE_LEVEL,
    confidence_years: int = CONFIDENCE_SEEDS,
    progress: Callable[[float, str], None] | None = None,
) -> SearchResult:
    """Smallest teams per (shift, base) meeting every target in `level` of `years` simulated years; `max_teams` caps
    the teams per shift and base, `scenario.min_teams_per_base` is the coverage rule."""
    if not scenario.targets:
        raise ScenarioError("targets", "the staffing search needs at least one target")
    shift_order = {s.name: i for i, s in enumerate(scenario.shifts)}
    shift_hours = {s.name: s.hours for s in scenario.shifts}
    variables = sorted(
        ((s.name, b.name) for s in scenario.shifts for b in scenario.bases),
        key=lambda v: (shift_hours[v[0]], shift_order[v[0]], v[1]),
    )  # the tie-breaking order: shorter shift, earlier shift, base name
    coverage = min(scenario.min_teams_per_base, max_teams)
    cap = max_teams * len(variables)
    evaluations = 0
    steps: list[dict[str, Any]] = []
    seeds = [scenario.seed + k for k in range(years)]

    def evaluate(staffing: Staffing) -> tuple[float, RegionResult]:
        nonlocal evaluations
        evaluations += 1
        staffed = scenario.with_staffing(staffing)
        results = [simulate_region(replace(staffed, seed=seed)) for seed in seeds]
        return years_shortfall(results, level), results[0]

    def report(message: str, done: float) -> None:
        if progress is not None:
            progress(min(done, 0.99), message)

    staffing: Staffing = dict.fromkeys(variables, max(1, coverage))
    gap, current = evaluate(staffing)
    stalled = 0
    # Phase 1: add teams until the targets hold (or more teams stop helping: travel alone can miss a target).
    while gap > 0 and stalled < 3:
        if sum(staffing.values()) >= cap:
            break
        best: tuple[float, tuple[str, str], float, RegionResult] | None = None
        for variable in variables:
            if staffing[variable] >= max_teams:
                continue
            trial_gap, result = evaluate({**staffing, variable: staffing[variable] + 1})
            gain = (gap - trial_gap) / shift_hours[variable[0]]
            if best is None or gain > best[0] + 1e-12:  # strictly better; on a tie the earlier variable stays
                best = (gain, variable, trial_gap, result)
        if best is None:
            break
        gain, variable, gap, current = best
        stalled = stalled + 1 if gain <= 0 else 0
        staffing[variable] += 1
        steps.append({"add": list(variable), "teams": sum(staffing.values()), "shortfall": gap})
        report(f"+1 {variable[0]}/{variable[1]}: {sum(staffing.values())} teams", sum(staffing.values()) / cap)
    feasible = gap == 0
    # Phase 2: take away what is not needed, longest shifts and largest counts first, never below the coverage rule.
    if feasible:
        for variable in sorted(variables, key=lambda v: (-shift_hours[v[0]], -staffing[v], shift_order[v[0]], v[1])):
            while staffing[variable] > coverage:
                trial = {**staffing, variable: staffing[variable] - 1}
                trial_gap, result = evaluate(trial)
                if trial_gap > 0:
                    break
                staffing, current = trial, result
                steps.append({"remove": list(variable), "teams": sum(staffing.values()), "shortfall": 0.0})
                report(f"-1 {variable[0]}/{variable[1]}", 0.9)
    final = scenario.with_staffing(staffing)
    report("zekerheid over andere jaren", 0.95)
    confidence = (
        roster_confidence(final, years=confidence_years, first_seed=FRESH_SEEDS_FROM) if confidence_years else None
    )
    if progress is not None:
        progress(1.0, "klaar")
    return SearchResult(
        feasible=feasible,
        staffing=staffing,
        result=current,
        fte=current.fte,
        team_hours_per_week=final.team_hours_per_week(),
        evaluations=evaluations,
        steps=steps,
        confidence=confidence,
        search_years=years,
        level=level,
        coverage=coverage,
    )
