"""Discrete-event simulation of a region's crisis service over a year.

Calls arrive per municipality following the hour-of-week profile (a Poisson process whose rate is constant within
each hour, so drawing exponential gaps and restarting at each hour boundary is exact), at the registrations' rate
through the demand funnel. After telephone triage (or, for next-day work, at the planned hour) the nearest free team
on duty goes; when none is free the call waits, most urgent first, then oldest. A team turns out (longer when on call
at night), drives from its base, may wait for a police escort, stays on scene (short, long, or briefly when nobody is
met), and (by default) drives back before it takes the next call. Police on scene wait from the call until the team
has arrived and the handover is done. Teams per base change at shift boundaries; a team still busy when its shift
ends finishes the call first, and that overtime is counted.

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
    fte: float  # rostered hours, shift handovers and the overtime below
    targets: list[dict[str, Any]] = field(default_factory=list)
    overtime_hours_per_year: float = 0.0  # team-hours past the end of a shift, finishing a call
    police: dict[str, Any] = field(default_factory=dict)  # the police picture, see `police_picture`

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


def _arrivals(scenario: Scenario, rng: random.Random) -> list[tuple[float, int, int, float]]:
    """(minute a team can be sent, municipality index, urgency index, minute of the call) for every call, in the
    order teams can be sent: after telephone triage, or for next-day work at the planned hour (spread over the
    following three hours) of the first day that leaves at least two hours to plan."""
    profile = scenario.hour_of_week
    mean_weight = sum(profile) / HOURS_PER_WEEK
    per_hour = scenario.arrivals_per_year / (365 * 24)
    rates = [per_hour * w / mean_weight / 60 for w in profile]  # calls per minute, per hour of week
    muni_cum = _cumulative([m.arrivals_per_year for m in scenario.municipalities])
    urg_cum = _cumulative([u.share for u in scenario.urgencies])
    planned = [u.planned_next_day for u in scenario.urgencies]
    triage = scenario.triage_minutes
    planned_at = scenario.planned_hour * 60.0
    expovariate, uniform = rng.expovariate, rng.random
    calls: list[tuple[float, int, int, float]] = []
    append = calls.append
    for hour in range(scenario.days * 24):
        rate = rates[hour % HOURS_PER_WEEK]
        if rate <= 0:
            continue
        start, end = hour * 60.0, hour * 60.0 + 60.0
        t = start + expovariate(rate)
        while t < end:
            urg = bisect_right(urg_cum, uniform())
            ready = t + triage
            if planned[urg]:
                day_start = (t // MINUTES_PER_DAY) * MINUTES_PER_DAY
                ready = day_start + planned_at + uniform() * 180
                if ready < t + 120:
                    ready += MINUTES_PER_DAY
            append((ready, bisect_right(muni_cum, uniform()), urg, t))
            t += expovariate(rate)
    calls.sort()
    return calls


def _sampler(rng: random.Random, mean: float, sd: float, distribution: str) -> Callable[[], float]:
    if distribution == "exponential":
        return partial(rng.expovariate, 1 / mean)
    if sd == 0:
        return partial(float, mean)
    sigma2 = math.log(1 + (sd / mean) ** 2)  # a lognormal with this mean and spread: long tails, as time on scene has
    return partial(rng.lognormvariate, math.log(mean) - sigma2 / 2, math.sqrt(sigma2))


def _on_scene_samplers(scenario: Scenario, rng: random.Random) -> list[Callable[[], float]]:
    """Minutes on scene per urgency: nobody met (a short visit), a long case (e.g. a Wvggz assessment), or the
    urgency's usual time. Without no-contact and long shares this is exactly the usual sampler."""
    samplers: list[Callable[[], float]] = []
    no_contact, no_contact_minutes = scenario.no_contact_share, scenario.no_contact_minutes
    uniform = rng.random
    for u in scenario.urgencies:
        usual = _sampler(rng, u.on_scene_mean_minutes, u.on_scene_sd_minutes, u.distribution)
        if not no_contact and not u.long_share:
            samplers.append(usual)
            continue
        long_case = _sampler(rng, u.long_mean_minutes, u.long_sd_minutes, "lognormal")

        def sample(usual: Callable[[], float] = usual, long_case: Callable[[], float] = long_case,
                   long_share: float = u.long_share) -> float:  # fmt: skip
            draw = uniform()
            if draw < no_contact:
                return no_contact_minutes
            return long_case() if draw < no_contact + (1 - no_contact) * long_share else usual()

        samplers.append(sample)
    return samplers


def _turnout_by_hour(scenario: Scenario) -> list[float]:
    """Minutes from dispatch until a team drives off, per hour of day (the longest of the shifts on duty then)."""
    return [
        max((s.turnout_minutes for s in scenario.shifts if s.covers(h) and any(s.teams.values())), default=0.0)
        for h in range(24)
    ]


def _duty_changes(scenario: Scenario) -> list[tuple[float, int, int, int]]:
    """(minute, base index, teams on duty from then on, teams whose shift ends then) at every hour where a base's
    count changes or a shift of that base ends (its busy teams hand their slot over and finish in overtime)."""
    per_base = [[scenario.teams_on_duty(b.name, h) for h in range(24)] for b in scenario.bases]
    shifts_that_end = [s for s in scenario.shifts if s.hours < 24]  # a 24-hour shift stands for continuous staffing
    ending = [
        [sum(s.teams.get(b.name, 0) for s in shifts_that_end if (s.start_hour + s.hours) % 24 == h) for h in range(24)]
        for b in scenario.bases
    ]
    changes: list[tuple[float, int, int, int]] = []
    for day in range(scenario.days + 1):  # one day more, so calls still waiting at the end are served
        for hour in range(24):
            for b, counts in enumerate(per_base):
                before = counts[hour - 1] if (day or hour) else 0
                ends = ending[b][hour] if (day or hour) else 0
                if counts[hour] != before or ends:
                    changes.append(((day * 24 + hour) * 60.0, b, counts[hour], ends))
    return changes


def simulate_region(scenario: Scenario, *, progress: Progress | None = None) -> RegionResult:
    """Simulate `scenario.days` days; calls in the first `warm_up_days` are not counted."""
    rng = random.Random(scenario.seed)
    calls = _arrivals(scenario, rng)
    on_scene = _on_scene_samplers(scenario, rng)
    urgencies = scenario.urgencies
    police_share = [u.police_on_scene_share for u in urgencies]
    escort_share = [u.escort_share for u in urgencies]
    escort_wait = scenario.escort_wait_minutes
    turnout = _turnout_by_hour(scenario)
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
    busy_until = [0.0] * len(team_base)
    generation = [0] * len(team_base)  # a completion of an earlier generation belongs to a team that went off duty
    overtime = 0.0
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
    completions: list[tuple[float, int, int]] = []  # heap of (free at, team, generation)
    uniform = rng.random

    def dispatch(team: int, now: float, call_time: float, muni: int, urg: int) -> None:
        base = team_base[team]
        drive = travel[muni][base]
        arrive = now + turnout[int(now // 60) % 24] + drive
        if escort_share[urg] and uniform() < escort_share[urg]:
            arrive += rng.expovariate(1 / escort_wait) if escort_wait else 0.0
        scene = on_scene[urg]()
        busy[team] = True
        busy_until[team] = arrive + scene + drive * back
        heapq.heappush(completions, (busy_until[team], team, generation[team]))
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

    def hand_over(b: int, now: float, ending: int) -> None:
        """At the end of a shift its busy teams finish their call in overtime; where the next shift continues the
        slot, the incoming team is free at once. Busy teams are taken to belong to the ending shift."""
        nonlocal overtime
        for team in range(first_team[b], first_team[b] + max_teams[b]):
            if ending <= 0:
                return
            if not busy[team]:
                continue
            ending -= 1
            if warm_up <= now < horizon:
                overtime += min(busy_until[team], horizon) - now
            generation[team] += 1  # its pending completion is the overtime counted above, not the slot's
            busy[team] = False
            if team_slot[team] < on_duty[b]:
                team_ready(team, now)  # the incoming team; a slot going off duty stays empty

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
                _, b, count, ending = changes[change_i]
                change_i += 1
                if warm_up < next_change <= horizon:
                    duty_minutes[b] += on_duty[b] * (next_change - max(last_duty_change[b], warm_up))
                if next_change <= horizon:
                    last_duty_change[b] = next_change
                previous, on_duty[b] = on_duty[b], count
                if count < previous:
                    free[b] = [k for k in free[b] if team_slot[k] < count]
                if ending:
                    hand_over(b, next_change, ending)
                for team in range(first_team[b] + previous, first_team[b] + count):
                    if not busy[team] and team not in free[b]:
                        team_ready(team, next_change)
            else:
                _, team, gen = heapq.heappop(completions)
                if gen != generation[team]:
                    continue  # that call was finished in overtime by a team that has gone off duty
                busy[team] = False
                team_ready(team, next_free)

    report_every = max(1, len(calls) // 50)
    seq = 0
    for i, (t, muni, urg, call_time) in enumerate(calls):
        advance(t)
        for base in nearest[muni]:
            if free[base]:
                dispatch(free[base].pop(), t, call_time, muni, urg)
                break
        else:
            note_queue(t)
            seq += 1
            heapq.heappush(queue, (urg, call_time, seq, muni))
            if call_time >= warm_up:
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
        overtime_minutes=overtime,
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
    overtime_minutes: float,
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
    overtime_per_year = overtime_minutes / 60 * per_year
    police_hours = sum(police_wait) / 60 * scenario.police_officers_per_call * per_year
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
        police_hours_per_year=police_hours,
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
        fte=scenario.fte(overtime_hours_per_week=overtime_per_year / 52),
        targets=targets,
        overtime_hours_per_year=overtime_per_year,
        police=police_picture(scenario, calls * per_year, len(police_wait) * per_year, police_hours),
    )


def police_picture(
    scenario: Scenario, team_calls: float, police_with_team_calls: float, police_hours: float
) -> dict[str, Any]:
    """Calls per year that stay with the police alone (the funnel's rest), that police and the team share, and that
    the team handles alone; officer-hours without the team (every team call costs police `police_alone_minutes`)
    against officer-hours with it (their wait for the team and the handover)."""
    registrations = scenario.registrations_per_year
    officers = scenario.police_officers_per_call
    without_team = team_calls * scenario.police_alone_minutes / 60 * officers
    officer_fte_hours = scenario.fte_hours_per_week * 52 * scenario.productive_share
    freed = without_team - police_hours if scenario.police_alone_minutes else None
    return {
        "registrations": registrations,
        "police_only": registrations * (1 - scenario.demand_factor),
        "police_with_team": police_with_team_calls,
        "team_only": team_calls - police_with_team_calls,
        "officer_hours_without_team": without_team if scenario.police_alone_minutes else None,
        "officer_hours_with_team": police_hours,
        "officer_hours_freed": freed,
        "officer_fte_freed": None if freed is None else freed / officer_fte_hours,
    }


def _edges(target: float) -> list[float]:
    """Histogram bucket edges in minutes scaled to the target, so each urgency gets a readable chart."""
    step = max(5.0, target / 4)
    return [step * i for i in range(1, 13)]
