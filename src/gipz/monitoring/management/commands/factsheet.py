"""`gipz factsheet GMxxxx --year YYYY --format json|html|pdf [--out PATH]`, and
`gipz factsheet --all --year YYYY --format pdf --out DIR` (with a progress bar)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from gipz.geo.models import Municipality
from gipz.monitoring.factsheet import build_factsheet
from gipz.monitoring.presentation import factsheet_html, factsheet_pdf

EXTENSIONS = {"json": "json", "html": "html", "pdf": "pdf"}


def render(municipality: Municipality, year: int, fmt: str) -> bytes:
    if fmt == "json":
        sheet = build_factsheet(municipality=municipality, year=year)
        return (json.dumps(sheet, ensure_ascii=False, indent=2) + "\n").encode()
    if fmt == "html":
        return factsheet_html(municipality, year).encode()
    return factsheet_pdf(municipality, year)


class Command(BaseCommand):
    help = "Factsheet of a municipality for a year (every indicator, small numbers suppressed), or of all of them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", nargs="?", help="CBS municipality code, e.g. GM0344")
        parser.add_argument("--all", action="store_true", help="every active municipality (needs --out DIR)")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=sorted(EXTENSIONS), default="json")
        parser.add_argument("--out", help="file (one municipality) or folder (--all); default: standard output")

    def handle(self, *args: Any, code: str | None, year: int, out: str | None, **options: Any) -> None:
        fmt = options["format"]
        if not 2000 <= year <= 2100:
            raise CommandError(f"--year {year} is out of range (2000–2100)")
        if options["all"]:
            if code:
                raise CommandError("give a municipality code or --all, not both")
            if not out:
                raise CommandError("--all needs --out DIR (a folder for one file per municipality)")
            self._all(year, fmt, Path(out))
            return
        if not code:
            raise CommandError("give a CBS municipality code (e.g. GM0344) or --all")
        municipality = Municipality.objects.filter(code=code.upper()).first()
        if municipality is None:
            raise CommandError(f"unknown municipality code {code!r} (use a CBS code such as GM0344)")
        if fmt == "pdf" and not out:
            raise CommandError("--format pdf needs --out PATH")
        data = render(municipality, year, fmt)
        if out:
            self._write(Path(out), data)
            self.stdout.write(f"Factsheet written to {out}.")
        else:
            self.stdout.write(data.decode())

    def _all(self, year: int, fmt: str, folder: Path) -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CommandError(f"cannot make {folder}: {exc.strerror or exc}") from None
        municipalities = list(Municipality.objects.filter(active=True).order_by("code"))
        for municipality in tqdm(municipalities, desc="factsheets", unit="gemeente", disable=None):
            self._write(
                folder / f"factsheet-{municipality.code}-{year}.{EXTENSIONS[fmt]}", render(municipality, year, fmt)
            )
        self.stdout.write(f"{len(municipalities)} factsheets written to {folder}.")

    @staticmethod
    def _write(path: Path, data: bytes) -> None:
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from None
