"""The one state-machine engine. Each status field has a `StateMachine`: its table of allowed transitions, the
history its moves append to, and the actions an actor may take, each with a permission rule.

- `machine.move(obj, to=..., ...)` checks the table, changes the row, appends the history row and writes the audit
  row, all in the caller's transaction (the caller locked the row).
- `machine.allowed(actor, obj)` is the one answer to "what may this actor do now": the actions whose permission
  rule holds and which the current status allows (derived from the table). Pages render their buttons from it.
- `machine.require(actor, obj, action)` is what services call before acting: the same rule, refused with a clear
  message (`NotAllowedError` for who, `TransitionError` for when).

An action either moves to a status (`to`, possible wherever the table allows that move) or changes no status
(`during`, the statuses in which it is possible). `when` adds a condition on the object beyond its status.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _

from gipz.core.audit import audit_record, in_service_transaction
from gipz.core.errors import NotAllowedError, TransitionError
from gipz.core.models import HistoryEvent

Permission = Callable[[Any, Any], bool]  # (actor, obj) -> may this actor do it?

TYPED_TEXT = "(vrije tekst)"


def without_typed_text(obj: Any, values: Mapping[str, Any]) -> dict[str, Any]:
    """Audit rows are append-only and outlive every retention period, so typed text (a reason, an answer, a note)
    never goes into them: such a field is named, its value replaced by a marker. Codes, dates and references stay."""
    kept: dict[str, Any] = {}
    for name, value in values.items():
        try:
            field = obj._meta.get_field(name)
        except FieldDoesNotExist:  # not a model field (a computed fact the caller adds): keep as given
            kept[name] = value
            continue
        typed = isinstance(field, (models.CharField, models.TextField)) and not field.choices
        kept[name] = TYPED_TEXT if typed and value else value
    return kept


@dataclass(frozen=True)
class Action:
    """One thing an actor can do to an object."""

    who: Permission
    refusal: str  # shown to an actor the rule refuses (a lazy translation is fine)
    to: str | frozenset[str] | None = None  # the status(es) it moves to; None: it changes no status
    during: frozenset[str] = frozenset()  # for an action without `to`: the statuses in which it is possible
    when: Callable[[Any, Any], bool] | None = None  # a further condition, (actor, obj) -> bool (a handover exists)
    when_refusal: str = ""  # shown when `when` fails (default: the status message)
    state_refusal: str = ""  # shown when the status does not allow it (default: 'the status is now ...')

    def targets(self) -> frozenset[str]:
        if self.to is None:
            return frozenset()
        return frozenset({self.to}) if isinstance(self.to, str) else self.to


@dataclass(frozen=True)
class StateMachine:
    statuses: type[models.TextChoices]
    transitions: Mapping[str, frozenset[str]]
    history: type[HistoryEvent] | None = None  # None: the status change is audited but has no history of its own
    parent: str = ""  # the history model's key to the object (or to `owner(obj)`)
    owner: Callable[[Any], Any] | None = None  # the object whose history a move is written to (default: itself)
    actions: Mapping[str, Action] = field(default_factory=dict)
    refusal: str = ""  # how a refused move is told (%(current)s, %(to)s); default: 'the status is now ...'
    after_move: Callable[[Any], None] | None = None  # run inside the transaction after each move
    audit_prefix: str = ""  # the audit event type is '<prefix>.<kind>' (default: the model's name)

    def __post_init__(self) -> None:
        known = set(self.statuses.values)
        if set(self.transitions) != known or any(not to <= known for to in self.transitions.values()):
            raise ValueError(f"the transition table of {self.statuses.__qualname__} must name every status")
        for name, action in self.actions.items():
            if not action.targets() <= known or not action.during <= known:
                raise ValueError(f"action {name!r} names an unknown status")

    # The table.

    def can_move(self, current: str, to: str) -> bool:
        return to in self.transitions.get(current, frozenset())

    def sources(self, to: str) -> frozenset[str]:
        """The statuses from which `to` may be reached (for a compare-and-swap UPDATE ... WHERE status IN ...)."""
        return frozenset(current for current, targets in self.transitions.items() if to in targets)

    def check(self, current: str, to: str) -> None:
        if not self.can_move(current, to):
            raise TransitionError(self.status_refusal(current, to))

    # The actions.

    def in_state(self, obj: Any, name: str) -> bool:
        """Does the object's status allow the action (from the table, or its `during`)?"""
        action = self.actions[name]
        targets = action.targets()
        return any(self.can_move(obj.status, to) for to in targets) if targets else obj.status in action.during

    def possible(self, actor: Any, obj: Any, name: str) -> bool:
        when = self.actions[name].when
        return self.in_state(obj, name) and (when is None or when(actor, obj))

    def permitted(self, actor: Any, obj: Any, name: str) -> bool:
        return self.actions[name].who(actor, obj)

    def allowed(self, actor: Any, obj: Any, among: Iterable[str] | None = None) -> frozenset[str]:
        names = self.actions if among is None else among
        return frozenset(n for n in names if self.permitted(actor, obj, n) and self.possible(actor, obj, n))

    def require(self, actor: Any, obj: Any, name: str) -> None:
        """Refuse what `allowed` would not offer: first who (NotAllowedError), then when (TransitionError)."""
        self.require_permitted(actor, obj, name)
        action = self.actions[name]
        if not self.in_state(obj, name):
            raise TransitionError(str(action.state_refusal) or self.status_refusal(obj.status))
        if action.when is not None and not action.when(actor, obj):
            raise TransitionError(str(action.when_refusal) or self.status_refusal(obj.status))

    def status_refusal(self, current: str, to: str | None = None) -> str:
        if self.refusal and to is not None:
            return self.refusal % {"current": self.statuses(current).label, "to": self.statuses(to).label}
        return _("Dat kan niet (meer): de status is nu '%(current)s'.") % {"current": self.statuses(current).label}

    def require_permitted(self, actor: Any, obj: Any, name: str) -> None:
        if not self.permitted(actor, obj, name):
            raise NotAllowedError(str(self.actions[name].refusal))

    # Moving.

    def move(
        self,
        obj: Any,
        *,
        to: str,
        actor: Any,
        kind: str,
        at: datetime,
        note: str = "",
        changes: dict[str, Any] | None = None,
        audit: dict[str, Any] | None = None,
    ) -> None:
        """`obj` must be locked by the caller (select_for_update). `audit` adds facts to the audit row's new values
        that are not fields of the object (what was shared, which rulebook applied)."""
        if not in_service_transaction():
            raise RuntimeError("a move must run inside the service's transaction (with the row locked)")
        current = obj.status
        self.check(current, to)
        changes = changes or {}
        old = {"status": current, **{name: getattr(obj, name) for name in changes}}
        obj.status = to
        for name, value in changes.items():
            setattr(obj, name, value)
        obj.save(update_fields=["status", *changes])
        if self.history is not None:
            owner = self.owner(obj) if self.owner else obj
            self.history.record(
                actor=actor, at=at, kind=kind, note=note, from_status=current, to_status=to, **{self.parent: owner}
            )
        audit_record(
            actor=actor,
            event_type=f"{self.audit_prefix or obj._meta.model_name}.{kind}",
            obj=obj,
            old=without_typed_text(obj, old),
            new={"status": to, **without_typed_text(obj, changes), **(audit or {})},
        )
        if self.after_move is not None:
            self.after_move(obj)
