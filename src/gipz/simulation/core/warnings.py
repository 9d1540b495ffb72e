"""When a simulated year says little: no team on duty, calls no team ever reached, or a roster that cannot keep up
(its response times and officer-hours then grow with the length of the run, not with the region). Pure Python; the
CLI and the web page word the warnings themselves."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Busier than this, the queue only grows: what the model reports is the length of the run.
OVERLOADED_UTILISATION = 0.95
OVERLOADED_MEAN_RESPONSE_MINUTES = 24 * 60


@dataclass(frozen=True)
class RosterWarning:
    code: str  # "no_team", "unserved", "overloaded"
    calls: int = 0  # no_team / unserved: calls that no team ever reached
    utilisation: float | None = None  # overloaded


def roster_warnings(result: dict[str, Any], *, team_hours_per_week: float) -> list[RosterWarning]:
    """What is wrong with the roster behind `result` (RegionResult.to_dict()), most serious first."""
    found = []
    unserved = int(result.get("unserved") or 0)
    if team_hours_per_week <= 0:
        found.append(RosterWarning("no_team", calls=unserved))
    elif unserved:
        found.append(RosterWarning("unserved", calls=unserved))
    utilisation = result.get("utilisation")
    slowest = max((u.get("response_mean") or 0.0 for u in result.get("urgencies", [])), default=0.0)
    if team_hours_per_week > 0 and (
        (utilisation is not None and utilisation >= OVERLOADED_UTILISATION)
        or slowest >= OVERLOADED_MEAN_RESPONSE_MINUTES
    ):
        found.append(RosterWarning("overloaded", utilisation=utilisation))
    return found
