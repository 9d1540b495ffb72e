"""Erlang C: the exact steady state of an M/M/c queue (Poisson arrivals, exponential service, c servers, FCFS).

Used to validate the simulator and as a quick first answer to 'how many teams?'.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class ErlangC:
    arrival_rate: float  # per hour
    service_mean: float  # hours
    servers: int

    def __post_init__(self) -> None:
        if self.arrival_rate <= 0 or self.service_mean <= 0:
            raise ValueError("arrival rate and service mean must be positive")
        if self.servers < 1:
            raise ValueError("at least one server is needed")
        if self.load >= self.servers:
            raise ValueError(f"unstable: offered load {self.load:.3f} ≥ {self.servers} servers")

    @property
    def load(self) -> float:
        """Offered load a = λ·E[S] in Erlangs."""
        return self.arrival_rate * self.service_mean

    @property
    def utilisation(self) -> float:
        return self.load / self.servers

    @property
    def erlang_b(self) -> float:
        """Blocking probability of M/M/c/c, by the stable recursion B(k) = a·B(k−1) / (k + a·B(k−1))."""
        blocking = 1.0
        for k in range(1, self.servers + 1):
            blocking = self.load * blocking / (k + self.load * blocking)
        return blocking

    @property
    def p_wait(self) -> float:
        """Probability that an arrival has to wait (Erlang C)."""
        b = self.erlang_b
        return self.servers * b / (self.servers - self.load * (1 - b))

    @property
    def mean_wait(self) -> float:
        """Mean time in queue, in hours: C / (c·μ − λ)."""
        return self.p_wait / (self.servers / self.service_mean - self.arrival_rate)

    def service_level(self, threshold: float) -> float:
        """Share of arrivals that wait at most `threshold` hours: 1 − C·exp(−(c·μ − λ)·t)."""
        return 1 - self.p_wait * math.exp(-(self.servers / self.service_mean - self.arrival_rate) * threshold)
