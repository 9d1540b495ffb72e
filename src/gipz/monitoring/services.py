"""Writes for monitoring: importing reference data."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from gipz.core.audit import audit_record
from gipz.monitoring.e33 import parse_e33
from gipz.monitoring.models import E33Registration
from gipz.monitoring.research import research_export


@dataclass(frozen=True)
class E33ImportResult:
    municipalities: int
    years: tuple[int, ...]
    rows: int
    totals: dict[int, int]


class E33ShrinkError(ValueError):
    """The file would remove municipalities already imported for its years (a cut-off file, or another data set)."""

    def __init__(self, *, missing: int, present: int, years: tuple[int, ...], examples: list[str]) -> None:
        super().__init__(
            f"the file would remove {missing} of the {present} municipalities already imported for "
            f"{years[0]}–{years[-1]} (for example {', '.join(examples)})"
        )
        self.missing = missing
        self.present = present


def e33_import(*, data: bytes, source: str, replace: bool = False) -> E33ImportResult:
    """Check the whole file first (E33FormatError names the line), then replace the imported years in one
    transaction: a broken file imports nothing, and importing the same file twice changes nothing. A file that
    lacks municipalities already imported for its years is refused (E33ShrinkError) unless `replace` is given."""
    rows = parse_e33(data)
    years = tuple(sorted({row.year for row in rows}))
    now = timezone.now()
    with transaction.atomic():
        present = set(
            E33Registration.objects.filter(year__in=years).values_list("municipality_code", flat=True).distinct()
        )
        missing = sorted(present - {row.code for row in rows})
        if missing and not replace:
            raise E33ShrinkError(missing=len(missing), present=len(present), years=years, examples=missing[:5])
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
        audit_record(
            actor=None,
            event_type="e33.imported",
            obj=("monitoring.e33registration", "-".join(str(y) for y in years)),
            new={
                "source": source,
                "years": list(years),
                "rows": len(rows),
                "totals": {str(k): v for k, v in totals.items()},
            },
        )
    return E33ImportResult(municipalities=len({row.code for row in rows}), years=years, rows=len(rows), totals=totals)


def research_export_write(*, year: int, fmt: str, path: Path) -> int:
    """Write the researchers' export and record that it was made (pseudonymised data are still personal data)."""
    text, count = research_export(year=year, fmt=fmt)
    path.write_text(text, encoding="utf-8")
    with transaction.atomic():
        audit_record(
            actor=None,
            event_type="research.exported",
            obj=("monitoring.research_export", str(year)),
            new={"year": year, "rows": count, "format": fmt, "file": path.name},
        )
    return count
