"""Synthetic national history: realistic shape, every municipality weighted, rollups equal to the raw rows."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from gipz.demo.national_history import NATIONAL_E33, generate_national_history, year_counts
from gipz.geo.models import Municipality
from gipz.monitoring.rollups import aggregates_for
from gipz.monitoring.selectors import raw_aggregates
from gipz.privacy.models import Person
from gipz.situations.models import Situation


def test_years_follow_the_national_e33_shape_and_add_up_exactly() -> None:
    counts = year_counts(1_500_000, list(range(2016, 2026)))
    assert sum(counts.values()) == 1_500_000
    assert counts[2025] > counts[2021] > counts[2016]
    assert abs(counts[2024] / counts[2016] - NATIONAL_E33[2024] / NATIONAL_E33[2016]) < 0.001


def test_a_small_national_history(db: None) -> None:
    made = generate_national_history(total=3000, last_year=2025, years=2, seed=1, batch=700)
    assert made == 3000 == Situation.objects.filter(reference__startswith="S").count()
    assert Municipality.objects.count() > 380
    by_municipality = Counter(Situation.objects.values_list("municipality__code", flat=True))
    assert by_municipality["GM0363"] > by_municipality["GM0344"] > by_municipality.get("GM0277", 0)  # A'dam > Utrecht
    urgencies = Counter(Situation.objects.values_list("urgency", flat=True))
    assert 0.35 < urgencies["U3"] / made < 0.45
    repeat = Counter(Person.objects.values_list("pseudonym", flat=True))
    assert any(n > 1 for n in repeat.values())
    assert not Person.objects.exclude(full_name="").exists()  # no names, synthetic or otherwise
    out = StringIO()
    call_command("rollups", "rebuild", stdout=out)
    municipalities = list(Municipality.objects.filter(active=True))
    assert aggregates_for(municipality=municipalities, year=2025) == raw_aggregates(
        municipality=municipalities, year=2025
    )


def test_the_command_reports_and_refuses_nonsense(db: None) -> None:
    out = StringIO()
    call_command("generate_history", situations=200, years=1, verbosity=0, stdout=out)
    assert "200 synthetic situations written" in out.getvalue()
    err = StringIO()
    with pytest.raises(SystemExit) as stopped:
        call_command("generate_history", situations=0, stdout=StringIO(), stderr=err)
    assert stopped.value.code == 2 and "ten minste 1 melding" in err.getvalue()
