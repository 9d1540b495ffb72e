"""A fast M/M/c simulator (FCFS): each arrival takes the server that frees first, so a heap of free times suffices."""

from __future__ import annotations

import heapq
import random
from dataclasses import dataclass


@dataclass(frozen=True)
class MMcResult:
    customers: int
    p_wait: float
    mean_wait: float  # hours
    service_level: float  # share that waited at most the threshold
    utilisation: float


def simulate_mmc(
    *,
    arrival_rate: float,
    service_mean: float,
    servers: int,
    wait_threshold: float,
    horizon: float,
    seed: int,
    warm_up: float | None = None,
) -> MMcResult:
    """Simulate `horizon` hours; statistics count arrivals after the warm-up (default 5 % of the horizon)."""
    if arrival_rate <= 0 or service_mean <= 0 or servers < 1 or horizon <= 0 or wait_threshold < 0:
        raise ValueError("rates, means, servers and horizon must be positive; the threshold not negative")
    rng = random.Random(seed)
    expovariate = rng.expovariate
    service_rate = 1 / service_mean
    warm_up = horizon * 0.05 if warm_up is None else warm_up
    free_at = [0.0] * servers  # a heap: when each server is next free
    t = 0.0
    counted = waited = within = 0
    total_wait = busy = 0.0
    while True:
        t += expovariate(arrival_rate)
        if t >= horizon:
            break
        service = expovariate(service_rate)
        start = max(t, free_at[0])
        heapq.heapreplace(free_at, start + service)
        if t < warm_up:
            continue
        wait = start - t
        counted += 1
        total_wait += wait
        busy += service
        if wait > 0:
            waited += 1
        if wait <= wait_threshold:
            within += 1
    if counted == 0:
        raise ValueError("no arrivals after the warm-up: lengthen the horizon")
    return MMcResult(
        customers=counted,
        p_wait=waited / counted,
        mean_wait=total_wait / counted,
        service_level=within / counted,
        utilisation=busy / (servers * (horizon - warm_up)),
    )
