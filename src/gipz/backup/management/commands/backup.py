"""`gipz backup PATH`: a consistent copy of the database (docs/operations.md, *Backup and restore*)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gipz.backup.services import BackupError, backup_make, meta_path


class Command(BaseCommand):
    help = "Back up the database (pg_dump on PostgreSQL, the online backup API on SQLite) with its access-log head."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="file to write, e.g. /var/backups/gipz/2026-12-06.dump")
        parser.add_argument("--overwrite", action="store_true", help="replace an existing file at PATH")

    def handle(self, *args: Any, path: Path, overwrite: bool, **options: Any) -> None:
        try:
            info = backup_make(path, overwrite=overwrite)
        except BackupError as exc:
            raise CommandError(f"No backup made: {exc}.") from None
        self.stdout.write(
            f"Backup written to {info.path} ({info.engine}, {info.path.stat().st_size:,} bytes); access log "
            f"{info.access_log_entries} entries, head {info.access_log_head[:16]}… (recorded in {meta_path(path)})."
        )
