"""Delivery for real: e-mail to a local SMTP server, Web Push to a local push endpoint (decrypted here with the
subscription's keys, RFC 8291), SMS to a local gateway; retries with back-off, a channel that is down, and never
personal data in what leaves."""

from __future__ import annotations

import base64
import json
import os
from datetime import timedelta
from typing import Any

import http_ece
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.utils import timezone

from conftest import World, intake
from gipz.alerts.channels import push
from gipz.alerts.models import Alert, AlertSettings, Delivery, PushSubscription
from gipz.alerts.services import alert
from gipz.alerts.tests.servers import free_port, http_peer, smtp_server
from gipz.core import jobs
from gipz.core.models import Job


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _alert_about(world: World, user: Any) -> tuple[Any, list[Alert]]:
    situation = intake(world, description="Man met mes dreigt zichzelf iets aan te doen", location="Neude 11")
    Alert.objects.all().delete()  # only this test's alert: not the intake's own, nor its reminder and escalation
    Job.objects.all().delete()
    made = alert(
        recipients=[user],
        kind=Alert.Kind.NEW_REQUEST,
        reference=situation.reference,
        urgency=situation.urgency,
        municipality=situation.municipality.name,
        path=f"/meldingen/{situation.pk}/",
    )
    return situation, made


def _run_all(minutes: int = 0) -> int:
    return jobs.run_due_jobs(now=timezone.now() + timedelta(minutes=minutes))


def test_an_email_reaches_a_real_smtp_server_without_personal_data(world: World, settings: Any) -> None:
    user = world.crisis_user
    user.email = "verpleegkundige@crisisdienst.test"
    user.save()
    AlertSettings.objects.create(user=user, email=True)
    with smtp_server() as box:
        settings.GIPZ_SMTP_URL = f"smtp+plain://127.0.0.1:{box.port}"
        settings.GIPZ_BASE_URL = "https://gipz.example.nl"
        situation, _made = _alert_about(world, user)
        assert _run_all() >= 1
    assert len(box.messages) == 1
    mail = box.messages[0]
    assert mail["To"] == "verpleegkundige@crisisdienst.test"
    assert situation.reference in mail["Subject"] and situation.urgency in mail["Subject"]
    body = mail.get_payload()
    assert f"https://gipz.example.nl/meldingen/{situation.pk}/" in body
    for secret in ("mes", "Neude", "zichzelf"):
        assert secret not in body and secret not in mail["Subject"]
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.SENT and delivery.attempts == 1 and delivery.tries.get().ok


def test_a_mail_server_that_is_down_is_retried_with_back_off_until_it_is_up(world: World, settings: Any) -> None:
    user = world.crisis_user
    user.email = "verpleegkundige@crisisdienst.test"
    user.save()
    AlertSettings.objects.create(user=user, email=True)
    settings.GIPZ_SMTP_URL = f"smtp+plain://127.0.0.1:{free_port()}"  # nothing listens there
    _alert_about(world, user)
    assert _run_all() >= 1
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.PENDING and delivery.attempts == 1
    assert not delivery.tries.get().ok and "SMTP" in delivery.tries.get().detail
    assert _run_all(minutes=0) == 0  # not again at once: the next try waits ten seconds
    with smtp_server() as box:
        settings.GIPZ_SMTP_URL = f"smtp+plain://127.0.0.1:{box.port}"
        assert _run_all(minutes=2) == 1
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT and delivery.attempts == 2 and len(box.messages) == 1
    assert [t.ok for t in delivery.tries.all()] == [False, True]


def test_a_channel_down_for_good_fails_after_the_last_attempt(world: World, settings: Any) -> None:
    settings.GIPZ_SMS_TOKEN = "test-token"
    settings.GIPZ_SMS_URL = f"http://127.0.0.1:{free_port()}/gateway"
    AlertSettings.objects.create(user=world.crisis_user, sms=True, phone="0031612345678")
    _situation, (row,) = _alert_about(world, world.crisis_user)
    for minutes in range(0, 45):  # the worker, minute by minute, past the alert's deadline
        _run_all(minutes=minutes)
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.FAILED and delivery.attempts == delivery.tries.count() > 10
    assert not any(t.ok for t in delivery.tries.all())
    assert max(t.at for t in delivery.tries.all()) <= row.deliver_until  # given up at the deadline
    assert _run_all(minutes=600) == 0  # nothing more is tried


def test_an_sms_reaches_the_gateway_in_its_format(world: World, settings: Any) -> None:
    AlertSettings.objects.create(user=world.crisis_user, sms=True, phone="0031612345678")
    with http_peer(status=200, answer=b'{"errorCode": 0, "details": "Created 1 message(s)"}') as gateway:
        settings.GIPZ_SMS_URL = f"{gateway.url}/v1.0/message"
        settings.GIPZ_SMS_TOKEN = "test-token"
        situation, _made = _alert_about(world, world.crisis_user)
        _run_all()
    sent = json.loads(gateway.received[0].body)["messages"]
    assert sent["authentication"] == {"producttoken": "test-token"}
    message = sent["msg"][0]
    assert message["to"] == [{"number": "0031612345678"}] and message["from"] == "GIPZ"
    assert situation.reference in message["body"]["content"] and len(message["body"]["content"]) <= 160
    assert "mes" not in message["body"]["content"] and "Neude" not in message["body"]["content"]
    assert Delivery.objects.get().status == Delivery.Status.SENT


def test_a_gateway_refusal_is_recorded_and_retried(world: World, settings: Any) -> None:
    AlertSettings.objects.create(user=world.crisis_user, sms=True, phone="0031612345678")
    with http_peer(status=400, answer=b'{"errorCode": 101, "details": "Authentication failed"}') as gateway:
        settings.GIPZ_SMS_URL = gateway.url
        settings.GIPZ_SMS_TOKEN = "wrong"
        _alert_about(world, world.crisis_user)
        _run_all()
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.PENDING and "400" in delivery.tries.get().detail


def _browser_keys() -> tuple[ec.EllipticCurvePrivateKey, bytes, str, str]:
    """What a browser makes when it subscribes: a P-256 key pair and a 16-byte auth secret."""
    receiver = ec.generate_private_key(ec.SECP256R1())
    auth = os.urandom(16)
    public = receiver.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return receiver, auth, _b64(public), _b64(auth)


def test_a_push_message_is_encrypted_for_the_subscription_and_signed(world: World, settings: Any) -> None:
    settings.GIPZ_VAPID_PRIVATE_KEY = push.new_private_key()
    settings.GIPZ_BASE_URL = "https://gipz.example.nl"
    receiver, auth, p256dh, auth_b64 = _browser_keys()
    with http_peer(status=201) as service:
        PushSubscription.objects.create(
            user=world.crisis_user, endpoint=f"{service.url}/push/abc123", p256dh=p256dh, auth=auth_b64
        )
        situation, _made = _alert_about(world, world.crisis_user)
        _run_all()
    arrived = service.received[0]
    assert arrived.path == "/push/abc123" and arrived.headers["content-encoding"] == "aes128gcm"
    assert arrived.headers["authorization"].startswith("vapid t=")
    assert f"k={push.public_key()}" in arrived.headers["authorization"]
    assert situation.reference.encode() not in arrived.body  # encrypted on the wire
    plain = http_ece.decrypt(arrived.body, private_key=receiver, auth_secret=auth, version="aes128gcm")
    message = json.loads(plain)
    assert message["url"] == f"https://gipz.example.nl/meldingen/{situation.pk}/"
    assert situation.reference in message["body"] and situation.urgency in message["title"]
    assert "mes" not in plain.decode() and "Neude" not in plain.decode()
    assert Delivery.objects.get().status == Delivery.Status.SENT


def test_a_subscription_the_push_service_no_longer_knows_is_removed(world: World, settings: Any) -> None:
    settings.GIPZ_VAPID_PRIVATE_KEY = push.new_private_key()
    _receiver, _auth, p256dh, auth_b64 = _browser_keys()
    with http_peer(status=410) as service:
        PushSubscription.objects.create(user=world.crisis_user, endpoint=f"{service.url}/gone", p256dh=p256dh,
                                        auth=auth_b64)  # fmt: skip
        _alert_about(world, world.crisis_user)
        _run_all()
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.FAILED and delivery.attempts == 1
    assert not PushSubscription.objects.exists()


def test_without_a_mail_server_the_mail_goes_to_the_log(world: World, settings: Any, caplog: Any) -> None:
    settings.GIPZ_SMTP_URL = ""
    world.crisis_user.email = "v@crisisdienst.test"
    world.crisis_user.save()
    AlertSettings.objects.create(user=world.crisis_user, email=True)
    situation, _made = _alert_about(world, world.crisis_user)
    with caplog.at_level("INFO", logger="gipz.alerts.channels.email"):
        _run_all()
    assert situation.reference in caplog.text and "v@crisisdienst.test" not in caplog.text
    assert Delivery.objects.get().status == Delivery.Status.SENT


@pytest.mark.parametrize("raw", ["06 12345678", "+31 6 1234 5678", "0031612345678", "06-12345678"])
def test_dutch_mobile_numbers_are_normalised(raw: str) -> None:
    from gipz.alerts.channels.sms import normalise_phone

    assert normalise_phone(raw) == "0031612345678"


@pytest.mark.parametrize("raw", ["030 1234567", "06 1234567", "+32 470 12 34 56", "zes"])
def test_other_numbers_are_refused(raw: str) -> None:
    from gipz.alerts.channels.sms import normalise_phone

    assert normalise_phone(raw) is None
