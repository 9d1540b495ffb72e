"""`gipz import-e33 PATH`: import the police's E33 registrations per municipality (2013–2017)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gipz.monitoring.e33 import E33FormatError
from gipz.monitoring.services import E33ShrinkError, e33_import


class Command(BaseCommand):
    help = (
        "Import E33 registrations per municipality (';'-separated, Dutch numbers). A bad file imports nothing; a file "
        "that would remove municipalities imported before is refused unless --replace is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="e.g. ../shared/data/e33/e33_per_gemeente_2013_2017.csv")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="replace the years in the file even where that removes municipalities imported before",
        )

    def handle(self, *args: Any, path: str, **options: Any) -> None:
        file = Path(path)
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror or exc}") from None
        try:
            result = e33_import(data=data, source=file.name, replace=options["replace"])
        except E33FormatError as exc:
            raise CommandError(f"{path}, {exc}. Nothing was imported.") from None
        except E33ShrinkError as exc:
            raise CommandError(
                f"{path}: {exc}. Nothing was imported. Is the file complete? To replace the data set with this "
                "file, give --replace."
            ) from None
        totals = ", ".join(f"{year}: {total:,}".replace(",", ".") for year, total in result.totals.items())
        self.stdout.write(
            f"Imported {result.rows} rows: {result.municipalities} municipalities, years "
            f"{result.years[0]}–{result.years[-1]} ({totals})."
        )
