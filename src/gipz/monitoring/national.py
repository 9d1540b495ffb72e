"""The national municipality list (2018 boundaries), from the shipped E33 file: every municipality's CBS code and
name, with its population estimated from the police's own figures (E33 count 2017 ÷ E33 per 1,000 inhabitants
2017). Municipalities already present (Midden-Nederland, with CBS population and safety region) keep their data."""

from __future__ import annotations

from typing import Any

from gipz.monitoring.e33 import MERGED_INTO, MUNICIPAL_FILE, parse_e33

# Predecessors of a later merger that the app knows (the merged municipality carries their figures).
_MERGED_AWAY = {code for group in MERGED_INTO.values() for code in group}


def national_rows() -> list[dict[str, Any]]:
    """One dict per municipality of the 2018 list: code, name, population (estimate), population_year, active."""
    rows = [r for r in parse_e33(MUNICIPAL_FILE.read_bytes()) if r.year == 2017]
    return [
        {
            "code": r.code,
            "name": r.name,
            "population": round(r.count * 1000 / r.per_1000) if r.per_1000 > 0 else None,
            "population_year": 2017,
            "active": r.code not in _MERGED_AWAY,
        }
        for r in sorted(rows, key=lambda r: r.code)
    ]


def load_national(municipality_model: Any) -> int:
    """Add the municipalities that are missing; returns how many were added. Existing rows are left alone."""
    existing = set(municipality_model.objects.values_list("code", flat=True))
    new = [municipality_model(**row) for row in national_rows() if row["code"] not in existing]
    municipality_model.objects.bulk_create(new, batch_size=500)
    return len(new)
