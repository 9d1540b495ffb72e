from typing import Any

from django.core.management.base import BaseCommand

from gipz.geo.models import Municipality
from gipz.monitoring.national import load_national


class Command(BaseCommand):
    help = "Add every Dutch municipality (2018 boundaries, population estimated from the E33 figures)."

    def handle(self, *args: Any, **options: Any) -> None:
        added = load_national(Municipality)
        self.stdout.write(f"{added} municipalities added; {Municipality.objects.count()} in all.")
