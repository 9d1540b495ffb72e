"""`gipz audit verify`: check the access log's hash chain. Exit 0 when intact; exit 1 naming the first broken
entry when a row was changed, removed or cut off the end."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gipz.privacy.accesslog import access_log_verify

REASONS = {
    "missing": "entry #{seq} is missing (removed)",
    "link": "entry #{seq} does not link to the entry before it (an entry was removed or replaced)",
    "changed": "entry #{seq} was changed after it was written (its hash does not match)",
    "truncated": "entries from #{seq} on were removed from the end (the chain head says there were more)",
}


class Command(BaseCommand):
    help = "Audit tools. 'verify': check that the access log (NEN 7513) is complete and unchanged."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="verify the access log's hash chain")

    def handle(self, *args: Any, **options: Any) -> None:
        report = access_log_verify()
        if report.ok:
            self.stdout.write(f"OK: access log intact, {report.checked} entries, head {report.last_hash[:16]}…")
            return
        message = REASONS[report.reason].format(seq=report.broken_seq)
        self.stderr.write(f"BROKEN: {message}; {report.checked} entries before it are intact.")
        sys.exit(1)
