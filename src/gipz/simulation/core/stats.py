"""Small statistics helpers for sorted samples (no numpy needed for a few hundred thousand values)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence


def percentile(ordered: Sequence[float], q: float) -> float | None:
    """The q-quantile (0 ≤ q ≤ 1) of an ascending sample, interpolating linearly; None for an empty sample."""
    if not ordered:
        return None
    position = q * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def histogram(ordered: Sequence[float], *, edges: Sequence[float]) -> list[tuple[float | None, int]]:
    """Counts per bucket `(previous edge, edge]`; a last bucket with edge None holds everything above."""
    counts: list[tuple[float | None, int]] = []
    below = 0
    for edge in edges:
        up_to = bisect_right(ordered, edge)
        counts.append((edge, up_to - below))
        below = up_to
    counts.append((None, len(ordered) - below))
    return counts


def share_at_most(ordered: Sequence[float], limit: float) -> float | None:
    """Share of an ascending sample that is ≤ limit; None for an empty sample."""
    return bisect_right(ordered, limit) / len(ordered) if ordered else None


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None
