"""Web views: owner / member / outsider, care details, every action through HTTP, bad input never a 500."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, World, intake, logged_in, page_text
from gipz.situations import services
from gipz.situations.models import FollowUp, Situation, Status

VALID = {
    "location": "Neude 11",
    "description": "Vrouw loopt verward over de weg",
    "offence": "no",
    "care_indicators": ["psychiatric"],
}


def valid_form(world: World) -> dict[str, object]:
    return {**VALID, "municipality": world.utrecht.pk}


def test_login_required_everywhere(world: World) -> None:
    situation = intake(world)
    anonymous = Client()
    for url in (
        "/",
        "/meldingen/",
        "/meldingen/nieuw/",
        "/bord/",
        f"/meldingen/{situation.pk}/",
        f"/meldingen/{situation.pk}/live/",
    ):
        response = anonymous.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_owner_member_outsider_on_the_situation_page(world: World) -> None:
    situation = intake(world)
    url = reverse("situation", args=[situation.pk])
    assert logged_in(world.police_user).get(url).status_code == 200
    assert logged_in(world.police_colleague).get(url).status_code == 200
    assert logged_in(world.crisis_user).get(url).status_code == 200
    for outsider in (world.outsider_police, world.outsider_crisis, world.care_user):
        assert logged_in(outsider).get(url).status_code == 404
        assert logged_in(outsider).get(reverse("situation-live", args=[situation.pk])).status_code == 404
        assert logged_in(outsider).post(reverse("situation-accept", args=[situation.pk])).status_code == 404
    assert logged_in(world.police_user).get("/meldingen/999999/").status_code == 404


def test_intake_creates_and_redirects(world: World) -> None:
    response = logged_in(world.police_user).post(reverse("intake"), valid_form(world))
    situation = Situation.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("situation", args=[situation.pk])
    assert situation.status == Status.REPORTED and situation.urgency == "U3"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"location": ""}, "Vul de locatie in."),
        ({"offence": ""}, "Geef aan of er een strafbaar feit is"),
        ({"municipality": "999999"}, "Kies een gemeente uit de lijst."),
        ({"care_indicators": ["werewolf"]}, "Onbekend zorgsignaal."),
        ({"chosen_urgency": "U2"}, "Geef een reden als u een andere urgentie kiest"),
        ({"chosen_urgency": "U9"}, "Kies een urgentie van U1 tot en met U5."),
    ],
)
def test_bad_intake_keeps_what_was_typed_and_saves_nothing(world: World, change: dict, message: str) -> None:
    response = logged_in(world.police_user).post(reverse("intake"), {**valid_form(world), **change})
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert "Vrouw loopt verward over de weg" in body  # what was typed stays
    assert Situation.objects.count() == 0


def test_triage_preview_shows_advice_and_reasons(world: World) -> None:
    client = logged_in(world.police_user)
    response = client.post(
        reverse("triage-preview"),
        {
            "municipality": world.utrecht.pk,
            "offence": "yes",
            "danger_to_self": "on",
            "care_indicators": ["psychiatric"],
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "U2" in body and "60 min" in body
    assert "Direct gevaar voor zichzelf" in body
    assert "strafbaar feit" in body
    empty = client.post(reverse("triage-preview"), {"care_indicators": ["nonsense"]})
    assert empty.status_code == 200 and "Het advies verschijnt" in empty.content.decode()


def test_crisis_cannot_use_the_intake(world: World) -> None:
    response = logged_in(world.crisis_user).post(reverse("intake"), valid_form(world))
    assert response.status_code == 302
    assert Situation.objects.count() == 0


def test_whole_flow_over_http_and_care_details_only_for_care(world: World) -> None:
    situation = intake(world)
    pk = situation.pk
    crisis, police = logged_in(world.crisis_user), logged_in(world.police_user)
    assert crisis.post(reverse("situation-accept", args=[pk])).status_code == 302
    assert crisis.post(reverse("situation-en-route", args=[pk]), {"eta_minutes": "20"}).status_code == 302
    assert crisis.post(reverse("situation-on-site", args=[pk])).status_code == 302
    sbar = {
        "situation_text": "Rustig",
        "background": "GEHEIM-B bekend bij GGZ",
        "assessment": "GEHEIM-A psychose",
        "recommendation": "Politie kan weg",
    }
    assert crisis.post(reverse("situation-handover", args=[pk]), sbar).status_code == 302
    police_page = page_text(police.get(reverse("situation", args=[pk])))
    assert "GEHEIM-B" not in police_page and "GEHEIM-A" not in police_page and "Rustig" in police_page
    crisis_page = page_text(crisis.get(reverse("situation", args=[pk])))
    assert "GEHEIM-B" in crisis_page and "GEHEIM-A" in crisis_page
    assert police.post(reverse("situation-confirm-handover", args=[pk])).status_code == 302
    assert "Politie kan vertrekken" in page_text(police.get(reverse("situation-live", args=[pk])))
    response = crisis.post(
        reverse("situation-follow-up", args=[pk]),
        {"kind": FollowUp.Kind.GP, "responsible_organisation": world.care.pk, "details": "GEHEIM-F medicatie"},
    )
    assert response.status_code == 302
    assert "GEHEIM-F" not in page_text(police.get(reverse("situation", args=[pk])))
    follow_up = FollowUp.objects.get()
    assert (
        crisis.post(
            reverse("situation-follow-up-update", args=[pk, follow_up.pk]),
            {"status": "done", "responsible_organisation": world.care.pk},
        ).status_code
        == 302
    )
    assert crisis.post(reverse("situation-close", args=[pk])).status_code == 302
    for client in (crisis, police):
        response = client.post(reverse("situation-evaluate", args=[pk]), {"rating": "4", "tensions": ["expertise"]})
        assert response.status_code == 302
    situation.refresh_from_db()
    assert situation.status == Status.CLOSED and situation.evaluations.count() == 2


def test_refused_actions_show_a_dutch_message_not_a_500(world: World) -> None:
    situation = intake(world)
    pk = situation.pk
    crisis, police = logged_in(world.crisis_user), logged_in(world.police_user)
    response = police.post(reverse("situation-accept", args=[pk]))
    assert response.status_code == 303 and response["Location"] == reverse("situation", args=[pk])
    assert "Alleen de crisisdienst" in police.get(response["Location"]).content.decode()
    response = crisis.post(reverse("situation-close", args=[pk]))
    assert response.status_code == 303
    crisis.post(reverse("situation-accept", args=[pk]))
    response = crisis.post(reverse("situation-en-route", args=[pk]), {"eta_minutes": "abc"})
    assert response.status_code == 400 and "heel aantal minuten" in response.content.decode()
    response = crisis.post(reverse("situation-en-route", args=[pk]), {"eta_minutes": "99999"})
    assert response.status_code == 400
    crisis.post(reverse("situation-on-site", args=[pk]))
    response = crisis.post(
        reverse("situation-handover", args=[pk]), {"situation_text": "", "recommendation": "", "background": "getypt"}
    )
    body = response.content.decode()
    assert response.status_code == 400 and "Vul de S (situatie) in." in body and "getypt" in body
    situation.refresh_from_db()
    assert situation.status == Status.ON_SITE


def test_second_accept_over_http_says_who_won(world: World) -> None:
    """The loser lands on the normal page (303, no re-post on reload) with the winner's name."""
    situation = intake(world)
    services.care_request_accept(actor=world.crisis_colleague_actor, situation_id=situation.pk)
    client = logged_in(world.crisis_user)
    response = client.post(reverse("situation-accept", args=[situation.pk]))
    assert response.status_code == 303 and response["Location"] == reverse("situation", args=[situation.pk])
    page = client.get(response["Location"])
    assert page.status_code == 200 and str(world.crisis_colleague) in page.content.decode()


def test_board_lists_open_requests_with_deadlines(world: World) -> None:
    situation = intake(world)
    referred = intake(world, care_indicators=frozenset())
    crisis = logged_in(world.crisis_user)
    assert crisis.get("/").status_code == 302  # crisis users land on the board
    body = page_text(crisis.get(reverse("board-live")))
    assert situation.reference in body and referred.reference not in body
    assert situation.care_request.acknowledge_deadline.isoformat() in body
    assert 'hx-trigger="gipz:changed, gipz:poll" data-refresh-seconds="3"' in body
    assert situation.reference not in page_text(logged_in(world.outsider_crisis).get(reverse("board-live")))


def test_escalation_notifications_on_the_board(world: World) -> None:
    situation = intake(world)
    services.care_request_escalate(request_id=situation.care_request.pk)
    coordinator = logged_in(world.coordinator)
    body = page_text(coordinator.get(reverse("board")))
    assert "Geëscaleerd" in body and situation.reference in body
    assert coordinator.post(reverse("notifications-read")).status_code == 302
    assert "Geëscaleerd:" not in page_text(coordinator.get(reverse("board-live")))


def test_police_page_polls_for_updates(world: World) -> None:
    situation = intake(world)
    police = logged_in(world.police_user)
    body = page_text(police.get(reverse("situation", args=[situation.pk])))
    assert f'hx-get="{reverse("situation-live", args=[situation.pk])}' in body
    services.care_request_accept(actor=world.crisis_actor, situation_id=situation.pk)
    live = page_text(police.get(reverse("situation-live", args=[situation.pk]) + "?since=reported"))
    assert "geaccepteerd" in live and "De status is gewijzigd" in live


def test_user_without_organisation_gets_a_clear_page(db: None) -> None:
    from gipz.accounts.models import User

    User.objects.create_user(username="los", password=PASSWORD)
    client = Client()
    client.login(username="los", password=PASSWORD)
    response = client.get("/")
    assert response.status_code == 403 and "geen organisatie" in response.content.decode()


def test_static_assets_are_served_without_a_cdn(client: Client, db: None) -> None:
    for path in (
        "/static/vendor/nl-design-system/html.css",
        "/static/vendor/nl-design-system/components.css",
        "/static/gipz/nl-design-system.css",
        "/static/gipz/theme.css",
        "/static/gipz/gipz.css",
        "/static/gipz/countdown.js",
        "/static/django_htmx/htmx-2.min.js",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
    login_page = page_text(client.get("/login/"))
    assert "http://" not in login_page.replace("http://www.w3.org", "") and "https://" not in login_page


def test_dutch_by_default_and_english_available(world: World) -> None:
    assert "Inloggen" in page_text(Client().get("/login/"))
    # The browser's language does not switch the UI; the user's own choice does.
    assert "Inloggen" in page_text(Client(headers={"accept-language": "en"}).get("/login/"))
    chooser = Client()
    chooser.cookies["django_language"] = "en"
    english = page_text(chooser.get("/login/"))
    assert "Log in" in english and 'lang="en"' in english
    client = logged_in(world.police_user)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = page_text(client.get(reverse("intake")))
    assert "New report" in page and "Immediate danger to self" in page and "Criminal offence?" in page


def test_every_ui_text_has_an_english_translation() -> None:
    import re
    from pathlib import Path

    po = (Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text()
    entries = re.split(r"\n\n", po)[1:]
    untranslated = [e for e in entries if re.search(r'^msgstr ""\Z', e.strip(), re.M) and "#~" not in e]
    assert not untranslated, untranslated[:3]


def test_the_sbar_arrives_on_the_police_page_above_the_confirm_button(world: World) -> None:
    """The officer's page was loaded before the SBAR existed: the next refresh shows S and R (not B and A) above
    'Overdracht bevestigen', without reloading, logged once; later refreshes carry no SBAR."""
    from gipz.accesslog.models import AccessLogEntry

    situation = intake(world)
    pk = situation.pk
    crisis, police = logged_in(world.crisis_user), logged_in(world.police_user)
    crisis.post(reverse("situation-accept", args=[pk]))
    crisis.post(reverse("situation-on-site", args=[pk]))
    sbar = {"situation_text": "Rustig-S", "background": "GEHEIM-B", "assessment": "GEHEIM-A", "recommendation": "Weg-R"}
    crisis.post(reverse("situation-handover", args=[pk]), sbar)
    before = AccessLogEntry.objects.count()
    live = page_text(police.get(reverse("situation-live", args=[pk]), {"since": "on_site", "sbar": "0"}))
    assert "Rustig-S" in live and "Weg-R" in live and "GEHEIM-B" not in live and "GEHEIM-A" not in live
    assert live.index("Weg-R") < live.index("Overdracht bevestigen")
    assert AccessLogEntry.objects.count() == before + 1
    later = page_text(police.get(reverse("situation-live", args=[pk]), {"since": "handed_over", "sbar": "1"}))
    assert "Rustig-S" not in later and AccessLogEntry.objects.count() == before + 1


def test_a_live_fragment_answers_204_when_nothing_changed(world: World) -> None:
    """The board is replaced only when something changed: polling with the current version gets 204 No Content."""
    import re

    intake(world)
    crisis = logged_in(world.crisis_user)
    first = crisis.get(reverse("board-live"))
    version = re.search(r'/bord/live/\?v=([0-9a-f]+)"', first.content.decode()).group(1)
    same = crisis.get(reverse("board-live"), {"v": version})
    assert same.status_code == 204 and same.content == b""
    intake(world)  # a new request
    changed = crisis.get(reverse("board-live"), {"v": version})
    assert changed.status_code == 200 and f"v={version}" not in changed.content.decode()


def test_two_page_sections_that_fill_the_same_name_are_refused(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from gipz.situations import sections

    situation = intake(world)
    assert sections.sections_context(world.crisis_actor, situation)  # the real sections fill distinct names
    monkeypatch.setitem(sections._SECTIONS, "a", lambda actor, s: {"test_part": 1})
    monkeypatch.setitem(sections._SECTIONS, "b", lambda actor, s: {"test_part": 2})
    with pytest.raises(sections.SectionClash, match="'a' and 'b' both fill 'test_part'"):
        sections.sections_context(world.crisis_actor, situation)
