"""The one state-machine engine: its rules on plain objects (no database), and that every status field in the
project has a table."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.db.models import Choices

from gipz.core.errors import NotAllowedError, TransitionError
from gipz.core.statemachine import Action, StateMachine


class Colour(models.TextChoices):
    RED = "red", "red"
    AMBER = "amber", "amber"
    GREEN = "green", "green"


@dataclass
class Lamp:
    status: str
    owner: str


def owns(actor: str, lamp: Lamp) -> bool:
    return actor == lamp.owner


LAMP = StateMachine(
    statuses=Colour,
    transitions={
        Colour.RED: frozenset({Colour.GREEN}),
        Colour.GREEN: frozenset({Colour.AMBER}),
        Colour.AMBER: frozenset({Colour.RED}),
    },
    actions={
        "go": Action(who=owns, refusal="not yours", to=Colour.GREEN),
        "look": Action(who=lambda actor, lamp: True, refusal="", during=frozenset({Colour.AMBER, Colour.GREEN})),
        "stop": Action(
            who=owns,
            refusal="not yours",
            to=Colour.AMBER,
            when=lambda actor, lamp: actor != "tourist",
            when_refusal="not now",
        ),
    },
)


def test_allowed_actions_come_from_the_table_and_the_permission_rule() -> None:
    assert LAMP.allowed("ann", Lamp(Colour.RED, "ann")) == {"go"}
    assert LAMP.allowed("bob", Lamp(Colour.RED, "ann")) == frozenset()
    assert LAMP.allowed("ann", Lamp(Colour.GREEN, "ann")) == {"look", "stop"}
    assert LAMP.allowed("tourist", Lamp(Colour.GREEN, "tourist")) == {"look"}


def test_require_refuses_who_before_when() -> None:
    with pytest.raises(NotAllowedError, match="not yours"):
        LAMP.require("bob", Lamp(Colour.GREEN, "ann"), "go")
    with pytest.raises(TransitionError):
        LAMP.require("ann", Lamp(Colour.GREEN, "ann"), "go")
    with pytest.raises(TransitionError, match="not now"):
        LAMP.require("tourist", Lamp(Colour.GREEN, "tourist"), "stop")
    LAMP.require("ann", Lamp(Colour.RED, "ann"), "go")


def test_a_forbidden_move_is_refused_and_sources_read_the_table() -> None:
    with pytest.raises(TransitionError):
        LAMP.check(Colour.RED, Colour.AMBER)
    assert LAMP.sources(Colour.RED) == {Colour.AMBER}


def test_a_table_must_name_every_status() -> None:
    with pytest.raises(ValueError, match="every status"):
        StateMachine(statuses=Colour, transitions={Colour.RED: frozenset({Colour.GREEN})})
    with pytest.raises(ValueError, match="unknown status"):
        StateMachine(
            statuses=Colour,
            transitions={c: frozenset() for c in Colour},
            actions={"x": Action(who=owns, refusal="", to="blue")},
        )


def _machines() -> list[StateMachine]:
    from gipz.agreements.rules import AGREEMENT
    from gipz.alerts.delivery import DELIVERY
    from gipz.api.webhooks import WEBHOOK_DELIVERY
    from gipz.core.jobs import JOB
    from gipz.keyfigures.rules import CONSULT
    from gipz.learning.rules import DISCUSSION
    from gipz.prevention.rules import PREVENTIVE_REQUEST
    from gipz.privacy.rules import ERASURE_REQUEST, INFORMATION_REQUEST
    from gipz.simulation.services import RUN
    from gipz.situations.rules import CARE_REQUEST, FOLLOW_UP, SITUATION
    from gipz.unsafety.rules import UNSAFE_REPORT

    return [
        AGREEMENT,
        DELIVERY,
        WEBHOOK_DELIVERY,
        JOB,
        CONSULT,
        DISCUSSION,
        PREVENTIVE_REQUEST,
        INFORMATION_REQUEST,
        ERASURE_REQUEST,
        RUN,
        CARE_REQUEST,
        FOLLOW_UP,
        SITUATION,
        UNSAFE_REPORT,
    ]


def _status_class(model: type[Any], field: Any) -> type[Any] | None:
    """The Choices class a status field was declared with: the model's own (`Model.Status`) or its module's."""
    choices = list(field.choices)
    module = sys.modules[model.__module__]
    for owner in (model, module):
        for value in vars(owner).values():
            if isinstance(value, type) and issubclass(value, Choices) and list(value.choices) == choices:
                return value
    return None


def test_every_status_field_has_a_state_machine() -> None:
    """Compared by class, not by values: two models whose statuses happen to read alike each need their own."""
    covered = {machine.statuses for machine in _machines()}
    fields = [
        (model, field)
        for model in apps.get_models()
        if model.__module__.startswith("gipz.")
        for field in model._meta.get_fields()
        if field.name == "status" and getattr(field, "choices", None)
    ]
    assert len(fields) >= 14  # discovered from the models, so a new one cannot be forgotten
    missing = [f"{model.__name__}.status" for model, field in fields if _status_class(model, field) not in covered]
    assert not missing, f"status fields without a transition table: {missing}"


def test_every_final_status_is_final_and_every_table_has_a_forbidden_move() -> None:
    for machine in _machines():
        forbidden = [
            (a, b) for a in machine.statuses.values for b in machine.statuses.values if not machine.can_move(a, b)
        ]
        assert forbidden, f"{machine.statuses.__qualname__} allows every move"
        current, to = forbidden[0]
        with pytest.raises(TransitionError):
            machine.check(current, to)
