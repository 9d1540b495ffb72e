import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from gipz.demo import alerting, capacity, collaboration, history, privacy, roster, world
from gipz.situations.models import OPEN_STATUSES, Situation


def _import_e33_reference() -> None:
    """The real E33 registrations 2013-2017 (shipped with the simulator's data) as context for the factsheets."""
    from gipz.monitoring.e33 import MUNICIPAL_FILE
    from gipz.monitoring.models import E33Registration
    from gipz.monitoring.services import e33_import

    if not E33Registration.objects.exists():
        e33_import(data=MUNICIPAL_FILE.read_bytes(), source=MUNICIPAL_FILE.name)


@contextmanager
def _quiet() -> Iterator[None]:
    """Loading writes hundreds of escalations and routings, each logged at INFO: the newcomer should see the login
    table, not 60 log lines. Warnings and errors still show."""
    logger = logging.getLogger("gipz")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


class Command(BaseCommand):
    help = "Load fictional demo data (organisations, users, roster, a year of history); tops up when run again."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--situations", type=int, default=360, help="How many historical situations (first run).")

    def handle(self, *args: Any, situations: int, **options: Any) -> None:
        started = time.monotonic()
        now = timezone.now()
        first_run = not world.is_loaded()
        with _quiet():
            world.create_world()
            added = roster.ensure_roster(now=now, days_back=366 if first_run else 1, days_ahead=14)
            made = history.generate_history(now=now, count=situations) if first_run else 0
            fresh = Situation.objects.filter(
                status__in=OPEN_STATUSES, created_at__gte=now - timezone.timedelta(hours=2)
            )
            live = 0 if fresh.exists() else history.generate_live(now=now)
            capacity.ensure_scenario(now=now)
            privacy.ensure_privacy_demo()
            collaboration.ensure_collaboration_demo(now=now)
            _import_e33_reference()
            alerting.ensure_alert_demo()  # last: the history made above raises no alert e-mails
        self.stdout.write(
            f"Demo data: {'loaded' if first_run else 'already there, topped up'} — {made} historical and {live} open "
            f"situations added, {added} shifts added ({time.monotonic() - started:.1f} s)."
        )
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {world.DEMO_PASSWORD}):")
        self.stdout.write(world.login_table())
        self.stdout.write("")
