from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gipz.monitoring.rollups import rebuild, refresh_dirty


class Command(BaseCommand):
    help = "Monthly monitoring rollups: 'refresh' the stale months now, or 'rebuild' them all from the raw rows."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["refresh", "rebuild"])
        parser.add_argument("--year", type=int, help="rebuild only this year")

    def handle(self, *args: Any, action: str, year: int | None, **options: Any) -> None:
        if action == "rebuild":
            self.stdout.write(f"{rebuild(year=year)} municipality-months rebuilt.")
            return
        total = 0
        while done := refresh_dirty():
            total += done
        self.stdout.write(f"{total} stale municipality-months refreshed.")
