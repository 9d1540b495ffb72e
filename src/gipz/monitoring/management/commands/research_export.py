"""`gipz research-export --year YYYY --format csv|json --out PATH`: coarsened, pseudonymised microdata."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gipz.monitoring.services import research_export_write


class Command(BaseCommand):
    help = "Export one year of meldingen for researchers: weeks, rounded times, pseudonyms, no names or addresses."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument("--out", required=True, help="file to write")

    def handle(self, *args: Any, year: int, out: str, **options: Any) -> None:
        if not 2000 <= year <= 2100:
            raise CommandError(f"--year {year} is out of range (2000–2100)")
        try:
            count = research_export_write(year=year, fmt=options["format"], path=Path(out))
        except OSError as exc:
            raise CommandError(f"cannot write {out}: {exc.strerror or exc}") from None
        self.stdout.write(f"{count} meldingen of {year} written to {out}.")
