"""The national municipality list and the officer's shorter list of municipalities to pick from."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from conftest import World, logged_in, page_text
from gipz.geo.models import Municipality
from gipz.geo.selectors import municipality_choices
from gipz.monitoring.national import load_national, national_rows


def test_the_national_list_has_every_municipality_of_2018_with_a_population_estimate() -> None:
    rows = national_rows()
    assert len(rows) == 388 and len({r["code"] for r in rows}) == 388
    utrecht = next(r for r in rows if r["code"] == "GM0344")
    assert 340_000 < utrecht["population"] < 355_000  # 1,130 ... per 1,000 in 2017 → CBS: 343,038 on 1-1-2017
    assert 16_900_000 < sum(r["population"] or 0 for r in rows) < 17_300_000  # CBS 2017: 17.08 million
    # Predecessors of Vijfheerenlanden are in the list but not active: the merged municipality carries them.
    assert {r["code"] for r in rows if not r["active"]} == {"GM0620", "GM0545", "GM0707"}


def test_loading_adds_the_rest_and_keeps_what_is_there(db: None) -> None:
    before = Municipality.objects.get(code="GM0344")
    added = load_national(Municipality)
    assert added == 388 - 38  # Vijfheerenlanden (2019) is in Midden-Nederland but not in the 2018 list
    after = Municipality.objects.get(code="GM0344")
    assert (after.population, after.safety_region_id) == (before.population, before.safety_region_id)
    assert load_national(Municipality) == 0
    out = StringIO()
    call_command("load_municipalities", stdout=out)
    assert "0 municipalities added" in out.getvalue()


def test_the_officer_picks_from_the_served_municipalities_not_the_whole_country(world: World) -> None:
    load_national(Municipality)
    choices = municipality_choices(world.police)
    assert set(choices.values_list("code", flat=True)) == {"GM0344", "GM0307"}  # the world's service area
    world.police.safety_region = world.utrecht.safety_region
    world.police.save()
    region = set(municipality_choices(world.police).values_list("code", flat=True))
    assert "GM0355" in region and "GM0363" not in region  # Zeist yes, Amsterdam no
    client = logged_in(world.police_user)
    page = page_text(client.get("/meldingen/nieuw/"))
    assert "Zeist" in page and "Maastricht" not in page
