"""Who is paged for what: the team on duty for a new request (and again just before its deadline), the backup team
and coordinator on an escalation, the key figure for a consult, the holder's desk for an information request, the
police coordinators at a preventive-request deadline. The situation page shows who was alerted, how and when; a
user chooses their own channels."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.utils import timezone

from conftest import World, intake, logged_in, page_text
from gipz.alerts.models import Alert, AlertSettings, Delivery, PushSubscription
from gipz.core.jobs import run_due_jobs
from gipz.core.models import AuditEvent
from gipz.keyfigures.services import consult_request
from gipz.keyfigures.tests.helpers import key_figure
from gipz.prevention.tests.helpers import ask as ask_preventive
from gipz.prevention.tests.helpers import police_planner
from gipz.privacy.tests.helpers import ask, situation_with_person


def _told(kind: str) -> set[str]:
    return set(Alert.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_a_new_request_pages_the_team_on_duty_and_again_before_its_deadline(world: World) -> None:
    situation = intake(world)
    assert _told(Alert.Kind.NEW_REQUEST) == {"verpleegkundige", "psychiater"}  # team A, on duty
    alert = Alert.objects.filter(kind=Alert.Kind.NEW_REQUEST).first()
    assert alert is not None and (alert.reference, alert.urgency, alert.municipality) == (
        situation.reference,
        "U3",
        "Utrecht",
    )
    deadline = situation.care_request.acknowledge_deadline
    run_due_jobs(now=deadline - timedelta(minutes=2))
    assert _told(Alert.Kind.ACKNOWLEDGE_SOON) == {"verpleegkundige", "psychiater"}
    assert not _told(Alert.Kind.ESCALATED)
    run_due_jobs(now=deadline + timedelta(seconds=1))
    assert _told(Alert.Kind.ESCALATED) == {"achterwacht", "coordinator"}


def test_an_accepted_request_is_not_called_again(world: World) -> None:
    from gipz.situations import services

    situation = intake(world)
    services.care_request_accept(actor=world.crisis_actor, situation_id=situation.pk)
    run_due_jobs(now=situation.care_request.acknowledge_deadline + timedelta(minutes=1))
    assert not _told(Alert.Kind.ACKNOWLEDGE_SOON) and not _told(Alert.Kind.ESCALATED)


def test_consults_information_requests_and_preventive_deadlines_reach_their_desk(world: World) -> None:
    situation, _person = situation_with_person(world)
    entry = key_figure(world)
    consult_request(actor=world.crisis_actor, situation_id=situation.pk, key_figure_id=entry.pk,
                    question="Kent u deze meneer uit de wijk?")  # fmt: skip
    assert _told(Alert.Kind.CONSULT) == {entry.user.username}
    ask(world, situation)  # the police ask the crisis service
    assert _told(Alert.Kind.INFORMATION_REQUEST) == {"verpleegkundige"}  # the crisis service's information desk
    police_planner(world)
    request = ask_preventive(world, planned_at=timezone.now() + timedelta(hours=10))
    run_due_jobs(now=request.decision_deadline + timedelta(minutes=1))
    assert _told(Alert.Kind.PREVENTIVE_DEADLINE) == {"teamchef"}
    assert Alert.objects.get(kind=Alert.Kind.PREVENTIVE_DEADLINE).reference == request.reference


def test_the_situation_page_shows_who_was_alerted_how_and_when(world: World, settings: Any) -> None:
    settings.GIPZ_SMTP_URL = ""  # to the log
    world.crisis_user.email = "v@crisisdienst.test"
    world.crisis_user.save()
    AlertSettings.objects.create(user=world.crisis_user, email=True)
    situation = intake(world)
    run_due_jobs(now=timezone.now())
    text = page_text(logged_in(world.police_user).get(f"/meldingen/{situation.pk}/"))
    assert "Gealarmeerd" in text and "e-mail" in text and "verstuurd" in text
    assert "alleen in GIPZ (geen kanaal gekozen)" in text  # the colleague chose no channel


def test_a_user_chooses_channels_and_gets_a_clear_message_for_a_bad_number(world: World) -> None:
    client = logged_in(world.crisis_user)
    assert "Alarmering" in page_text(client.get("/alarmering/"))
    refused = page_text(client.post("/alarmering/", {"sms": "on", "phone": "030 1234567"}), 400)
    assert "Geef een Nederlands mobiel nummer" in refused and 'value="030 1234567"' in refused
    assert not AlertSettings.objects.exists()
    response = client.post("/alarmering/", {"email": "on", "sms": "on", "phone": "06 12345678"})
    assert response.status_code == 302
    saved = AlertSettings.objects.get(user=world.crisis_user)
    assert (saved.email, saved.sms, saved.phone) == (True, True, "0031612345678")
    audit = AuditEvent.objects.get(event_type="alerts.settings")
    assert audit.new == {"email": True, "sms": True} and "612345678" not in str(audit.new)


def test_a_browser_subscribes_to_push_and_can_stop(world: World) -> None:
    client = logged_in(world.crisis_user)
    body = {"endpoint": "https://push.example.net/send/abc", "keys": {"p256dh": "BPk", "auth": "c2VjcmV0"}}
    bad = client.post("/alarmering/push/", data="{not json", content_type="application/json")
    assert bad.status_code == 400 and "geen geldig push-abonnement" in bad.json()["detail"]
    plain = client.post("/alarmering/push/", data=json.dumps({**body, "endpoint": "http://evil.example/x"}),
                        content_type="application/json")  # fmt: skip
    assert plain.status_code == 400
    made = client.post("/alarmering/push/", data=json.dumps(body), content_type="application/json")
    assert made.status_code == 201
    subscription = PushSubscription.objects.get(user=world.crisis_user)
    other = logged_in(world.crisis_colleague)
    assert other.post(f"/alarmering/push/{subscription.pk}/verwijderen/").status_code == 302
    assert PushSubscription.objects.filter(pk=subscription.pk).exists()  # not someone else's to remove
    client.post(f"/alarmering/push/{subscription.pk}/verwijderen/")
    assert not PushSubscription.objects.exists()
    assert set(AuditEvent.objects.values_list("event_type", flat=True)) >= {
        "alerts.push_subscribed",
        "alerts.push_removed",
    }


def test_a_test_alert_uses_the_chosen_channels(world: World) -> None:
    client = logged_in(world.crisis_user)
    nothing = page_text(client.post("/alarmering/test/", follow=True))
    assert "nog geen kanaal gekozen" in nothing
    world.crisis_user.email = "v@crisisdienst.test"
    world.crisis_user.save()
    AlertSettings.objects.create(user=world.crisis_user, email=True)
    page_text(client.post("/alarmering/test/", follow=True))
    assert Delivery.objects.filter(alert__kind=Alert.Kind.TEST, channel=Delivery.Channel.EMAIL).count() == 1
