"""Preventive assistance through the pages: bad input keeps what was typed; each reader sees only their actions."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from conftest import World, logged_in, page_text
from gipz.accesslog.models import AccessLogEntry
from gipz.prevention.models import PreventiveRequest
from gipz.prevention.tests.helpers import ask, police_planner


def _form(world: World, **changes: str) -> dict[str, str]:
    planned = timezone.localtime() + timedelta(days=4)
    return {
        "police_organisation": str(world.police.pk),
        "municipality": str(world.utrecht.pk),
        "event_kind": "out_of_home_placement",
        "planned_at": planned.strftime("%Y-%m-%dT%H:%M"),
        "location": "Fictieve Laan 1",
        "description": "Uithuisplaatsing van twee kinderen; vader dreigde eerder.",
        "violence_history": "yes",
        "weapons": "unknown",
        "known_to_police": "yes",
        "care_measures": "Twee jeugdbeschermers en een gedragswetenschapper gaan mee.",
        **changes,
    }


def test_care_asks_through_the_form_and_bad_input_keeps_what_was_typed(world: World) -> None:
    client = logged_in(world.care_user)
    assert client.get("/preventief/nieuw/").status_code == 200
    bad = client.post("/preventief/nieuw/", _form(world, weapons="", location="Mijn adres 5"))
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "Kies ja, nee of onbekend." in page and 'value="Mijn adres 5"' in page
    past = client.post("/preventief/nieuw/", _form(world, planned_at="2020-01-01T10:00"))
    assert past.status_code == 400 and "Bel 112" in past.content.decode()
    assert PreventiveRequest.objects.count() == 0
    ok = client.post("/preventief/nieuw/", _form(world))
    request = PreventiveRequest.objects.get()
    assert ok.status_code == 302 and ok["Location"] == f"/preventief/{request.pk}/"
    assert request.risk_level == "high"  # 3 + 1 + 1 + 1 = 6


def test_police_decide_on_the_page_and_the_planning_shows_it(world: World) -> None:
    police_planner(world)
    request = ask(world)
    client = logged_in(world.police_coordinator)
    page = page_text(client.get(f"/preventief/{request.pk}/"))
    assert "Besluit vastleggen" in page and "Intrekken" not in page
    bad = client.post(f"/preventief/{request.pk}/besluit/", {"decision": "assist", "reason": "Eerder geweld bekend."})
    assert bad.status_code == 400 and "Kies het team dat assisteert." in bad.content.decode()
    ok = client.post(
        f"/preventief/{request.pk}/besluit/",
        {"decision": "assist", "reason": "Eerder geweld bekend.", "team": world.police_team.pk, "officers": "2"},
    )
    assert ok.status_code == 302
    planning = page_text(client.get("/preventief/planning/"))
    assert request.reference in planning and "Basisteam Utrecht-Centrum" in planning


def test_a_professional_sees_but_cannot_decide_and_outsiders_get_404(world: World) -> None:
    request = ask(world)
    page = page_text(logged_in(world.police_user).get(f"/preventief/{request.pk}/"))
    assert "Besluit vastleggen" not in page
    assert logged_in(world.outsider_police).get(f"/preventief/{request.pk}/").status_code == 404
    assert logged_in(world.crisis_user).get(f"/preventief/{request.pk}/").status_code == 404
    # A forged decision by the professional is refused with a message, not a 500.
    refused = logged_in(world.police_user).post(
        f"/preventief/{request.pk}/besluit/",
        {"decision": "more_info", "reason": "Wij willen meer weten.", "info_question": "Welke?"},
    )
    assert refused.status_code == 400 and "coördinator" in refused.content.decode()


def test_viewing_a_request_is_logged(world: World) -> None:
    request = ask(world)
    before = AccessLogEntry.objects.count()
    logged_in(world.care_user).get(f"/preventief/{request.pk}/")
    entry = AccessLogEntry.objects.order_by("-seq").first()
    assert AccessLogEntry.objects.count() == before + 1
    assert (
        entry is not None and entry.object_type == "prevention.preventiverequest" and entry.object_id == str(request.pk)
    )


def test_the_list_shows_what_waits_for_police(world: World) -> None:
    police_planner(world)
    request = ask(world)
    page = page_text(logged_in(world.police_coordinator).get("/preventief/"))
    assert "Wacht op besluit" in page and request.reference in page


def test_every_field_of_the_request_form_is_in_exactly_one_fieldset() -> None:
    from gipz.prevention.forms import PreventiveRequestForm

    grouped = [name for _legend, names in PreventiveRequestForm.GROUPS for name in names]
    assert sorted(grouped) == sorted(PreventiveRequestForm.base_fields)


def test_the_only_police_organisation_is_chosen_already(world: World) -> None:
    from gipz.accounts.models import Organisation
    from gipz.prevention.forms import PreventiveRequestForm
    from gipz.unsafety.forms import UnsafeReportForm

    for make in (PreventiveRequestForm, lambda: UnsafeReportForm(levels=(), acute=False)):
        form = make()
        assert "police_organisation" not in form.initial  # two police organisations in this world: choose
    world.other_police.type = "municipality"  # now there is one
    world.other_police.save()
    assert Organisation.objects.filter(type="police").count() == 1
    assert PreventiveRequestForm().initial["police_organisation"] == world.police
    assert UnsafeReportForm(levels=(), acute=True).initial["police_organisation"] == world.police


def test_the_history_is_in_words_not_codes(world: World) -> None:
    from gipz.prevention.services import preventive_request_withdraw
    from gipz.prevention.tests.helpers import ask

    request = ask(world)
    preventive_request_withdraw(actor=world.care_actor, request_id=request.pk, reason="Niet meer nodig, opgelost.")
    page = page_text(logged_in(world.care_user).get(f"/preventief/{request.pk}/"))
    assert "ingetrokken" in page and "— withdrawn" not in page and "Niet meer nodig, opgelost." in page
