from typing import Any

from django.core.management.base import BaseCommand

from gipz.geo.models import Municipality, MunicipalitySuccession, SafetyRegion
from gipz.geo.reference import load_reference


class Command(BaseCommand):
    help = (
        "Reload the shipped municipal reference data: today's 342 municipalities and 25 safety regions, the ones "
        "dissolved since 2017 and where they went (the migration loads them; this repeats it, idempotently)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        known = load_reference(Municipality, SafetyRegion, MunicipalitySuccession)
        active = Municipality.objects.filter(active=True).count()
        self.stdout.write(f"{known} municipalities known, {active} valid today.")
