"""The Netherlands as it is now: 342 municipalities and 25 safety regions, the ones dissolved since 2017 kept for
history, every 2017 code mapped onto today's, and the E33 totals conserved by the mapping."""

from __future__ import annotations

from collections import Counter
from datetime import date
from fractions import Fraction

import pytest
from django.urls import reverse

from conftest import World, logged_in, page_text
from gipz.geo.history import apportion, check_complete, on_today, successor_shares
from gipz.geo.models import Municipality, MunicipalitySuccession, SafetyRegion
from gipz.geo.reference import changes, shipped_changes
from gipz.geo.selectors import municipality_choices
from gipz.monitoring.e33 import MUNICIPAL_FILE, YEARS, parse_e33
from gipz.situations.models import Situation

E33_CODES = {r.code for r in parse_e33(MUNICIPAL_FILE.read_bytes())}


def test_the_shipped_changes_take_the_2017_division_to_todays_342() -> None:
    """388 on 1 January 2017, then 380, 355, 352, 345, 344 (Weesp, March 2022) and 342 in 2023 (CBS's counts)."""
    codes = set(E33_CODES)
    assert len(codes) == 388
    counts = {}
    for day in sorted({c["date"] for c in changes()}):
        for change in changes():
            if change["date"] == day:
                codes.discard(change["old_code"])
                codes.add(change["new_code"])
        counts[day] = len(codes)
    assert list(counts.values()) == [380, 355, 352, 345, 344, 342]
    assert check_complete(shipped_changes()) == []


@pytest.mark.django_db
def test_todays_municipalities_and_regions_are_loaded_and_every_2017_code_maps_onto_them() -> None:
    assert Municipality.objects.filter(active=True).count() == 342
    assert SafetyRegion.objects.count() == 25 and not SafetyRegion.objects.filter(police_unit="").exists()
    valid = set(Municipality.objects.filter(active=True).values_list("code", flat=True))
    forward = successor_shares(shipped_changes())
    for code in E33_CODES:
        targets = forward.get(code, {code: Fraction(1)})
        assert set(targets) <= valid, code
        assert sum(targets.values()) == 1, code
    weesp = Municipality.objects.get(code="GM0457")
    assert (weesp.active, weesp.valid_until) == (False, date(2022, 3, 23))
    assert Municipality.objects.get(code="GM1979").valid_from == date(2021, 1, 1)  # Eemsdelta
    # Vijfheerenlanden's special case is now three rows of the table
    assert set(
        MunicipalitySuccession.objects.filter(successor__code="GM1961").values_list("predecessor__code", flat=True)
    ) == {"GM0545", "GM0620", "GM0707"}
    haaren = MunicipalitySuccession.objects.filter(predecessor__code="GM0788")
    assert haaren.count() == 4 and sum(s.share for s in haaren) == 1 and all(s.source for s in haaren)


def test_the_e33_totals_are_conserved_year_by_year() -> None:
    rows = parse_e33(MUNICIPAL_FILE.read_bytes())
    forward = successor_shares(shipped_changes())
    for year in YEARS:
        counts = {r.code: r.count for r in rows if r.year == year}
        mapped = on_today(counts, forward)
        assert sum(mapped.values()) == sum(counts.values()), year
        assert len(mapped) <= 342
    assert apportion(7, {"a": Fraction(1, 3), "b": Fraction(2, 3)}) == {"a": 2, "b": 5}


@pytest.mark.django_db
def test_the_imported_baselines_add_up_to_the_country(world: World) -> None:
    from django.core.management import call_command

    from gipz.monitoring.selectors import e33_baselines

    call_command("import_e33", str(MUNICIPAL_FILE), stdout=open("/dev/null", "w"))  # noqa: SIM115
    today = list(Municipality.objects.filter(active=True).values_list("code", flat=True))
    baselines = e33_baselines(today)
    rows = parse_e33(MUNICIPAL_FILE.read_bytes())
    for year in YEARS:
        assert sum(b.get(str(year), 0) for b in baselines.values()) == sum(r.count for r in rows if r.year == year)
    by_code = {(r.code, r.year): r.count for r in rows}
    # a merger adds its predecessors up
    assert baselines["GM1961"]["2017"] == sum(by_code[(c, 2017)] for c in ("GM0545", "GM0620", "GM0707"))


@pytest.mark.django_db
def test_a_melding_in_a_current_municipality_is_accepted_and_a_dissolved_one_refused(world: World) -> None:
    eemsdelta = Municipality.objects.get(code="GM1979")
    weesp = Municipality.objects.get(code="GM0457")
    world.area.municipalities.add(eemsdelta)
    client = logged_in(world.police_user)
    form = {
        "municipality": weesp.pk,
        "location": "Herengracht 1",
        "description": "Man roept verward op straat",
        "offence": "no",
        "care_indicators": ["psychiatric"],
    }
    refused = client.post(reverse("intake"), form)
    text = page_text(refused, 400)
    assert "De gemeente Weesp bestaat sinds 24-03-2022 niet meer: kies Amsterdam." in text
    assert "Herengracht 1" in text and not Situation.objects.exists()
    accepted = client.post(reverse("intake"), {**form, "municipality": eemsdelta.pk})
    assert accepted.status_code == 302 and Situation.objects.get().municipality == eemsdelta
    assert "Weesp" not in page_text(client.get(reverse("intake")))  # not offered


@pytest.mark.django_db
def test_the_api_names_the_successor_of_a_dissolved_code(world: World) -> None:
    from gipz.api.tests.test_api import client_for

    client = client_for(world.police)
    body = {"municipality": "GM0788", "location": "Kerkstraat 1", "description": "Verward persoon", "offence": "no"}
    response = client.post("/api/v1/situations/", body, format="json")
    assert response.status_code == 400
    message = str(response.json())
    assert "Haaren" in message and "Boxtel of Oisterwijk of Tilburg of Vught" in message


@pytest.mark.django_db
def test_the_officer_picks_from_the_served_municipalities_not_the_whole_country(world: World) -> None:
    choices = municipality_choices(world.police)
    assert set(choices.values_list("code", flat=True)) == {"GM0344", "GM0307"}  # the world's service area
    world.police.safety_region = world.utrecht.safety_region
    world.police.save()
    region = Counter(municipality_choices(world.police).values_list("code", flat=True))
    assert "GM0355" in region and "GM0363" not in region and "GM0457" not in region  # Zeist, not Amsterdam or Weesp
    page = page_text(logged_in(world.police_user).get("/meldingen/nieuw/"))
    assert "Zeist" in page and "Maastricht" not in page


@pytest.mark.django_db
def test_an_estimated_population_is_marked_where_it_is_used(world: World) -> None:
    amsterdam = Municipality.objects.get(code="GM0363")
    utrecht = Municipality.objects.get(code="GM0344")
    assert amsterdam.population_estimated and not utrecht.population_estimated  # CBS 2020 ships for Midden-Nederland
    page = page_text(logged_in(world.police_user).get(reverse("comparison", args=[2026])))
    assert f"≈ {amsterdam.population:,}".replace(",", ".") in page
    assert f"≈ {utrecht.population:,}".replace(",", ".") not in page
    sheet = page_text(logged_in(world.police_user).get(reverse("factsheet", args=["GM0363", 2026])))
    assert "schatting uit de E33-cijfers" in sheet
