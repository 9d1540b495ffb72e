"""`gipz privacy-documents [--out DIR] [--check]`: write the privacy officer's documents for every kind of
organisation to docs/privacy/, or check that the committed ones are current."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gipz.privacy.fgdocs.render import DOCUMENTS, For, render
from gipz.rulebook.loader import default_rulebook_text, parse_rulebook


def generated() -> dict[str, str]:
    rulebook = parse_rulebook(default_rulebook_text())
    return {f"{name}.md": render(name, For(), rulebook) for name in DOCUMENTS}


class Command(BaseCommand):
    help = "Write the privacy officer's documents (register, DPIA, controllers, processor, statement) as Markdown."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", default="docs/privacy", help="directory to write to (default docs/privacy)")
        parser.add_argument("--check", action="store_true", help="fail if the files in --out are not current")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        stale = []
        for filename, text in generated().items():
            path = out / filename
            if options["check"]:
                if not path.exists() or path.read_text(encoding="utf-8") != text:
                    stale.append(str(path))
                continue
            out.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            self.stdout.write(f"written: {path}")
        if stale:
            raise CommandError(f"not current, run `gipz privacy-documents`: {', '.join(stale)}")
