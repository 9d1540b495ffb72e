"""`gipz vapid-keys`: a Web Push key pair. Without options it prints a new private key for GIPZ_VAPID_PRIVATE_KEY;
with --write it keeps one in the data directory (what `make demo` uses)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gipz.alerts.channels import push


class Command(BaseCommand):
    help = "Make a Web Push (VAPID) key pair for alerts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--write", action="store_true", help="Keep it in the data directory (once).")

    def handle(self, *args: Any, write: bool, **options: Any) -> None:
        if write:
            path = push.write_key_file()
            self.stdout.write(f"Key file: {path} (public key {push.public_key()})")
            return
        self.stdout.write(f"GIPZ_VAPID_PRIVATE_KEY={push.new_private_key()}")
        self.stdout.write("Keep it secret; the public key is derived from it and shown on the alert settings page.")
