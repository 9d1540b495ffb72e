"""`gipz factsheet GMxxxx --year YYYY --format json [--out PATH]`: one municipality's factsheet."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gipz.geo.models import Municipality
from gipz.monitoring.factsheet import build_factsheet


class Command(BaseCommand):
    help = "The factsheet of a municipality for a year (JSON: every indicator, suppressed below the threshold)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="CBS municipality code, e.g. GM0344")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["json"], default="json")
        parser.add_argument("--out", help="write to this file instead of standard output")

    def handle(self, *args: Any, code: str, year: int, out: str | None, **options: Any) -> None:
        municipality = Municipality.objects.filter(code=code.upper()).first()
        if municipality is None:
            raise CommandError(f"unknown municipality code {code!r} (use a CBS code such as GM0344)")
        if not 2000 <= year <= 2100:
            raise CommandError(f"--year {year} is out of range (2000–2100)")
        text = json.dumps(build_factsheet(municipality=municipality, year=year), ensure_ascii=False, indent=2)
        if out:
            try:
                Path(out).write_text(text + "\n", encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"cannot write {out}: {exc.strerror or exc}") from None
            self.stdout.write(f"Factsheet written to {out}.")
        else:
            self.stdout.write(text)
