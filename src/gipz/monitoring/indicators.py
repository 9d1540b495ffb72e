"""Indicator maths for the factsheet, as pure functions over plain records (no Django).

Definitions (docs/monitoring.md repeats them for readers):
- police waiting time: from the melding to the handover to care (police released), in minutes;
- on site within target: share of situations with a crisis-team response that were on site within the urgency's
  target, set against the field's norms (U2 ≥ 90 % within 60 min, U3 ≥ 85 % within 240 min);
- percentiles use the nearest-rank method (the value at rank ⌈p·n⌉), so every reported value really occurred;
- times are whole minutes, rounded up (⌈elapsed⌉), so "within 60 minutes" means exactly what it says and a
  distribution of whole minutes can be added up per day (the rollups) without changing any figure.

Everything is computed from an `Aggregate`: additive counts and whole-minute histograms that can be built from
records, or summed from stored daily rollups; both give the same indicators (tested).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

NORMS: dict[str, tuple[int, float]] = {"U2": (60, 0.90), "U3": (240, 0.85)}  # urgency: (minutes, share)


def percentile(values: Sequence[float], p: float) -> float | None:
    """Nearest-rank percentile (0 < p ≤ 1); None for no values."""
    if not 0 < p <= 1:
        raise ValueError("p must be in (0, 1]")
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, math.ceil(p * len(ordered))) - 1]


def median(values: Sequence[float]) -> float | None:
    return percentile(values, 0.5)


def share(part: int, whole: int) -> float | None:
    return None if whole == 0 else part / whole


@dataclass(frozen=True)
class SituationRecord:
    """What the factsheet needs of one situation; no names, no free text."""

    urgency: str
    offence: str  # yes / no / unclear
    crisis_requested: bool
    police_wait_minutes: int | None  # whole minutes, rounded up
    on_site_minutes: int | None
    follow_ups: tuple[str, ...] = ()
    person_pseudonym: str = ""
    improper_call: bool | None = None  # None: not evaluated
    tensions: tuple[str, ...] = ()  # one code per mention, over all evaluations of the situation
    evaluations: int = 0
    request_statuses: tuple[str, ...] = ()  # the status of each information request in the situation
    consulted: bool = False  # a key figure was asked for a consult
    triaged: bool = False  # the crisis service's triagist confirmed or changed the urgency
    police_urgency: str = ""  # the urgency the police advised; `urgency` is the triaged one


def whole_minutes(seconds: float) -> int:
    return math.ceil(seconds / 60)


@dataclass(frozen=True)
class Summary:
    """The figures of a year that do not add up (distinct persons, percentiles, within-target counts), computed
    once when the year row is stored, so a page need not read the pseudonyms and histograms."""

    persons: int
    repeat_persons: int
    waited: int
    wait_median: int | None
    wait_p90: int | None
    on_target: dict[str, tuple[int, int]]  # urgency -> (responded, within the norm's minutes)

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "on_target": {u: list(v) for u, v in self.on_target.items()}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Summary:
        return cls(
            persons=int(data["persons"]),
            repeat_persons=int(data["repeat_persons"]),
            waited=int(data["waited"]),
            wait_median=data["wait_median"],
            wait_p90=data["wait_p90"],
            on_target={str(u): (int(v[0]), int(v[1])) for u, v in data["on_target"].items()},
        )


@dataclass
class Aggregate:
    """Additive summary of a set of situations. `a + b` summarises both sets."""

    situations: int = 0
    by_urgency: Counter[str] = field(default_factory=Counter)
    without_offence: int = 0
    crisis_requested: int = 0
    waits: Counter[int] = field(default_factory=Counter)  # whole minutes -> situations
    on_site: dict[str, Counter[int]] = field(default_factory=dict)  # urgency -> whole minutes -> situations
    follow_ups: Counter[str] = field(default_factory=Counter)
    pseudonyms: Counter[str] = field(default_factory=Counter)
    evaluated: int = 0
    improper_calls: int = 0
    evaluations: int = 0
    tensions: Counter[str] = field(default_factory=Counter)
    requests: Counter[str] = field(default_factory=Counter)
    consulted: int = 0
    triaged: int = 0  # urgency set by the crisis service's triagist
    triage_agreed: int = 0  # ... and the same as the police's advice
    # Set when a stored year row stands in for the pseudonyms and histograms (a page needs only these figures);
    # such an aggregate can be read but not added to, because distinct persons and percentiles do not add up.
    summary: Summary | None = None

    def add(self, r: SituationRecord) -> None:
        self.situations += 1
        self.by_urgency[r.urgency] += 1
        self.without_offence += r.offence == "no"
        self.crisis_requested += r.crisis_requested
        if r.police_wait_minutes is not None:
            self.waits[r.police_wait_minutes] += 1
        if r.on_site_minutes is not None:
            self.on_site.setdefault(r.urgency, Counter())[r.on_site_minutes] += 1
        self.follow_ups.update(r.follow_ups)
        if r.person_pseudonym:
            self.pseudonyms[r.person_pseudonym] += 1
        if r.improper_call is not None:
            self.evaluated += 1
            self.improper_calls += r.improper_call
        self.evaluations += r.evaluations
        self.tensions.update(r.tensions)
        self.requests.update(r.request_statuses)
        self.consulted += r.consulted
        if r.triaged:
            self.triaged += 1
            self.triage_agreed += r.police_urgency == r.urgency

    def merge(self, other: Aggregate) -> None:
        """Add `other` into this summary, in place (summing a year of rollups without copying)."""
        if self.summary is not None or other.summary is not None:
            raise ValueError("an aggregate read from a summary cannot be added to")
        self.situations += other.situations
        self.by_urgency.update(other.by_urgency)
        self.without_offence += other.without_offence
        self.crisis_requested += other.crisis_requested
        self.waits.update(other.waits)
        for urgency, histogram in other.on_site.items():
            self.on_site.setdefault(urgency, Counter()).update(histogram)
        self.follow_ups.update(other.follow_ups)
        self.pseudonyms.update(other.pseudonyms)
        self.evaluated += other.evaluated
        self.improper_calls += other.improper_calls
        self.evaluations += other.evaluations
        self.tensions.update(other.tensions)
        self.requests.update(other.requests)
        self.consulted += other.consulted
        self.triaged += other.triaged
        self.triage_agreed += other.triage_agreed

    def __add__(self, other: Aggregate) -> Aggregate:
        total = Aggregate()
        total.merge(self)
        total.merge(other)
        return total

    def persons_and_repeats(self) -> tuple[int, int]:
        if self.summary is not None:
            return self.summary.persons, self.summary.repeat_persons
        return sum(1 for n in self.pseudonyms.values() if n > 0), sum(1 for n in self.pseudonyms.values() if n > 1)

    def to_json(self) -> dict[str, object]:
        """For a stored rollup; histogram keys become strings (JSON)."""
        return {
            "situations": self.situations,
            "by_urgency": dict(self.by_urgency),
            "without_offence": self.without_offence,
            "crisis_requested": self.crisis_requested,
            "waits": _pairs(self.waits),
            "on_site": {u: _pairs(h) for u, h in self.on_site.items()},
            "follow_ups": dict(self.follow_ups),
            "pseudonyms": dict(self.pseudonyms),
            "evaluated": self.evaluated,
            "improper_calls": self.improper_calls,
            "evaluations": self.evaluations,
            "tensions": dict(self.tensions),
            "requests": dict(self.requests),
            "consulted": self.consulted,
            "triaged": self.triaged,
            "triage_agreed": self.triage_agreed,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Aggregate:
        def counter(key: str) -> Counter[str]:
            return Counter({str(k): int(v) for k, v in (data.get(key) or {}).items()})

        def histogram(raw: list[list[int]] | None) -> Counter[int]:
            # Two parallel lists (values, counts): JSON gives ints back without converting each key.
            return Counter(dict(zip(raw[0], raw[1], strict=True))) if raw else Counter()

        return cls(
            situations=int(data.get("situations", 0)),
            by_urgency=counter("by_urgency"),
            without_offence=int(data.get("without_offence", 0)),
            crisis_requested=int(data.get("crisis_requested", 0)),
            waits=histogram(data.get("waits")),
            on_site={str(u): histogram(h) for u, h in (data.get("on_site") or {}).items()},
            follow_ups=counter("follow_ups"),
            pseudonyms=counter("pseudonyms"),
            evaluated=int(data.get("evaluated", 0)),
            improper_calls=int(data.get("improper_calls", 0)),
            evaluations=int(data.get("evaluations", 0)),
            tensions=counter("tensions"),
            requests=counter("requests"),
            consulted=int(data.get("consulted", 0)),
            triaged=int(data.get("triaged", 0)),
            triage_agreed=int(data.get("triage_agreed", 0)),
        )


def _pairs(histogram: Mapping[int, int]) -> list[list[int]]:
    values = sorted(histogram)
    return [values, [histogram[v] for v in values]]


def summarise(total: Aggregate, *, norms: Mapping[str, tuple[int, float]] = NORMS) -> Summary:
    persons, repeats = total.persons_and_repeats()
    ind = from_aggregate(total, norms=norms)
    return Summary(
        persons=persons,
        repeat_persons=repeats,
        waited=ind.waited,
        wait_median=ind.police_wait_median,  # type: ignore[arg-type]
        wait_p90=ind.police_wait_p90,  # type: ignore[arg-type]
        on_target={u: (int(v["responded"] or 0), int(v["within"] or 0)) for u, v in ind.on_target.items()},
    )


def aggregate(records: Iterable[SituationRecord]) -> Aggregate:
    total = Aggregate()
    for record in records:
        total.add(record)
    return total


def histogram_percentile(histogram: Mapping[int, int], p: float) -> int | None:
    """Nearest-rank percentile of a histogram {value: count}; the same value `percentile` gives on the raw list."""
    if not 0 < p <= 1:
        raise ValueError("p must be in (0, 1]")
    n = sum(histogram.values())
    if n == 0:
        return None
    rank = max(1, math.ceil(p * n))
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return value
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass
class Indicators:
    situations: int
    by_urgency: dict[str, int]
    without_offence: int
    crisis_requested: int
    police_wait_median: float | None
    police_wait_p90: float | None
    on_target: dict[str, dict[str, float | int | None]]
    follow_ups: dict[str, int]
    repeat_persons: int
    persons: int
    evaluated: int
    improper_calls: int
    waited: int = 0


def from_aggregate(total: Aggregate, *, norms: Mapping[str, tuple[int, float]] = NORMS) -> Indicators:
    on_target: dict[str, dict[str, float | int | None]] = {}
    for urgency, (minutes, norm) in norms.items():
        if total.summary is not None:
            responded, within = total.summary.on_target.get(urgency, (0, 0))
        else:
            histogram = total.on_site.get(urgency, Counter())
            responded = sum(histogram.values())
            within = sum(n for value, n in histogram.items() if value <= minutes)
        on_target[urgency] = {
            "responded": responded,
            "within": within,
            "share": share(within, responded),
            "target_minutes": minutes,
            "norm": norm,
        }
    persons, repeats = total.persons_and_repeats()
    summary = total.summary
    return Indicators(
        situations=total.situations,
        by_urgency=dict(sorted((k, v) for k, v in total.by_urgency.items() if v)),
        without_offence=total.without_offence,
        crisis_requested=total.crisis_requested,
        police_wait_median=summary.wait_median if summary else histogram_percentile(total.waits, 0.5),
        police_wait_p90=summary.wait_p90 if summary else histogram_percentile(total.waits, 0.9),
        on_target=on_target,
        follow_ups=dict(sorted((k, v) for k, v in total.follow_ups.items() if v)),
        repeat_persons=repeats,
        persons=persons,
        evaluated=total.evaluated,
        improper_calls=total.improper_calls,
        waited=summary.waited if summary else sum(total.waits.values()),
    )


def compute(records: Iterable[SituationRecord], *, norms: Mapping[str, tuple[int, float]] = NORMS) -> Indicators:
    return from_aggregate(aggregate(records), norms=norms)


# --- small-number suppression ----------------------------------------------------------------------------------


def suppress(cells: Mapping[str, int], *, threshold: int = 5, total_published: bool = True) -> dict[str, int | None]:
    """Hide counts from 1 to threshold-1 (None). If a total is published and exactly one cell is hidden, the
    hidden value could be found by subtracting the others from the total: then the smallest other non-zero cell is
    hidden too (complementary suppression). Zeros stay visible: they reveal no person."""
    out: dict[str, int | None] = {k: (None if 0 < v < threshold else v) for k, v in cells.items()}
    hidden = [k for k, v in out.items() if v is None]
    if total_published and len(hidden) == 1:
        candidates = sorted((v, k) for k, v in out.items() if v)
        if candidates:
            out[candidates[0][1]] = None
        elif len(cells) > 1:
            # every other cell is zero: the total itself gives the hidden cell away
            out = {k: None for k in out}
    return out


def suppress_total(total: int, *, threshold: int = 5) -> int | None:
    return None if 0 < total < threshold else total
