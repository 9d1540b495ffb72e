from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from gipz.demo.national_history import generate_national_history
from gipz.monitoring.rollups import rebuild


class Command(BaseCommand):
    help = "Write synthetic national history (default: 10 years, 1.5 million situations) and rebuild the rollups."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--situations", type=int, default=1_500_000)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--last-year", type=int, default=2025)
        parser.add_argument("--seed", type=int, default=33)

    def handle(self, *args: Any, situations: int, years: int, last_year: int, seed: int, **options: Any) -> None:
        if situations < 1 or not 1 <= years <= 30:
            self.stderr.write("Kies ten minste 1 melding en 1 tot 30 jaar.")
            raise SystemExit(2)
        with tqdm(total=situations, unit="meldingen", disable=options["verbosity"] == 0) as bar:
            made = generate_national_history(
                total=situations, last_year=last_year, years=years, seed=seed, progress=bar.update
            )
        months = rebuild()
        self.stdout.write(f"{made} synthetic situations written; {months} municipality-months of rollups rebuilt.")
