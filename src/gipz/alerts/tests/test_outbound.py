"""One way out (issue #28, item 5): a delivery is sent outside any transaction, retried in seconds at first, falls
back to the recipient's next channel, and when nothing reaches them the coordinators are told in the app."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from django.db import OperationalError, connection, connections
from django.utils import timezone

from conftest import World, intake, make_user
from gipz.accounts.models import Role
from gipz.alerts import delivery as delivery_module
from gipz.alerts.models import Alert, AlertSettings, Delivery
from gipz.alerts.services import alert
from gipz.alerts.tests.servers import free_port, smtp_server
from gipz.core import jobs
from gipz.core.models import Job, LiveEvent
from gipz.core.outbound import ALERTS, WEBHOOKS, RetryPolicy
from gipz.situations.models import Notification


def _alert(world: World, user: Any) -> tuple[Any, Alert]:
    situation = intake(world)
    Alert.objects.all().delete()
    Job.objects.all().delete()
    (made,) = alert(recipients=[user], kind=Alert.Kind.NEW_REQUEST, reference=situation.reference, urgency="U2",
                    municipality="Utrecht", path=f"/meldingen/{situation.pk}/")  # fmt: skip
    return situation, made


def _run(seconds: float = 0) -> int:
    return jobs.run_due_jobs(now=timezone.now() + timedelta(seconds=seconds))


def test_the_alert_policy_retries_in_seconds_then_every_two_minutes_until_the_deadline() -> None:
    now = timezone.now()
    waits = [ALERTS.next_attempt(attempts=n, now=now) for n in range(1, 6)]
    assert [(at - now).total_seconds() for at in waits if at] == [10, 30, 60, 120, 120]
    assert ALERTS.next_attempt(attempts=2, now=now, give_up_at=now + timedelta(seconds=20)) is None
    assert WEBHOOKS.next_attempt(attempts=WEBHOOKS.max_attempts, now=now) is None
    assert RetryPolicy(first=(), then_every=timedelta(seconds=5), max_attempts=2).next_attempt(attempts=1, now=now)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_delivery_is_sent_outside_any_transaction_and_holds_no_write_lock(world: World, settings: Any) -> None:
    """While a channel takes its time, the database is free: another connection writes at once."""
    user = world.crisis_user
    user.email = "verpleegkundige@crisisdienst.test"
    user.save()
    AlertSettings.objects.create(user=user, email=True)
    _alert(world, user)
    seen: dict[str, Any] = {}

    def slow_channel(address: str, text: Any) -> str:
        seen["in_transaction"] = connection.in_atomic_block

        def write_elsewhere() -> None:
            other = connections.create_connection("default")
            try:
                with other.cursor() as cursor:
                    cursor.execute(
                        f"INSERT INTO {LiveEvent._meta.db_table} (organisation_id, topic, object_id, at) "
                        "VALUES (1, 'probe', 1, %s)",
                        [timezone.now()],
                    )
                seen["other_wrote"] = True
            except OperationalError as exc:  # "database is locked" when a sender held the write lock
                seen["other_wrote"] = repr(exc)
            finally:
                other.close()

        writer = threading.Thread(target=write_elsewhere)
        writer.start()
        writer.join(180)  # only a hang reaches this: the write ends at once or fails with 'locked'
        return "250 OK"

    settings.GIPZ_SMTP_URL = "smtp+plain://127.0.0.1:25"
    original = delivery_module.email.send
    delivery_module.email.send = slow_channel  # type: ignore[assignment]
    try:
        assert _run() >= 1
    finally:
        delivery_module.email.send = original  # type: ignore[assignment]
    assert seen == {"in_transaction": False, "other_wrote": True}
    assert Delivery.objects.get().status == Delivery.Status.SENT


def test_a_failing_channel_falls_back_to_the_next_one_the_recipient_has(world: World, settings: Any) -> None:
    user = world.crisis_user
    user.email = "verpleegkundige@crisisdienst.test"  # has an address, but chose SMS for alerts
    user.save()
    AlertSettings.objects.create(user=user, sms=True, phone="0031612345678")
    settings.GIPZ_SMS_TOKEN = "test-token"
    settings.GIPZ_SMS_URL = f"http://127.0.0.1:{free_port()}/gateway"  # the SMS gateway is down
    with smtp_server() as box:
        settings.GIPZ_SMTP_URL = f"smtp+plain://127.0.0.1:{box.port}"
        situation, _row = _alert(world, user)
        _run()  # the SMS fails, the e-mail is added
        _run()  # and sent
    channels = {d.channel: (d.status, d.fallback) for d in Delivery.objects.all()}
    assert channels == {"sms": ("pending", False), "email": ("sent", True)}
    assert len(box.messages) == 1 and situation.reference in box.messages[0]["Subject"]


def test_an_alert_that_reaches_nobody_is_told_to_the_coordinators_in_the_app(world: World, settings: Any) -> None:
    coordinator = make_user("coordinator-2", world.crisis, Role.COORDINATOR)
    AlertSettings.objects.create(user=world.crisis_user, sms=True, phone="0031612345678")
    settings.GIPZ_SMS_TOKEN = "test-token"
    settings.GIPZ_SMS_URL = f"http://127.0.0.1:{free_port()}/gateway"
    situation, _row = _alert(world, world.crisis_user)
    Notification.objects.all().delete()
    for minute in range(0, 45):
        _run(seconds=minute * 60)
    assert Delivery.objects.get().status == Delivery.Status.FAILED
    told = Notification.objects.filter(situation=situation, user=coordinator)
    assert told.count() == 1 and "niet bereikt" in told.get().message
    assert "0031612345678" not in told.get().message


def test_alerting_a_whole_team_takes_the_same_few_statements_as_one_person(world: World) -> None:
    """alert() runs inside the intake's transaction: a team of five must not cost five times the queries."""
    from django.db import connection as db
    from django.test.utils import CaptureQueriesContext

    team = []
    for n in range(5):
        user = make_user(f"teamlid-{n}", world.crisis, Role.PROFESSIONAL)
        user.email = f"teamlid-{n}@crisisdienst.test"
        user.save()
        AlertSettings.objects.create(user=user, email=True, sms=True, phone="0031612345678")
        team.append(user)

    def statements(recipients: list[Any]) -> int:
        with CaptureQueriesContext(db) as captured:
            alert(recipients=recipients, kind=Alert.Kind.NEW_REQUEST, reference="M2612-TEAM", path="/")
        return len(captured.captured_queries)

    assert statements(team[:1]) == statements(team) <= 6
    assert Delivery.objects.filter(alert__reference="M2612-TEAM").count() == 2 * (1 + 5)  # e-mail and SMS each
    assert Job.objects.filter(kind="alerts.deliver").count() == 12
