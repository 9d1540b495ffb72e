"""Load the municipal reference data shipped with the app (geo/data/README.md gives every source).

- `veiligheidsregios.csv`: the 25 safety regions and their police unit;
- `gemeenten_2023.csv`: the 342 municipalities valid since 1 January 2023, with their safety region;
- `herindelingen_2017_2023.csv`: every change since the division of 1 January 2017 (the E33 file's 388
  municipalities): predecessor, successor, share of the predecessor's population, legal date, source;
- `midden_nederland.csv`: CBS population on 1 January 2020 for the 39 municipalities of police unit Midden-Nederland;
- `inwoners_2017_e33.csv`: the population of 2017 derived from the police's E33 rates (count ÷ rate per 1,000; the
  latest earlier year for a municipality without E33 registrations in 2017), used as an estimate where no CBS figure
  ships, mapped onto today's municipalities through the shares.

Works with the migration's historical models as well as the real ones (it only uses managers and fields).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"
MIDDEN_NEDERLAND_CSV = DATA_DIR / "midden_nederland.csv"
REGIONS_CSV = DATA_DIR / "veiligheidsregios.csv"
CURRENT_CSV = DATA_DIR / "gemeenten_2023.csv"
CHANGES_CSV = DATA_DIR / "herindelingen_2017_2023.csv"
POPULATION_2017_CSV = DATA_DIR / "inwoners_2017_e33.csv"
# When the shipped list was last checked against CBS's "Gebieden in Nederland" (docs/monitoring.md says what was found).
CHECKED_ON = date(2026, 12, 1)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def changes() -> list[dict[str, Any]]:
    """The shipped changes: predecessor and successor codes and names, share, legal date, source."""
    return [
        {
            "date": date.fromisoformat(r["datum"]),
            "old_code": r["oude_code"],
            "old_name": r["oude_naam"],
            "new_code": r["nieuwe_code"],
            "new_name": r["nieuwe_naam"],
            "share": Decimal(r["aandeel"]),
            "source": r["bron"],
        }
        for r in _rows(CHANGES_CSV)
    ]


def populations(current: list[dict[str, str]], moved: list[dict[str, Any]]) -> dict[str, tuple[int, int, bool]]:
    """code -> (population, year, estimated) for today's municipalities: CBS 2020 where shipped, else the 2017
    figure derived from the E33 rates, with the predecessors' figures carried over by their shares."""
    cbs = {r["gm_code"]: int(r["population_2020"]) for r in _rows_comma(MIDDEN_NEDERLAND_CSV)}
    derived = {r["code"]: (int(r["inwoners"]), int(r["jaar"])) for r in _rows(POPULATION_2017_CSV)}
    carried: dict[str, Decimal] = defaultdict(Decimal)
    years: dict[str, int] = {}
    gone = {c["old_code"] for c in moved}
    for code, (value, year) in derived.items():
        if code not in gone:
            carried[code] += value
            years[code] = year
    for change in moved:
        value, year = derived[change["old_code"]]
        carried[change["new_code"]] += change["share"] * value
        years[change["new_code"]] = min(year, years.get(change["new_code"], year))
    out: dict[str, tuple[int, int, bool]] = {}
    for row in current:
        code = row["code"]
        if code in cbs:
            out[code] = (cbs[code], 2020, False)
        elif carried.get(code):
            out[code] = (round(carried[code]), years[code], True)
    return out


def load_reference(municipality_model: Any, region_model: Any, succession_model: Any) -> int:
    """Upsert the safety regions, today's municipalities, the dissolved ones and the successions. Idempotent;
    returns the number of municipalities known afterwards."""
    regions = {}
    for row in _rows(REGIONS_CSV):
        regions[row["code"]], _ = region_model.objects.update_or_create(
            code=row["code"], defaults={"name": row["naam"], "police_unit": row["politie_eenheid"]}
        )
    current = _rows(CURRENT_CSV)
    moved = changes()
    born = {c["new_code"]: c["date"] for c in moved}
    dissolved = {c["old_code"] for c in moved}
    people = populations(current, moved)
    by_code = {}
    for row in current:
        region = regions[row["veiligheidsregio"]]
        population = people.get(row["code"])
        by_code[row["code"]], _ = municipality_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["naam"],
                "safety_region": region,
                "police_unit": region.police_unit,
                "active": True,
                "valid_from": born.get(row["code"]) if row["code"] not in dissolved else None,
                "valid_until": None,
                **(
                    {
                        "population": population[0],
                        "population_year": population[1],
                        "population_estimated": population[2],
                    }
                    if population
                    else {}
                ),
            },
        )
    for change in moved:
        successor = by_code[change["new_code"]]
        predecessor, _ = municipality_model.objects.update_or_create(
            code=change["old_code"],
            defaults={
                "name": change["old_name"],
                "active": False,
                "valid_until": change["date"] - timedelta(days=1),
            },
        )
        if predecessor.safety_region_id is None:  # a dissolved municipality is shown in its successor's region
            predecessor.safety_region = successor.safety_region
            predecessor.police_unit = successor.police_unit
            predecessor.save(update_fields=["safety_region", "police_unit"])
        succession_model.objects.update_or_create(
            predecessor=predecessor,
            successor=successor,
            defaults={"share": change["share"], "legal_date": change["date"], "source": change["source"]},
        )
    return int(municipality_model.objects.count())


def load_midden_nederland(municipality_model: Any, region_model: Any) -> int:
    """The first reference data (migration 0002): the 39 municipalities of police unit Midden-Nederland with their
    CBS population of 2020. Kept for that migration; `load_reference` now loads the whole country."""
    count = 0
    for row in _rows_comma(MIDDEN_NEDERLAND_CSV):
        region, _ = region_model.objects.update_or_create(
            code=row["safety_region_code"], defaults={"name": row["safety_region"]}
        )
        municipality_model.objects.update_or_create(
            code=row["gm_code"],
            defaults={
                "name": row["name"],
                "safety_region": region,
                "police_unit": "Midden-Nederland",
                "population": int(row["population_2020"]),
                "population_year": 2020,
                "active": row["gm_code"] != "GM0457",  # Weesp merged into Amsterdam in 2022
            },
        )
        count += 1
    return count


def _rows_comma(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def shipped_changes() -> list[tuple[str, str, Decimal]]:
    """The shipped changes as (predecessor, successor, share) for geo/history.py (no database needed)."""
    return [(c["old_code"], c["new_code"], c["share"]) for c in changes()]
