"""A service that forgot `transaction.atomic()` fails its tests: the test's own transaction does not count."""

from __future__ import annotations

import pytest
from django.db import transaction

from conftest import World
from gipz.core.audit import audit_record, in_service_transaction
from gipz.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _service_without_a_transaction(world: World) -> None:
    audit_record(actor=world.police_actor, event_type="test.forgot", obj=world.police)


def _service(world: World) -> None:
    with transaction.atomic():
        audit_record(actor=world.police_actor, event_type="test.done", obj=world.police)


def test_audit_outside_the_services_own_transaction_is_refused_even_inside_a_test(world: World) -> None:
    assert transaction.get_connection().in_atomic_block  # the test's transaction is open ...
    assert not in_service_transaction()  # ... and is not the service's
    with pytest.raises(RuntimeError, match="inside the service's transaction"):
        _service_without_a_transaction(world)
    _service(world)
    assert list(AuditEvent.objects.values_list("event_type", flat=True)) == ["test.done"]
