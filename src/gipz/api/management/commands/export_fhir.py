"""`gipz export-fhir REFERENCE --user USERNAME`: a situation as a FHIR R4 Bundle, as that user may see it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from gipz.accounts.actor import actor_for
from gipz.accounts.models import User
from gipz.api.fhir import fhir_export


class Command(BaseCommand):
    help = (
        "Export a situation as an HL7 FHIR R4 Bundle (JSON), exactly as the given user sees it in GIPZ (care details "
        "only for care organisations). The export is access-logged under that user's name."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("reference", help="the situation's reference, e.g. M2612-ABCDEF")
        parser.add_argument("--user", required=True, help="export as this user (their organisation and roles)")
        parser.add_argument("--out", type=Path, help="write to this file instead of standard output")

    def handle(self, *args: Any, reference: str, user: str, out: Path | None, **options: Any) -> None:
        found = User.objects.filter(username=user, is_active=True).first()
        actor = actor_for(found) if found else None
        if actor is None:
            raise CommandError(f"No active user {user!r} with an organisation.")
        try:
            bundle = fhir_export(actor, reference)
        except Http404:
            raise CommandError(f"No situation {reference!r} within {user}'s reach.") from None
        text = json.dumps(bundle, ensure_ascii=False, indent=1)
        if out is None:
            self.stdout.write(text)
            return
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"cannot write {out}: {exc.strerror}") from None
        self.stdout.write(f"FHIR Bundle of {reference} written to {out} ({len(bundle['entry'])} resources).")
