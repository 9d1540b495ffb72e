"""Discrete-event simulation of a region's crisis service over a year.

Calls arrive per municipality following the hour-of-week profile (a Poisson process whose rate is constant within
each hour, so drawing exponential gaps and restarting at each hour boundary is exact). The nearest free team on duty
goes; when none is free the call waits, most urgent first, then oldest. A team drives from its base, stays on scene,
and (by default) drives back before it takes the next call. Police on scene wait from the call until the team has
arrived and the handover is done. Teams per base change at shift boundaries; a team still busy when its shift ends
finishes the call first.

Times are minutes from Monday 00:00 of the first simulated week.
"""

from __future__ import annotations

import heapq
import math
import random
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from itertools import accumulate
from typing import Any

from .scenario import HOURS_PER_WEEK, Scenario
from .stats import histogram, mean, percentile, share_at_most

MINUTES_PER_DAY = 24 * 60
Progress = Callable[[float], None]


@dataclass
class UrgencyOutcome:
    code: str
    target_minutes: float
    calls: int
    within_target: float | None  # None: no calls of this urgency
    response_mean: float | None  # minutes from the call until the team is on site
    response_median: float | None
    response_p90: float | None
    histogram: list[tuple[float | None, int]]


@dataclass
class RegionResult:
    scenario: str
    days_counted: int
    calls: int
    calls_per_year: float
    unserved: int  # calls no team ever reached (no team on duty at all)
    urgencies: list[UrgencyOutcome]
    police_calls: int
    police_wait_mean: float | None  # minutes from the call until the handover is done
    police_wait_median: float | None
    police_wait_p90: float | None
    police_hours_per_year: float  # officer-hours spent waiting on scene for the crisis team
    police_wait_histogram: list[tuple[float | None, int]]
    utilisation: float | None  # busy team time over on-duty team time
    utilisation_by_base: dict[str, float | None]
    queue_mean: float
    queue_max: int
    queue_by_hour: list[float]  # mean number of waiting calls per hour of day
    within_target_by_hour: list[float | None]  # share on site within target per hour of day (all urgencies)
    team_hours_per_week: float
    fte: float
    targets: list[dict[str, Any]] = field(default_factory=list)

    @property
    def meets_targets(self) -> bool:
        return all(t["met"] for t in self.targets)

    def outcome(self, code: str) -> UrgencyOutcome:
        return next(u for u in self.urgencies if u.code == code)

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        data = asdict(self)
        data["meets_targets"] = self.meets_targets
        return data


def _cumulative(weights: list[float]) -> list[float]:
    total = sum(weights)
    cumulative = list(accumulate(w / total for w in weights))
    cumulative[-1] = 1.0  # guard against rounding so bisect never runs off the end
    return cumulative


def _arrivals(scenario: Scenario, rng: random.Random) -> list[tuple[float, int, int]]:
    """(minute, municipality index, urgency index) for every call, in time order."""
    profile = scenario.hour_of_week
    mean_weight = sum(profile) / HOURS_PER_WEEK
    per_hour = scenario.arrivals_per_year / (365 * 24)
    rates = [per_hour * w / mean_weight / 60 for w in profile]  # calls per minute, per hour of week
    muni_cum = _cumulative([m.arrivals_per_year for m in scenario.municipalities])
    urg_cum = _cumulative([u.share for u in scenario.urgencies])
    expovariate, uniform = rng.expovariate, rng.random
    calls: list[tuple[float, int, int]] = []
    append = calls.append
    for hour in range(scenario.days * 24):
        rate = rates[hour % HOURS_PER_WEEK]
        if rate <= 0:
            continue
        start, end = hour * 60.0, hour * 60.0 + 60.0
        t = start + expovariate(rate)
        while t < end:
            append((t, bisect_right(muni_cum, uniform()), bisect_right(urg_cum, uniform())))
            t += expovariate(rate)
    return calls


def _on_scene_samplers(scenario: Scenario, rng: random.Random) -> list[Callable[[], float]]:
    samplers: list[Callable[[], float]] = []
    for u in scenario.urgencies:
        mean, sd = u.on_scene_mean_minutes, u.on_scene_sd_minutes
        if u.distribution == "exponential":
            samplers.append(partial(rng.expovariate, 1 / mean))
        elif sd == 0:
            samplers.append(partial(float, mean))
        else:  # a lognormal with this mean and standard deviation: long tails, as time on scene has
            sigma2 = math.log(1 + (sd / mean) ** 2)
            samplers.append(partial(rng.lognormvariate, math.log(mean) - sigma2 / 2, math.sqrt(sigma2)))
    return samplers


def _duty_changes(scenario: Scenario) -> list[tuple[float, int, int]]:
    """(minute, base index, teams on duty from then on) at every hour where a base's count changes."""
    per_base = [[scenario.teams_on_duty(b.name, h) for h in range(24)] for b in scenario.bases]
    changes: list[tuple[float, int, int]] = []
    for day in range(scenario.days + 1):  # one day more, so calls still waiting at the end are served
        for hour in range(24):
            for b, counts in enumerate(per_base):
                before = counts[hour - 1] if (day or hour) else 0
                if counts[hour] != before:
                    changes.append(((day * 24 + hour) * 60.0, b, counts[hour]))
    return changes


def simulate_region(scenario: Scenario, *, progress: Progress | None = None) -> RegionResult:
    """Simulate `scenario.days` days; calls in the first `warm_up_days` are not counted."""
    rng = random.Random(scenario.seed)
    calls = _arrivals(scenario, rng)
    on_scene = _on_scene_samplers(scenario, rng)
    urgencies = scenario.urgencies
    police_share = [u.police_on_scene_share for u in urgencies]
    targets = [u.target_minutes for u in urgencies]
    handover = scenario.handover_minutes
    back = 1.0 if scenario.return_to_base else 0.0
    bases = scenario.bases
    n_bases = len(bases)
    codes = [m.code for m in scenario.municipalities]
    travel = [[b.travel_to(code) for b in bases] for code in codes]  # [municipality][base]
    nearest = [sorted(range(n_bases), key=row.__getitem__) for row in travel]
    max_teams = [max(scenario.teams_on_duty(b.name, h) for h in range(24)) for b in bases]
    team_base = [b for b in range(n_bases) for _ in range(max_teams[b])]
    team_slot = [k for b in range(n_bases) for k in range(max_teams[b])]
    first_team = list(accumulate([0, *max_teams]))
    on_duty = [0] * n_bases
    free: list[list[int]] = [[] for _ in range(n_bases)]  # free teams on duty, per base
    busy = [False] * len(team_base)
    busy_minutes = [0.0] * n_bases
    duty_minutes = [0.0] * n_bases
    last_duty_change = [0.0] * n_bases

    warm_up = scenario.warm_up_days * MINUTES_PER_DAY
    horizon = scenario.days * MINUTES_PER_DAY
    response: list[list[float]] = [[] for _ in urgencies]
    police_wait: list[float] = []
    by_hour_calls = [0] * 24
    by_hour_within = [0] * 24
    queue: list[tuple[int, float, int, int]] = []  # (urgency index, call minute, seq, municipality)
    queue_area = 0.0
    queue_area_by_hour = [0.0] * 24
    queue_max = 0
    last_queue_change = 0.0
    completions: list[tuple[float, int]] = []  # heap of (free at, team)
    uniform = rng.random

    def dispatch(team: int, now: float, call_time: float, muni: int, urg: int) -> None:
        base = team_base[team]
        drive = travel[muni][base]
        arrive = now + drive
        scene = on_scene[urg]()
        busy[team] = True
        heapq.heappush(completions, (arrive + scene + drive * back, team))
        if call_time >= warm_up:
            busy_minutes[base] += max(0.0, min(arrive + scene + drive * back, horizon) - now)
            wait = arrive - call_time
            response[urg].append(wait)
            hour = int(call_time // 60) % 24
            by_hour_calls[hour] += 1
            if wait <= targets[urg]:
                by_hour_within[hour] += 1
            if uniform() < police_share[urg]:
                police_wait.append(wait + handover)

    def note_queue(now: float) -> None:
        nonlocal queue_area, last_queue_change
        if now > warm_up and queue:
            span = now - max(last_queue_change, warm_up)
            queue_area += len(queue) * span
            queue_area_by_hour[int(last_queue_change // 60) % 24] += len(queue) * span
        last_queue_change = now

    def team_ready(team: int, now: float) -> None:
        base = team_base[team]
        if team_slot[team] >= on_duty[base]:
            return  # off duty: the shift ended while it was busy
        if queue:
            note_queue(now)
            urg, call_time, _, muni = heapq.heappop(queue)
            dispatch(team, now, call_time, muni, urg)
        else:
            free[base].append(team)

    changes = _duty_changes(scenario)
    change_i = 0
    n_changes = len(changes)

    def advance(until: float) -> None:
        """Process shift changes and teams coming free up to `until`, in time order."""
        nonlocal change_i
        while True:
            next_change = changes[change_i][0] if change_i < n_changes else math.inf
            next_free = completions[0][0] if completions else math.inf
            if min(next_change, next_free) > until or next_change == next_free == math.inf:
                return
            if next_change <= next_free:
                _, b, count = changes[change_i]
                change_i += 1
                if warm_up < next_change <= horizon:
                    duty_minutes[b] += on_duty[b] * (next_change - max(last_duty_change[b], warm_up))
                if next_change <= horizon:
                    last_duty_change[b] = next_change
                previous, on_duty[b] = on_duty[b], count
                if count < previous:
                    free[b] = [k for k in free[b] if team_slot[k] < count]
                else:
                    for team in range(first_team[b] + previous, first_team[b] + count):
                        if not busy[team]:
                            team_ready(team, next_change)
            else:
                _, team = heapq.heappop(completions)
                busy[team] = False
                team_ready(team, next_free)

    report_every = max(1, len(calls) // 50)
    seq = 0
    for i, (t, muni, urg) in enumerate(calls):
        advance(t)
        for base in nearest[muni]:
            if free[base]:
                dispatch(free[base].pop(), t, t, muni, urg)
                break
        else:
            note_queue(t)
            seq += 1
            heapq.heappush(queue, (urg, t, seq, muni))
            if t >= warm_up:
                queue_max = max(queue_max, len(queue))
        if progress is not None and i % report_every == 0:
            progress(i / len(calls))
    advance(horizon)
    for b in range(n_bases):
        duty_minutes[b] += on_duty[b] * (horizon - max(last_duty_change[b], warm_up))
    advance(math.inf)  # calls still waiting at the end are served as teams come free; their waits count too
    if progress is not None:
        progress(1.0)
    return _summarise(
        scenario,
        response,
        police_wait,
        busy_minutes,
        duty_minutes,
        queue_area,
        queue_area_by_hour,
        queue_max,
        by_hour_calls,
        by_hour_within,
        unserved=len(queue),
    )


def _summarise(
    scenario: Scenario,
    response: list[list[float]],
    police_wait: list[float],
    busy_minutes: list[float],
    duty_minutes: list[float],
    queue_area: float,
    queue_area_by_hour: list[float],
    queue_max: int,
    by_hour_calls: list[int],
    by_hour_within: list[int],
    *,
    unserved: int,
) -> RegionResult:
    counted_days = scenario.days - scenario.warm_up_days
    per_year = 365 / counted_days
    counted_minutes = counted_days * MINUTES_PER_DAY
    outcomes = []
    for u, waits in zip(scenario.urgencies, response, strict=True):
        waits.sort()
        within = share_at_most(waits, u.target_minutes)
        outcomes.append(
            UrgencyOutcome(
                code=u.code,
                target_minutes=u.target_minutes,
                calls=len(waits),
                within_target=within,
                response_mean=mean(waits),
                response_median=percentile(waits, 0.5),
                response_p90=percentile(waits, 0.9),
                histogram=histogram(waits, edges=_edges(u.target_minutes)),
            )
        )
    police_wait.sort()
    duty_total = sum(duty_minutes)
    targets = []
    for t in scenario.targets:
        waits = response[[u.code for u in scenario.urgencies].index(t.urgency)]
        share = share_at_most(waits, t.within_minutes)
        targets.append(
            {
                "urgency": t.urgency,
                "within_minutes": t.within_minutes,
                "min_share": t.min_share,
                "share": share,
                "met": share is not None and share >= t.min_share and unserved == 0,
            }
        )
    calls = sum(len(w) for w in response)
    return RegionResult(
        scenario=scenario.name,
        days_counted=counted_days,
        calls=calls,
        calls_per_year=calls * per_year,
        unserved=unserved,
        urgencies=outcomes,
        police_calls=len(police_wait),
        police_wait_mean=mean(police_wait),
        police_wait_median=percentile(police_wait, 0.5),
        police_wait_p90=percentile(police_wait, 0.9),
        police_hours_per_year=sum(police_wait) / 60 * scenario.police_officers_per_call * per_year,
        police_wait_histogram=histogram(police_wait, edges=_edges(60)),
        utilisation=sum(busy_minutes) / duty_total if duty_total else None,
        utilisation_by_base={
            b.name: (busy / duty if duty else None)
            for b, busy, duty in zip(scenario.bases, busy_minutes, duty_minutes, strict=True)
        },
        queue_mean=queue_area / counted_minutes,
        queue_max=queue_max,
        queue_by_hour=[area / (counted_days * 60) for area in queue_area_by_hour],
        within_target_by_hour=[w / c if c else None for w, c in zip(by_hour_within, by_hour_calls, strict=True)],
        team_hours_per_week=scenario.team_hours_per_week(),
        fte=scenario.fte(),
        targets=targets,
    )


def _edges(target: float) -> list[float]:
    """Histogram bucket edges in minutes scaled to the target, so each urgency gets a readable chart."""
    step = max(5.0, target / 4)
    return [step * i for i in range(1, 13)]
