"""`gipz municipalities apply FILE` plans a change of the municipal division (applied on its legal date);
`gipz municipalities list` shows what is planned and applied."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gipz.geo.changes import COLUMNS, ChangeFileError, plan
from gipz.geo.models import PlannedChange


class Command(BaseCommand):
    help = "Apply a municipal change (merger, split, rename, move to another safety region) on its legal date."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        apply = sub.add_parser("apply", help=f"plan the changes in FILE (`;`-separated: {';'.join(COLUMNS)})")
        apply.add_argument("file")
        sub.add_parser("list", help="the planned and applied changes")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            for change in PlannedChange.objects.all():
                state = f"applied {change.applied_at:%Y-%m-%d}" if change.applied_at else "planned"
                self.stdout.write(f"{change.legal_date} {state}: {len(change.rows)} lines from {change.file_name}")
            return
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from None
        try:
            planned = plan(data=data, file_name=path.name)
        except ChangeFileError as exc:
            raise CommandError(f"{path.name}: {exc} — nothing was changed") from None
        for change in planned:
            change.refresh_from_db()
            state = "applied" if change.applied_at else "planned for its legal date (the worker applies it)"
            self.stdout.write(f"{change.legal_date}: {len(change.rows)} lines, {state}")
