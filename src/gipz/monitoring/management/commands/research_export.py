"""`gipz research-export --year YYYY --format csv|json --out PATH`: coarsened, pseudonymised microdata."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from gipz.core.audit import audit_record
from gipz.geo.models import Municipality
from gipz.monitoring.research import research_export


class Command(BaseCommand):
    help = "Export one year of meldingen for researchers: weeks, rounded times, pseudonyms, no names or addresses."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument("--out", required=True, help="file to write")

    def handle(self, *args: Any, year: int, out: str, **options: Any) -> None:
        if not 2000 <= year <= 2100:
            raise CommandError(f"--year {year} is out of range (2000–2100)")
        text, count = research_export(year=year, fmt=options["format"])
        try:
            Path(out).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"cannot write {out}: {exc.strerror or exc}") from None
        with transaction.atomic():
            anchor = Municipality.objects.order_by("pk").first()
            if anchor is not None:
                audit_record(
                    actor=None,
                    event_type="research.exported",
                    obj=anchor,
                    new={"year": year, "rows": count, "format": options["format"], "file": Path(out).name},
                )
        self.stdout.write(f"{count} meldingen of {year} written to {out}.")
