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


def test_the_care_details_are_documented_field_by_field() -> None:
    import yaml

    schemas = yaml.safe_load(SCHEMA.read_text())["components"]["schemas"]
    assert set(schemas["CareDetails"]["properties"]) == {
        "care_notes",
        "sbar_background",
        "sbar_assessment",
        "follow_up_details",
    }
    care = next(s for s in schemas.values() if "care_details" in s.get("properties", {}))
    assert care["properties"]["care_details"]["allOf"] == [{"$ref": "#/components/schemas/CareDetails"}]
