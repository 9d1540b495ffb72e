"""How close the model comes to published figures with today's staffing.

Published (the model should come close with today's roster and the default assumptions):

- Trimbos-instituut (2017; 16 crisis services, ~8,400 requests): about 60 % of requests to be seen within one hour
  were seen in time, and 92 % of those to be seen within four hours (here U2 within 60 and U3 within 240 minutes).
- VZinfo/RIVM: 47,492 contacts of adults with a GGZ crisis service in 2021, ~272 per 100,000 inhabitants.
- Police present at the team's calls: Amsterdam's psycholance 10–20 %, Stockholm's PAM 3 %, CAHOOTS under 1 %.

Each model figure is the median over several simulated years (seeds), with the lowest and highest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from .region import RegionResult, simulate_region
from .scenario import Scenario


@dataclass(frozen=True)
class Published:
    code: str
    low: float  # the published value, or the low end of a published range
    high: float
    source: str


PUBLISHED: tuple[Published, ...] = (
    Published("U2_within_60", 0.60, 0.60, "Trimbos-instituut 2017: ~60 % of 'within one hour' requests on time"),
    Published("U3_within_240", 0.92, 0.92, "Trimbos-instituut 2017: 92 % of 'within four hours' requests on time"),
    Published("visits_per_100k", 272.0, 272.0, "VZinfo/RIVM: 47,492 crisis-service contacts in 2021 (adults)"),
    Published("police_present", 0.10, 0.20, "Amsterdam psycholance 10–20 % (Stockholm PAM 3 %, CAHOOTS < 1 %)"),
)


@dataclass(frozen=True)
class CalibrationRow:
    code: str
    published_low: float
    published_high: float
    model_median: float | None
    model_low: float | None
    model_high: float | None
    source: str

    @property
    def gap(self) -> float | None:
        """How far the model's median lies outside the published value or range (0 inside it)."""
        if self.model_median is None:
            return None
        if self.model_median < self.published_low:
            return self.model_median - self.published_low
        if self.model_median > self.published_high:
            return self.model_median - self.published_high
        return 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "gap": self.gap}


def _measure(result: RegionResult, code: str, population: float) -> float | None:
    if code == "visits_per_100k":
        return result.calls_per_year / population * 100_000 if population else None
    if code == "police_present":
        return result.police_calls / result.calls if result.calls else None
    urgency, _, minutes = code.partition("_within_")
    waits = next((u for u in result.urgencies if u.code == urgency), None)
    if waits is None or waits.calls == 0:
        return None
    if float(minutes) != waits.target_minutes:
        raise ValueError(f"{urgency}: the calibration needs its target at {minutes} minutes")
    return waits.within_target


def calibrate(scenario: Scenario, *, population: float, seeds: Sequence[int]) -> list[CalibrationRow]:
    """Simulate `scenario` (today's roster) once per seed and set each measure's median and spread beside the
    published figure. `population` is the region's, for the visits per 100,000 inhabitants."""
    results = [simulate_region(replace(scenario, seed=seed)) for seed in seeds]
    rows = []
    for published in PUBLISHED:
        values = sorted(v for r in results if (v := _measure(r, published.code, population)) is not None)
        rows.append(
            CalibrationRow(
                code=published.code,
                published_low=published.low,
                published_high=published.high,
                model_median=values[len(values) // 2] if values else None,
                model_low=values[0] if values else None,
                model_high=values[-1] if values else None,
                source=published.source,
            )
        )
    return rows
