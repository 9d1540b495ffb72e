"""Writes for monitoring: importing reference data."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from gipz.core.audit import audit_record
from gipz.monitoring.e33 import parse_e33
from gipz.monitoring.models import E33Registration


@dataclass(frozen=True)
class E33ImportResult:
    municipalities: int
    years: tuple[int, ...]
    rows: int
    totals: dict[int, int]


def e33_import(*, data: bytes, source: str) -> E33ImportResult:
    """Check the whole file first (E33FormatError names the line), then replace the imported years in one
    transaction: a broken file imports nothing, and importing the same file twice changes nothing."""
    rows = parse_e33(data)
    years = tuple(sorted({row.year for row in rows}))
    now = timezone.now()
    with transaction.atomic():
        E33Registration.objects.filter(year__in=years).delete()
        E33Registration.objects.bulk_create(
            [
                E33Registration(
                    municipality_code=row.code,
                    municipality_name=row.name,
                    year=row.year,
                    count=row.count,
                    per_1000=row.per_1000,
                    source=source[:200],
                    imported_at=now,
                )
                for row in rows
            ]
        )
        totals = {year: sum(r.count for r in rows if r.year == year) for year in years}
        first = E33Registration.objects.filter(year=years[0]).order_by("pk").first()
        assert first is not None
        audit_record(
            actor=None,
            event_type="e33.imported",
            obj=first,
            new={
                "source": source,
                "years": list(years),
                "rows": len(rows),
                "totals": {str(k): v for k, v in totals.items()},
            },
        )
    return E33ImportResult(municipalities=len({row.code for row in rows}), years=years, rows=len(rows), totals=totals)
