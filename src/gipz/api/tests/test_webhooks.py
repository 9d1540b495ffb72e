"""Signed webhooks, notified pull (issue #18): a local receiver verifies the Standard Webhooks signature and pulls
the situation with its organisation's token; deliveries carry no personal data, are retried with back-off, and
their log is the administrator's only; other members and other organisations get 404."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from conftest import World, intake, logged_in, make_user, page_text
from gipz.accounts.models import Role
from gipz.api import webhooks
from gipz.api.models import WebhookDelivery, WebhookEndpoint
from gipz.api.tests.test_api import client_for
from gipz.core.events import DomainEvent
from gipz.core.jobs import run_due_jobs
from gipz.core.memo import memo_forget
from gipz.situations import services

pytestmark = pytest.mark.django_db


class Receiver:
    """An organisation's system: answers `status` to every POST and keeps what it received."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.status = 204
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/gipz-events"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    yield r
    r.server.shutdown()


@pytest.fixture
def admin(world: World) -> Any:
    user = make_user("beheerder", world.crisis, Role.ADMIN)
    return user


def test_a_routed_request_is_signed_delivered_and_pulled(world: World, admin: Any, receiver: Receiver) -> None:
    created = webhooks.endpoint_create(actor=world.actor(admin), url=receiver.url,
                                       event_types=["request.routed", "request.accepted"])  # fmt: skip
    assert created.secret.startswith("whsec_")
    situation = intake(world, description="Man met zwaard in de tuin", location="Oudegracht 1")
    assert run_due_jobs(worker="test") >= 1
    ((headers, body),) = receiver.received
    payload = Webhook(created.secret).verify(body, headers)  # raises on a bad signature or an old timestamp
    assert payload["type"] == "request.routed" and payload["data"]["reference"] == situation.reference
    assert {"webhook-id", "webhook-timestamp", "webhook-signature"} <= set(headers)
    assert b"zwaard" not in body and b"Oudegracht" not in body  # no personal data leaves: the receiver pulls
    pulled = client_for(world.crisis).get(urlsplit(payload["data"]["url"]).path)
    assert pulled.status_code == 200 and pulled.json()["reference"] == situation.reference
    with pytest.raises(WebhookVerificationError):  # another endpoint's secret does not fit
        Webhook(webhooks.endpoint_create(actor=world.actor(admin), url=receiver.url,
                                         event_types=["situation.closed"]).secret).verify(body, headers)  # fmt: skip
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.SENT and delivery.last_status_code == 204


def test_failed_deliveries_are_retried_with_back_off_then_failed(world: World, admin: Any, receiver: Receiver) -> None:
    webhooks.endpoint_create(actor=world.actor(admin), url=receiver.url, event_types=["request.routed"])
    receiver.status = 503
    intake(world)
    now = timezone.now()
    for attempt, wait in enumerate([0, 10, 30, 60, 300, 900, 3600, 3600], start=1):  # core/outbound.py WEBHOOKS
        now += timedelta(seconds=wait + 1)
        run_due_jobs(worker="test", now=now)
        delivery = WebhookDelivery.objects.get()
        assert delivery.attempts == attempt and delivery.last_status_code == 503
    assert delivery.status == WebhookDelivery.Status.FAILED and len(receiver.received) == 8
    assert run_due_jobs(worker="test", now=now + timedelta(hours=2)) == 0  # nothing more


def test_events_reach_the_organisations_involved_only(world: World, admin: Any, receiver: Receiver) -> None:
    police_admin = make_user("politiebeheer", world.police, Role.ADMIN)
    webhooks.endpoint_create(actor=world.actor(admin), url=receiver.url, event_types=["request.accepted"])
    webhooks.endpoint_create(actor=world.actor(police_admin), url=receiver.url, event_types=["request.accepted"])
    elsewhere = make_user("elders-beheer", world.other_crisis, Role.ADMIN)
    webhooks.endpoint_create(actor=world.actor(elsewhere), url=receiver.url, event_types=["request.accepted"])
    situation = intake(world)
    services.care_request_accept(actor=world.crisis_actor, situation_id=situation.pk)
    told = sorted(
        d.endpoint.organisation.name for d in WebhookDelivery.objects.select_related("endpoint__organisation")
    )
    assert told == [world.crisis.name, world.police.name]


def test_the_administrator_manages_endpoints_and_sees_the_log(world: World, admin: Any, receiver: Receiver) -> None:
    client = logged_in(admin)
    assert "Uw organisatie heeft nog geen webhooks" in page_text(client.get(reverse("webhooks")))
    bad = client.post(reverse("webhooks"), {"url": "ftp://x.example/hook", "event_types": ["request.routed"]})
    assert bad.status_code == 400 and 'value="ftp://x.example/hook"' in bad.content.decode()
    response = client.post(reverse("webhooks"), {"url": receiver.url, "event_types": ["request.routed"]})
    text = page_text(response, 201)
    secret = text.split('<code class="secret">')[1].split("<")[0]
    assert secret.startswith("whsec_") and "alleen nu zichtbaar" in text
    assert secret not in page_text(client.get(reverse("webhooks")))  # shown once
    endpoint = WebhookEndpoint.objects.get()
    intake(world)
    run_due_jobs(worker="test")
    log = page_text(client.get(reverse("webhook", args=[endpoint.pk])))
    assert "request.routed" in log and "HTTP 204" in log and "afgeleverd" in log  # the status in the UI's language
    assert "Een verzoek is naar ons gerouteerd" in log  # the event by its name, with its code beside it
    done = client.post(reverse("webhook-deactivate", args=[endpoint.pk]))
    assert done.status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.active is False


def test_others_cannot_see_an_organisations_webhooks(world: World, admin: Any, receiver: Receiver) -> None:
    endpoint = webhooks.endpoint_create(actor=world.actor(admin), url=receiver.url, event_types=["request.routed"])
    member = logged_in(world.crisis_user)  # same organisation, not its administrator
    assert member.get(reverse("webhooks")).status_code == 404
    assert member.get(reverse("webhook", args=[endpoint.endpoint.pk])).status_code == 404
    other = logged_in(make_user("elders-beheer", world.other_crisis, Role.ADMIN))
    assert other.get(reverse("webhooks")).status_code == 200
    assert other.get(reverse("webhook", args=[endpoint.endpoint.pk])).status_code == 404
    assert other.post(reverse("webhook-deactivate", args=[endpoint.endpoint.pk])).status_code == 404
    intake(world)
    body = json.dumps(list(WebhookDelivery.objects.values_list("payload", flat=True)))
    assert "reference" in body and "Vredenburg" not in body and "verward" not in body


@override_settings(GIPZ_REFERENCE_CACHE_SECONDS=30)
def test_which_organisations_have_endpoints_is_memoised_and_cleared_on_change(
    world: World,
    admin: Any,
    receiver: Receiver,
    django_assert_num_queries: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    memo_forget()
    intake(world)  # no endpoint anywhere: the memo now says so
    event = DomainEvent(type="request.routed", at=timezone.now(), organisation_ids=frozenset({world.crisis.pk}),
                        reference="M0000-TEST01")  # fmt: skip
    with django_assert_num_queries(0):  # an organisation without endpoints costs the intake no query
        webhooks._on_event(sender=None, event=event)
    with django_capture_on_commit_callbacks(execute=True):  # the memo is forgotten when the change commits
        endpoint = webhooks.endpoint_create(actor=world.actor(admin), url=receiver.url,
                                            event_types=["request.routed"]).endpoint  # fmt: skip
    intake(world)  # the registration cleared this process's memo: the very next event is delivered
    assert WebhookDelivery.objects.filter(endpoint=endpoint).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        webhooks.endpoint_deactivate(actor=world.actor(admin), endpoint_id=endpoint.pk)
    intake(world)
    assert WebhookDelivery.objects.filter(endpoint=endpoint).count() == 1
    memo_forget()
