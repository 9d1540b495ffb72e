"""`gipz audit verify`: check the access log (NEN 7513). Exit 0 when intact; exit 1 naming the first broken entry
when a row was changed, re-sealed without the key, removed, or cut off the end, or when a checkpoint kept outside the
database no longer matches. `gipz audit checkpoint` appends the head to the checkpoint file now (the worker does this
every few minutes)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gipz.accesslog.log import access_log_checkpoint, access_log_verify, checkpoint_path, checkpoints_read

REASONS = {
    "missing": "entry #{seq} is missing (removed)",
    "link": "entry #{seq} does not link to the entry before it (an entry was removed or replaced)",
    "changed": "entry #{seq} was changed after it was written (its hash does not match)",
    "sealed": "entry #{seq} does not carry the seal of GIPZ_ACCESS_LOG_KEY (rewritten and re-hashed without the key)",
    "checkpoint": "entry #{seq} differs from the checkpoint kept outside the database (rewritten)",
    "truncated": "entries from #{seq} on were removed from the end (the head or a checkpoint says there were more)",
}


class Command(BaseCommand):
    help = "Audit tools. 'verify': check that the access log is complete and unchanged. 'checkpoint': record its head."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="verify the access log's chain, seals and checkpoints")
        sub.add_parser("checkpoint", help="append the access log's head to the checkpoint file")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "checkpoint":
            mark = access_log_checkpoint()
            self.stdout.write(f"checkpoint #{mark.seq} written to {checkpoint_path()}" if mark else "log is empty")
            return
        checkpoints, forged = checkpoints_read()
        if forged:
            lines = ", ".join(str(n) for n in forged[:10])
            self.stderr.write(f"BROKEN: checkpoint file {checkpoint_path()}: lines {lines} are not sealed by GIPZ.")
            sys.exit(1)
        report = access_log_verify(checkpoints=checkpoints)
        if report.ok:
            self.stdout.write(
                f"OK: access log intact, {report.checked} entries, head {report.last_hash[:16]}…, "
                f"{len(checkpoints)} checkpoints agree"
            )
            return
        message = REASONS[report.reason].format(seq=report.broken_seq)
        self.stderr.write(f"BROKEN: {message}; {report.checked} entries before it are intact.")
        sys.exit(1)
