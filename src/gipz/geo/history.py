"""Figures of earlier municipalities shown on today's: pure Python, no Django (the simulation core uses it too).

A change is (predecessor code, successor code, share): a merger has share 1, a split one row per successor with
shares adding up to 1. Chains are followed (a municipality merged in 2019 into one merged again in 2022), so every
code of the 2017 division reaches today's municipalities. Counts are apportioned with the largest-remainder method,
so a split never creates or loses a registration: the country's total is the same before and after mapping.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction

Change = tuple[str, str, Decimal]  # predecessor code, successor code, share


def successor_shares(changes: Iterable[Change]) -> dict[str, dict[str, Fraction]]:
    """For every predecessor: today's municipalities it went to, with the share of it each received."""
    direct: dict[str, dict[str, Fraction]] = defaultdict(dict)
    for old, new, share in changes:
        direct[old][new] = Fraction(share)

    def resolve(code: str, seen: frozenset[str]) -> dict[str, Fraction]:
        if code not in direct:
            return {code: Fraction(1)}
        if code in seen:
            raise ValueError(f"the changes go round in a circle at {code}")
        out: dict[str, Fraction] = defaultdict(Fraction)
        for new, share in direct[code].items():
            for final, part in resolve(new, seen | {code}).items():
                out[final] += share * part
        return dict(out)

    return {old: resolve(old, frozenset()) for old in direct}


def check_complete(changes: Iterable[Change]) -> list[str]:
    """Predecessors whose shares do not add up to one: each would gain or lose part of its history."""
    totals: dict[str, Fraction] = defaultdict(Fraction)
    for old, _new, share in changes:
        totals[old] += Fraction(share)
    return sorted(old for old, total in totals.items() if total != 1)


def apportion(count: int, shares: Mapping[str, Fraction]) -> dict[str, int]:
    """Split a whole count over the shares, whole numbers that add up to `count` (largest remainder first)."""
    exact = {code: count * share for code, share in shares.items()}
    whole = {code: int(value) for code, value in exact.items()}
    left = count - sum(whole.values())
    for code in sorted(exact, key=lambda c: (-(exact[c] - whole[c]), c))[:left]:
        whole[code] += 1
    return whole


def on_today(counts: Mapping[str, int], forward: Mapping[str, Mapping[str, Fraction]]) -> dict[str, int]:
    """Counts by the code they were recorded under, shown on today's municipalities."""
    out: dict[str, int] = defaultdict(int)
    for code, count in counts.items():
        if code in forward:
            for today, part in apportion(count, forward[code]).items():
                out[today] += part
        else:
            out[code] += count
    return dict(out)


def sources_of(codes: Iterable[str], forward: Mapping[str, Mapping[str, Fraction]]) -> dict[str, dict[str, Fraction]]:
    """For each of today's codes: the codes whose figures it carries, with the share (itself with one)."""
    out: dict[str, dict[str, Fraction]] = {code: {code: Fraction(1)} for code in codes}
    for old, targets in forward.items():
        for today, share in targets.items():
            if today in out:
                out[today][old] = share
    return out
