"""Indicator maths for the factsheet, as pure functions over plain records (no Django).

Definitions (docs/monitoring.md repeats them for readers):
- police waiting time: from the melding to the handover to care (police released), in minutes;
- on site within target: share of situations with a crisis-team response that were on site within the urgency's
  target, set against the field's norms (U2 ≥ 90 % within 60 min, U3 ≥ 85 % within 240 min);
- percentiles use the nearest-rank method (the value at rank ⌈p·n⌉), so every reported value really occurred.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

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
    police_wait_minutes: float | None
    on_site_minutes: float | None
    follow_ups: tuple[str, ...] = ()
    person_pseudonym: str = ""
    improper_call: bool | None = None  # None: not evaluated


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
    extra: dict[str, object] = field(default_factory=dict)


def compute(records: Iterable[SituationRecord], *, norms: Mapping[str, tuple[int, float]] = NORMS) -> Indicators:
    items = list(records)
    waits = [r.police_wait_minutes for r in items if r.police_wait_minutes is not None]
    on_target: dict[str, dict[str, float | int | None]] = {}
    for urgency, (minutes, norm) in norms.items():
        responded = [r for r in items if r.urgency == urgency and r.on_site_minutes is not None]
        within = sum(1 for r in responded if r.on_site_minutes is not None and r.on_site_minutes <= minutes)
        on_target[urgency] = {
            "responded": len(responded),
            "within": within,
            "share": share(within, len(responded)),
            "target_minutes": minutes,
            "norm": norm,
        }
    pseudonyms = Counter(r.person_pseudonym for r in items if r.person_pseudonym)
    evaluated = [r for r in items if r.improper_call is not None]
    return Indicators(
        situations=len(items),
        by_urgency=dict(sorted(Counter(r.urgency for r in items).items())),
        without_offence=sum(1 for r in items if r.offence == "no"),
        crisis_requested=sum(1 for r in items if r.crisis_requested),
        police_wait_median=median(waits),
        police_wait_p90=percentile(waits, 0.9),
        on_target=on_target,
        follow_ups=dict(sorted(Counter(kind for r in items for kind in r.follow_ups).items())),
        repeat_persons=sum(1 for n in pseudonyms.values() if n > 1),
        persons=len(pseudonyms),
        evaluated=len(evaluated),
        improper_calls=sum(1 for r in evaluated if r.improper_call),
    )


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
