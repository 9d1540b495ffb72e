from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models, transaction

from gipz.core.models import AuditEvent


def in_service_transaction(using: str | None = None) -> bool:
    """Inside a transaction the code opened itself. The test suite runs each test inside one of its own (Django's
    TestCase marks those blocks `_from_testcase`); they do not count, so a service that forgot `transaction.atomic()`
    fails its tests as it would fail in production, instead of passing inside the test's transaction."""
    connection = transaction.get_connection(using)
    return connection.in_atomic_block and any(
        not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks
    )


def audit_record(
    *,
    actor: Any,
    event_type: str,
    obj: models.Model | tuple[str, str],
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit row. Must be called inside the transaction that makes the change.

    `actor` is an Actor (user and organisation), a bare user (an administrator in the admin, who acts for no
    organisation) or None (the system). `obj` is the changed row, or (object type, id) for a change that is not one
    row, such as an import or an export."""
    if not in_service_transaction():
        raise RuntimeError("audit_record must run inside the service's transaction")
    if isinstance(actor, AbstractBaseUser):
        user, organisation = actor, None
    else:
        user, organisation = getattr(actor, "user", None), getattr(actor, "organisation", None)
    object_type, object_id = obj if isinstance(obj, tuple) else (obj._meta.label_lower, str(obj.pk))
    return AuditEvent.objects.create(
        actor=user,
        organisation=organisation,
        event_type=event_type,
        object_type=object_type,
        object_id=object_id,
        old=_jsonable(old or {}),
        new=_jsonable(new or {}),
    )


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, models.Model):
            out[key] = value.pk
        elif hasattr(value, "isoformat"):
            out[key] = value.isoformat()
        elif isinstance(value, (str, int, float, bool, type(None), list, dict)):
            out[key] = value
        else:
            out[key] = str(value)
    return out
