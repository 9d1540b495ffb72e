"""The next herindeling is a command: a merger and a split applied on their legal date move service areas (and so
the roster), werkafspraken and key figures, keep open work and history, and are audited; a bad file changes nothing."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from conftest import World, intake, logged_in, page_text
from gipz.agreements.models import AgreementVersion
from gipz.agreements.selectors import duty_for
from gipz.agreements.terms import default_terms
from gipz.core.models import AuditEvent
from gipz.geo.changes import apply_due
from gipz.geo.models import Municipality, MunicipalitySuccession, PlannedChange
from gipz.keyfigures.tests.helpers import key_figure

pytestmark = pytest.mark.django_db

HEADER = "datum;oude_code;oude_naam;nieuwe_code;nieuwe_naam;aandeel;veiligheidsregio;bron\n"


def _file(tmp_path: Path, lines: str) -> str:
    path = tmp_path / "herindeling.csv"
    path.write_text(HEADER + lines, encoding="utf-8")
    return str(path)


def test_a_merger_on_its_legal_date_moves_what_belongs_to_the_municipality(world: World, tmp_path: Path) -> None:
    amersfoort, baarn = world.amersfoort, Municipality.objects.get(code="GM0308")
    figure = key_figure(world)
    figure.municipalities.set([amersfoort])
    AgreementVersion.objects.create(
        safety_region=amersfoort.safety_region,
        municipality=amersfoort,
        number=1,
        status=AgreementVersion.Status.APPROVED,
        title="Werkafspraken Amersfoort",
        terms=default_terms().to_json(),
        created_at=timezone.now(),
        effective_from=date(2026, 1, 1),
    )
    open_situation = intake(world, municipality=amersfoort)
    legal = timezone.localdate() + timedelta(days=30)
    lines = (
        f"{legal};GM0307;Amersfoort;GM2001;Eemland;1;VR09;Wet van 1 juli 2026 (fictief, test)\n"
        f"{legal};GM0308;Baarn;GM2001;Eemland;1;VR09;Wet van 1 juli 2026 (fictief, test)\n"
    )
    out = StringIO()
    call_command("municipalities", "apply", _file(tmp_path, lines), stdout=out)
    assert "planned for its legal date" in out.getvalue()
    assert Municipality.objects.get(code="GM0307").active  # not before its date
    assert apply_due(today=legal - timedelta(days=1)) == []

    done = apply_due(today=legal)
    assert any("Amersfoort" in line for line in done)
    eemland = Municipality.objects.get(code="GM2001")
    amersfoort.refresh_from_db()
    assert (amersfoort.active, amersfoort.valid_until) == (False, legal - timedelta(days=1))
    assert (eemland.active, eemland.valid_from, eemland.safety_region.code) == (True, legal, "VR09")
    assert eemland.population == amersfoort.population + baarn.population and eemland.population_estimated
    assert set(
        MunicipalitySuccession.objects.filter(successor=eemland).values_list("predecessor__code", flat=True)
    ) == {
        "GM0307",
        "GM0308",
    }
    # the service area (and so the roster) now covers the successor instead
    assert set(world.area.municipalities.values_list("code", flat=True)) == {"GM0344", "GM2001"}
    assert duty_for(municipality=eemland, at=timezone.now()).primary == world.team_a  # the roster goes with it
    assert set(figure.municipalities.values_list("code", flat=True)) == {"GM2001"}
    moved = AgreementVersion.objects.get(municipality=eemland)
    assert moved.status == "approved" and moved.effective_from == legal and moved.title == "Werkafspraken Amersfoort"
    # history and open work stay as they were
    open_situation.refresh_from_db()
    assert open_situation.municipality == amersfoort
    assert logged_in(world.crisis_user).get(reverse("situation", args=[open_situation.pk])).status_code == 200
    assert AuditEvent.objects.filter(event_type="municipality.dissolved").count() == 2
    assert PlannedChange.objects.get().applied_at is not None
    assert apply_due(today=legal) == []  # once
    # new work is refused in the old municipality, with its successor named
    form = {"municipality": amersfoort.pk, "location": "Stationsplein 1", "description": "Man verward", "offence": "no"}
    refused = logged_in(world.police_user).post(reverse("intake"), form)
    assert "kies Eemland" in page_text(refused, 400)


def test_a_split_by_shares_and_a_move_to_another_region(world: World, tmp_path: Path) -> None:
    today = timezone.localdate()
    lines = (
        f"{today};GM0308;Baarn;GM0307;Amersfoort;0,6;;Test\n"
        f"{today};GM0308;Baarn;GM0342;Soest;0,4;;Test\n"
        f"{today};GM0355;Zeist;GM0355;Zeist aan de Heuvelrug;1;VR14;Test\n"
    )
    call_command("municipalities", "apply", _file(tmp_path, lines), stdout=StringIO())
    shares = dict(
        MunicipalitySuccession.objects.filter(predecessor__code="GM0308").values_list("successor__code", "share")
    )
    assert {code: float(share) for code, share in shares.items()} == {"GM0307": 0.6, "GM0342": 0.4}
    zeist = Municipality.objects.get(code="GM0355")
    assert (zeist.name, zeist.safety_region.code, zeist.active) == ("Zeist aan de Heuvelrug", "VR14", True)
    assert AuditEvent.objects.filter(event_type="municipality.changed", object_id=str(zeist.pk)).exists()


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ("2027-01-01;GM0308;Baarn;GM0307;Amersfoort;0,5;;Test\n", "without a full set of successors"),
        ("2027-01-01;GM0457;Weesp;GM0363;Amsterdam;1;;Test\n", "not a municipality valid today"),
        ("2027-01-01;GM0308;Baarn;GM0457;Weesp;1;;Test\n", "no longer exists"),
        ("2027-01-01;GM0308;Baarn;GM2002;Nieuw;1;;Test\n", "needs its safety region"),
        ("1 januari;GM0308;Baarn;GM0307;Amersfoort;1;;Test\n", "is not a date"),
    ],
)
def test_a_bad_file_is_refused_and_changes_nothing(world: Any, tmp_path: Path, lines: str, message: str) -> None:
    before = Municipality.objects.filter(active=True).count()
    with pytest.raises(CommandError, match=message):
        call_command("municipalities", "apply", _file(tmp_path, lines), stdout=StringIO())
    assert not PlannedChange.objects.exists()
    assert Municipality.objects.filter(active=True).count() == before
