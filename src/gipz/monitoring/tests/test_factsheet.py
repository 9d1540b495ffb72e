"""The factsheet JSON from real situations: every indicator present, small numbers suppressed, E33 as context."""

from __future__ import annotations

import io
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from conftest import intake, logged_in, page_text
from gipz.core.tests.pdf import pdf_text
from gipz.geo.models import Municipality
from gipz.monitoring.factsheet import _part, _share, build_factsheet
from gipz.monitoring.tests.test_e33_import import REAL
from gipz.situations import services, triage
from gipz.situations.models import Situation

pytestmark = pytest.mark.django_db


def _year() -> int:
    return timezone.localtime().year


def test_a_part_of_a_published_total_hides_when_the_rest_is_small() -> None:
    assert _part(6, 8, 5) is None  # the total gives the 2 others away
    assert _part(3, 20, 5) is None
    assert _part(5, 10, 5) == 5 and _part(8, 8, 5) == 8 and _part(0, 8, 5) == 0


def test_a_share_is_shown_only_when_its_counts_could_be(world: Any) -> None:
    assert _share(16, 17, 5) is None  # 16 of 17 gives away the one other
    assert _share(3, 20, 5) is None
    assert _share(5, 20, 5) == 0.25 and _share(20, 20, 5) == 1.0 and _share(0, 20, 5) == 0.0
    assert _share(2, 4, 5) is None


def test_every_indicator_is_there_and_small_counts_are_hidden(world: Any) -> None:
    for _ in range(6):
        intake(world)  # U3, no offence, crisis requested
    for _ in range(2):
        intake(world, offence=triage.Offence.YES)
    sheet = build_factsheet(municipality=world.utrecht, year=_year())
    ind = sheet["indicators"]
    assert ind["situations"] == 8 and ind["crisis_requested"] == 8
    assert ind["without_offence"] is None  # 8 − 6 would reveal the 2 with an offence (a differencing attack)
    assert ind["share_without_offence"] is None  # 6 of 8 would reveal them too
    assert ind["by_urgency"] == {"U3": 8}
    assert set(sheet["tensions"]) == {
        "signalling",
        "prevention",
        "unsafety_in_care",
        "information_exchange",
        "expertise",
        "mutual_expectations",
    }
    assert set(sheet["tension_definitions"]) == set(sheet["tensions"])
    assert sheet["suppression_threshold"] == 5 and sheet["e33_baseline"] == {}
    for key in ("police_wait_minutes", "on_site_within_target", "follow_ups", "repeat_persons", "information_requests"):
        assert key in ind


def test_waiting_times_and_on_target_shares_from_handed_over_situations(world: Any) -> None:
    start = timezone.now() - timezone.timedelta(hours=3)
    for index in range(5):
        situation = intake(world, now=start)
        services.care_request_accept(actor=world.crisis_actor, situation_id=situation.pk, now=start)
        services.situation_on_site(
            actor=world.crisis_actor, situation_id=situation.pk, now=start + timezone.timedelta(minutes=30 + index)
        )
        services.handover_submit(
            actor=world.crisis_actor,
            situation_id=situation.pk,
            situation_text="S",
            background="",
            assessment="",
            recommendation="R",
            now=start + timezone.timedelta(minutes=40 + index),
        )
        services.handover_confirm_police(
            actor=world.police_actor, situation_id=situation.pk, now=start + timezone.timedelta(minutes=50 + 10 * index)
        )
    sheet = build_factsheet(municipality=world.utrecht, year=timezone.localtime(start).year)
    wait = sheet["indicators"]["police_wait_minutes"]
    # waits 50, 60, 70, 80, 90 → median rank 3 = 70; p90 rank 5 = 90
    assert (wait["median"], wait["p90"], wait["handovers"]) == (70.0, 90.0, 5)
    assert sheet["indicators"]["on_site_within_target"]["U3"]["share_within_target"] == 1.0
    assert Situation.objects.filter(handed_over_at__isnull=False).count() == 5


def test_the_command_writes_json_with_the_e33_baseline(world: Any, tmp_path: Path) -> None:
    call_command("import_e33", str(REAL), stdout=StringIO())
    out = tmp_path / "utrecht.json"
    call_command("factsheet", "GM0344", year=2026, out=str(out), stdout=StringIO())
    sheet = json.loads(out.read_text())
    assert sheet["e33_baseline"]["2013"] == 1130 and list(sheet["e33_baseline"]) == [
        "2013",
        "2014",
        "2015",
        "2016",
        "2017",
    ]
    assert sheet["municipality"] == {
        "code": "GM0344",
        "name": "Utrecht",
        "population": sheet["municipality"]["population"],
        "population_year": sheet["municipality"]["population_year"],
        "population_estimated": False,  # CBS 1 January 2020
        "predecessors": [],
    }
    printed = StringIO()
    call_command("factsheet", "gm0344", year=2026, stdout=printed)
    assert json.loads(printed.getvalue())["municipality"]["code"] == "GM0344"


@pytest.mark.parametrize(
    ("args", "message"),
    [(["GM9999", "--year", "2026"], "unknown municipality"), (["GM0344", "--year", "1800"], "out of range")],
)
def test_bad_command_input_is_one_clear_line(world: Any, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("factsheet", *args, stdout=StringIO())


def test_the_factsheet_page_and_pdf(world: Any) -> None:
    from pypdf import PdfReader

    call_command("import_e33", str(REAL), stdout=StringIO())
    for _ in range(6):
        intake(world)
    client = logged_in(world.police_user)
    page = client.get(f"/monitoring/gemeente/GM0344/{_year()}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Factsheet Utrecht" in text and "meldingen over verward gedrag" in text
    assert 'role="img"' in text and "<title id=" in text and "<desc id=" in text  # charts with text alternatives
    assert "1.130" in text  # the E33 baseline, in Dutch number format, as a table beside its chart
    assert client.get(f"/monitoring/gemeente/GM9999/{_year()}/").status_code == 404
    assert client.get("/monitoring/gemeente/GM0344/1990/").status_code == 404
    pdf = client.get(f"/monitoring/gemeente/GM0344/{_year()}/factsheet.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    assert 1 <= len(reader.pages) <= 2
    assert reader.pages[0].mediabox.width == pytest.approx(595, abs=2)  # A4 portrait
    text_of_pdf = pdf_text(pdf.content)  # pdftotext in CI
    for expected in ("Factsheet Utrecht", "In het kort", "E33", "De zes spanningen"):
        assert expected in text_of_pdf
    assert Client().get(f"/monitoring/gemeente/GM0344/{_year()}/").status_code == 302  # login first


def test_the_command_writes_html_pdf_and_all_municipalities(world: Any, tmp_path: Path) -> None:
    call_command("factsheet", "GM0344", year=2026, format="html", out=str(tmp_path / "u.html"), stdout=StringIO())
    assert "Factsheet Utrecht" in (tmp_path / "u.html").read_text()
    with pytest.raises(CommandError, match="needs --out"):
        call_command("factsheet", "GM0344", year=2026, format="pdf", stdout=StringIO())
    call_command("factsheet", year=2026, format="json", all=True, out=str(tmp_path / "all"), stdout=StringIO())
    files = sorted(p.name for p in (tmp_path / "all").iterdir())
    assert len(files) == 342 and "factsheet-GM0344-2026.json" in files  # every municipality valid today
    with pytest.raises(CommandError, match="needs --out"):
        call_command("factsheet", year=2026, all=True, stdout=StringIO())


def test_the_index_links_every_active_municipality(world: Any) -> None:

    text = page_text(logged_in(world.care_user).get("/monitoring/"))
    assert f"/monitoring/gemeente/GM0344/{_year()}/" in text and "Weesp" not in text


def test_the_comparison_sorts_and_suppresses_across_municipalities(world: Any) -> None:
    from gipz.monitoring.comparison import comparison

    for _ in range(7):
        intake(world)  # Utrecht: 7
    for _ in range(6):
        intake(world, municipality=world.amersfoort)  # Amersfoort: 6
    rows, region = comparison(year=_year(), sort="situations")
    assert [(r.name, r.situations) for r in rows[:2]] == [("Utrecht", 7), ("Amersfoort", 6)]
    assert region["situations"] == 13
    intake(world, municipality=world.amersfoort)
    intake(world, municipality=world.amersfoort)
    world.veenendaal = Municipality.objects.get(code="GM0345")
    for _ in range(3):
        intake(world, municipality=world.veenendaal, request_crisis=False)  # Veenendaal: 3, hidden
    rows, region = comparison(year=_year(), sort="situations")
    by_name = {r.name: r for r in rows}
    assert by_name["Veenendaal"].situations is None
    # Only one municipality hidden while the region total (18) is shown: the smallest other goes too,
    # so total − visible no longer gives Veenendaal's 3.
    assert by_name["Utrecht"].situations is None and by_name["Amersfoort"].situations == 8
    assert rows[-1].situations is None  # hidden values sort last
    page = logged_in(world.police_user).get(f"/monitoring/vergelijking/{_year()}/?sort=name&order=asc")
    text = page.content.decode()
    assert page.status_code == 200 and 'aria-sort="ascending"' in text
    assert text.index(">Almere<") < text.index(">Zeist<")
    assert logged_in(world.police_user).get("/monitoring/vergelijking/1990/").status_code == 404


def test_the_region_infographic(world: Any) -> None:
    from gipz.monitoring.factsheet import build_region_sheet

    call_command("import_e33", str(REAL), stdout=StringIO())
    for _ in range(4):
        intake(world)
    for _ in range(3):
        intake(world, municipality=world.amersfoort)
    sheet = build_region_sheet(year=_year())
    assert sheet["indicators"]["situations"] == 7  # 4 + 3: each hidden alone, visible together
    # Vijfheerenlanden (2019) counts its predecessors Vianen, Leerdam and Zederik in the E33 baseline.
    assert sheet["e33_baseline"]["2017"] > 0
    from gipz.monitoring.selectors import e33_baseline

    assert e33_baseline("GM1961")["2013"] > 0
    page = page_text(logged_in(world.care_user).get(f"/monitoring/regio/{_year()}/"))
    assert "De regio in beeld" in page and "<strong>7</strong>" in page and 'role="img"' in page


def test_the_comparison_needs_a_fixed_number_of_queries(world: Any, django_assert_max_num_queries: Any) -> None:
    from gipz.monitoring.comparison import comparison
    from gipz.monitoring.rollups import refresh_dirty

    for _ in range(6):
        intake(world)
        intake(world, municipality=world.amersfoort)
    # A fixed number, not one set per municipality (there are 342), with the successors' predecessors folded in.
    with django_assert_max_num_queries(24):
        comparison(year=_year())  # every month still stale: read from the raw rows
    refresh_dirty()
    with django_assert_max_num_queries(20):
        comparison(year=_year())  # from the year rows


def test_tension_definitions_follow_the_language(world: Any) -> None:
    from django.utils import translation

    with translation.override("en"):
        sheet = build_factsheet(municipality=world.utrecht, year=_year())
    assert sheet["tension_definitions"]["mutual_expectations"].startswith("Share of joint evaluations")
    nl = build_factsheet(municipality=world.utrecht, year=_year())
    assert nl["tension_definitions"]["mutual_expectations"].startswith("Aandeel nabesprekingen")


def test_the_command_renders_any_valid_year_the_pages_would_refuse(world: Any, tmp_path: Path) -> None:
    # The web pages stop at next year (404); the command takes 2000-2100 and must not fail with an HTTP error.
    out = tmp_path / "later.html"
    call_command("factsheet", "GM0344", year=2050, format="html", out=str(out), stdout=StringIO())
    assert "Factsheet Utrecht — 2050" in out.read_text()


def test_the_factsheet_counts_the_triaged_urgency_and_how_often_it_agrees_with_the_police(world: Any) -> None:
    """Lawful issue item 9: the figures follow the crisis service's triaged urgency, and the sheet says how often
    the triagist kept the police's advice."""
    situations = [intake(world) for _ in range(16)]  # U3 by the police
    for situation in situations[:10]:
        services.situation_retriage(actor=world.crisis_actor, situation_id=situation.pk, urgency="U3", reason="")
    for situation in situations[10:15]:
        services.situation_retriage(
            actor=world.crisis_actor, situation_id=situation.pk, urgency="U2", reason="Telefonisch: acuut suïcidaal"
        )
    sheet = build_factsheet(municipality=world.utrecht, year=_year())
    ind = sheet["indicators"]
    assert ind["by_urgency"] == {"U3": 11, "U2": 5}
    assert ind["urgency_triaged"] is None  # 15 of 16 would reveal the one not triaged
    assert ind["share_triage_agrees_with_police"] == round(10 / 15, 4)
    for situation in situations[15:]:
        services.situation_retriage(actor=world.crisis_actor, situation_id=situation.pk, urgency="U3", reason="")
    ind = build_factsheet(municipality=world.utrecht, year=_year())["indicators"]
    assert ind["urgency_triaged"] == 16 and ind["share_triage_agrees_with_police"] == round(11 / 16, 4)
    page = page_text(logged_in(world.coordinator).get(f"/monitoring/gemeente/GM0344/{_year()}/"))
    assert "gelijk aan het advies van de politie" in page


def test_a_merged_municipality_shows_its_predecessors_figures_added_up(world: Any) -> None:
    """Land van Cuijk (2022) carries the E33 registrations of Boxmeer, Cuijk, Grave, Mill en Sint Hubert and Sint
    Anthonis, and its factsheet says so; a melding recorded in Weesp before 2022 counts with Amsterdam."""
    from django.test import override_settings
    from django.urls import reverse

    from gipz.monitoring.e33 import MUNICIPAL_FILE, parse_e33
    from gipz.monitoring.rollups import mark_dirty

    call_command("import_e33", str(MUNICIPAL_FILE), stdout=StringIO())
    rows = {(r.code, r.year): r.count for r in parse_e33(MUNICIPAL_FILE.read_bytes())}
    cuijk = Municipality.objects.get(code="GM1982")
    sheet = build_factsheet(municipality=cuijk, year=_year())
    predecessors = ("GM0756", "GM1684", "GM0786", "GM0815", "GM1702")
    assert sheet["e33_baseline"]["2017"] == sum(rows[(c, 2017)] for c in predecessors)
    assert sheet["municipality"]["predecessors"] == [
        "Boxmeer",
        "Cuijk",
        "Grave",
        "Mill en Sint Hubert",
        "Sint Anthonis",
    ]
    page = page_text(logged_in(world.police_user).get(reverse("factsheet", args=["GM1982", _year()])))
    assert "Inclusief de cijfers van de voormalige gemeenten Boxmeer" in page
    # a situation recorded in a municipality that has since gone counts with its successor
    situation = intake(world)
    weesp = Municipality.objects.get(code="GM0457")
    Situation.objects.filter(pk=situation.pk).update(municipality=weesp)  # as if recorded there before 2022
    mark_dirty(municipality_id=weesp.pk, created_at=situation.created_at)
    with override_settings(GIPZ_SUPPRESSION_THRESHOLD=1):  # one melding: shown, to check where it is counted
        amsterdam = build_factsheet(municipality=Municipality.objects.get(code="GM0363"), year=_year())
        utrecht = build_factsheet(municipality=world.utrecht, year=_year())
    assert amsterdam["indicators"]["situations"] == 1 and utrecht["indicators"]["situations"] == 0
    assert "Weesp" in amsterdam["municipality"]["predecessors"]
