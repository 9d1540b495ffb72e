"""The researchers' export: coarsened and pseudonymised, nothing that names or locates a person."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from conftest import intake
from gipz.monitoring.research import research_export
from gipz.privacy.services.persons import PersonData, person_save

pytestmark = pytest.mark.django_db


def _with_person(world: Any, municipality: Any, name: str) -> Any:
    situation = intake(world, municipality=municipality, location="Geheimstraat 12", description="Vrije tekst X")
    person_save(
        actor=world.police_actor,
        situation_id=situation.pk,
        data=PersonData(full_name=name, date_of_birth=date(1980, 1, 2), contact="06-999"),
    )
    return situation


@override_settings(GIPZ_RESEARCH_MIN_POPULATION=200_000)
def test_rows_are_coarsened_and_pseudonymised(world: Any) -> None:
    _with_person(world, world.utrecht, "Fictief Eén")  # Utrecht: > 200,000 inhabitants → named
    _with_person(world, world.utrecht, "Fictief Eén")  # the same person again
    _with_person(world, world.amersfoort, "Fictief Twee")  # Amersfoort: < 200,000 → its safety region
    text, count = research_export(year=timezone.localtime().year, fmt="json")
    rows = json.loads(text)["rows"]
    assert count == 3
    for forbidden in ("Fictief", "Geheimstraat", "Vrije tekst", "06-999", "1980-01-02"):
        assert forbidden not in text
    assert {r["area"] for r in rows} == {"GM0344", world.amersfoort.safety_region.code}
    iso = timezone.localtime().isocalendar()
    assert rows[0]["week"] == f"{iso.year}-W{iso.week:02d}"
    assert rows[0]["person"] == rows[1]["person"] != rows[2]["person"]  # linkable within one export
    again = json.loads(research_export(year=timezone.localtime().year, fmt="json")[0])["rows"]
    assert again[0]["person"] != rows[0]["person"]  # but not across exports


def test_times_are_rounded_to_five_minutes(world: Any) -> None:
    from gipz.situations import services

    start = timezone.now() - timezone.timedelta(hours=2)
    situation = intake(world, now=start)
    services.care_request_accept(actor=world.crisis_actor, situation_id=situation.pk, now=start)
    services.situation_on_site(
        actor=world.crisis_actor, situation_id=situation.pk, now=start + timezone.timedelta(minutes=37)
    )
    text, _ = research_export(year=timezone.localtime(start).year, fmt="csv")
    row = next(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert row["minutes_to_on_site"] == "35" and row["police_wait_minutes"] == ""


def test_the_command_writes_and_refuses_bad_input(world: Any, tmp_path: Path) -> None:
    intake(world)
    out = tmp_path / "export.csv"
    call_command("research_export", year=timezone.localtime().year, out=str(out), stdout=io.StringIO())
    assert out.read_text().startswith("week;area;urgency")
    with pytest.raises(CommandError, match="out of range"):
        call_command("research_export", year=1800, out=str(out))
    with pytest.raises(CommandError, match="cannot write"):
        call_command("research_export", year=2026, out=str(tmp_path / "missing" / "x.csv"))
