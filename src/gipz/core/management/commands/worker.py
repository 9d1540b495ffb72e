from typing import Any

from django.core.management.base import BaseCommand

from gipz.core.worker import worker_loop


class Command(BaseCommand):
    help = (
        "Run due jobs until stopped: an urgent loop (escalations, reminders) beside a main loop (deliveries, "
        "background work). Several workers may run side by side; a database outage is waited out, never fatal."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="Run what is due now, then stop.")

    def handle(self, *args: Any, once: bool = False, **options: Any) -> None:
        # Every app registers its job handlers when Django starts (AppConfig.ready), so the worker imports none.
        worker_loop(once=once)
