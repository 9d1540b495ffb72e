"""Arrival rates from the E33 baseline: per-municipality police registrations 2013–2017, scaled to a chosen year.

The per-municipality counts stop at 2017; national totals run to 2024. A municipality's share of the national
count is taken from its latest year and applied to the national total of the chosen year.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# The E33 file format belongs to the monitoring app's import, the municipal history to geo; both are plain Python.
from gipz.geo.history import sources_of, successor_shares
from gipz.geo.reference import shipped_changes
from gipz.monitoring.e33 import MUNICIPAL_FILE, YEARS, dutch_integer, parse_e33

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
LATEST_MUNICIPAL_YEAR = 2017
MUNICIPAL_YEARS = YEARS


@dataclass(frozen=True)
class E33Municipality:
    code: str
    name: str
    counts: dict[int, int]  # year → registrations


def read_municipal(path: Path = MUNICIPAL_FILE) -> dict[str, E33Municipality]:
    rows: dict[str, E33Municipality] = {}
    for row in parse_e33(path.read_bytes()):  # the same strict parser as `gipz import-e33`
        found = rows.setdefault(row.code, E33Municipality(code=row.code, name=row.name, counts={}))
        found.counts[row.year] = row.count
    return rows


def read_national(directory: Path = DATA_DIR) -> dict[int, int]:
    totals: dict[int, int] = {}
    with (directory / "e33_nationaal_2011_2017.csv").open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.reader(handle, delimiter=";"):
            if len(row) == 2:
                totals[int(row[0])] = dutch_integer(row[1])
    with (directory / "national_later_years.csv").open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle, delimiter=";"):
            totals[int(record["year"])] = int(record["count"])
    return totals


def national_total(year: int, totals: dict[int, int], *, growth_per_year: float = 0.0) -> float:
    """The national count for `year`: known, linearly interpolated, or the last known one grown by `growth_per_year`."""
    first, last = min(totals), max(totals)
    if year < first:
        raise ValueError(f"no E33 figures before {first}")
    if year in totals:
        return float(totals[year])
    if year > last:
        return totals[last] * (1 + growth_per_year) ** (year - last)
    before = max(y for y in totals if y < year)
    after = min(y for y in totals if y > year)
    fraction = (year - before) / (after - before)
    return totals[before] + (totals[after] - totals[before]) * fraction


def arrivals_per_year(
    codes: Iterable[str],
    year: int,
    *,
    growth_per_year: float = 0.0,
    municipal: dict[str, E33Municipality] | None = None,
    national: dict[int, int] | None = None,
) -> dict[str, float]:
    """Expected E33 registrations in `year` per municipality code, scaled from the latest municipal year."""
    municipal = read_municipal() if municipal is None else municipal
    national = read_national() if national is None else national
    factor = national_total(year, national, growth_per_year=growth_per_year) / national[LATEST_MUNICIPAL_YEAR]
    result: dict[str, float] = {}
    # A municipality formed after 2017 carries its predecessors' registrations (a split: their share of them).
    sources = sources_of(list(codes), successor_shares(shipped_changes()))
    for code, parts in sources.items():
        known = {c: share for c, share in parts.items() if c in municipal}
        if not known:
            raise KeyError(f"no E33 figures for municipality {code}")
        latest = sum(float(share) * municipal[c].counts[LATEST_MUNICIPAL_YEAR] for c, share in known.items())
        result[code] = latest * factor
    return result
