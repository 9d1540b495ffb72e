"""`gipz restore PATH`: put a backup back and prove the access log came back unchanged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gipz.backup.services import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `gipz backup` (stop the web processes and workers first), then verify the access "
        "log against the head recorded at backup time. Refuses a database with data in it unless --replace is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the backup file (its .json beside it)")
        parser.add_argument("--replace", action="store_true", help="overwrite a database that holds data")

    def handle(self, *args: Any, path: Path, replace: bool, **options: Any) -> None:
        try:
            result = backup_restore(path, replace=replace)
        except BackupError as exc:
            raise CommandError(f"{exc}.") from None
        counts = ", ".join(f"{count:,} {name}" for name, count in result["counts"].items())
        self.stdout.write(
            f"Restored {path} (made {result['made_at'][:19]}{'; ' + counts if counts else ''}). Access log verified: "
            f"{result['entries']} entries, head {result['head'][:16]}…, as recorded at backup time."
        )
