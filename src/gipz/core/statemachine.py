"""One way to move an object through its explicit state machine: check the table of allowed transitions, change
the row, append the history row and write the audit row, all in the caller's transaction."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from gipz.core.audit import audit_record
from gipz.core.errors import TransitionError
from gipz.core.models import HistoryEvent


def check_transition(
    transitions: Mapping[str, frozenset[str]], statuses: type[models.TextChoices], current: str, to: str
) -> None:
    if to not in transitions.get(current, frozenset()):
        raise TransitionError(
            _("Dat kan niet (meer): de status is nu '%(current)s'.") % {"current": statuses(current).label}
        )


def move(
    obj: Any,
    *,
    to: str,
    transitions: Mapping[str, frozenset[str]],
    history: type[HistoryEvent],
    parent: str,
    actor: Any,
    kind: str,
    at: datetime,
    note: str = "",
    changes: dict[str, Any] | None = None,
) -> None:
    """`obj` must be locked by the caller (select_for_update); `parent` is the history model's key to it."""
    assert transaction.get_connection().in_atomic_block
    current = obj.status
    check_transition(transitions, type(obj).Status, current, to)
    changes = changes or {}
    old = {"status": current, **{name: getattr(obj, name) for name in changes}}
    obj.status = to
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save(update_fields=["status", *changes])
    history.record(actor=actor, at=at, kind=kind, note=note, from_status=current, to_status=to, **{parent: obj})
    audit_record(
        actor=actor,
        event_type=f"{obj._meta.model_name}.{kind}",
        obj=obj,
        old=old,
        new={"status": to, **changes},
    )
