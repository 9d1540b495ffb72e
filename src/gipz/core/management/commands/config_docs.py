from typing import Any

from django.core.management.base import BaseCommand

from config.env import render_markdown


class Command(BaseCommand):
    help = "Print docs/configuration.md from the registry of environment variables."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(render_markdown(), ending="")
