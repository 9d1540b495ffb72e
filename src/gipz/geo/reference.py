"""Load municipality reference data from the CSV files shipped with the app."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"
MIDDEN_NEDERLAND_CSV = DATA_DIR / "midden_nederland.csv"


def load_midden_nederland(municipality_model: Any, region_model: Any) -> int:
    """Upsert the 39 municipalities of police unit Midden-Nederland. Returns the number of rows read."""
    count = 0
    with MIDDEN_NEDERLAND_CSV.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
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
