"""The committed OpenAPI schema (docs/openapi.yaml) must match the code; regenerate with `make schema`."""

import difflib
from io import StringIO
from pathlib import Path

from django.core.management import call_command

SCHEMA = Path(__file__).resolve().parents[4] / "docs" / "openapi.yaml"


def test_committed_openapi_schema_is_current() -> None:
    out = StringIO()
    call_command("spectacular", "--lang", "en", "--validate", stdout=out)
    generated = out.getvalue()
    committed = SCHEMA.read_text()
    if generated != committed:
        diff = "".join(
            difflib.unified_diff(committed.splitlines(True), generated.splitlines(True), "committed", "generated", n=1)
        )
        raise AssertionError(f"docs/openapi.yaml is out of date; run `make schema`.\n{diff[:5000]}")
