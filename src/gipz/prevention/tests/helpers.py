from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from conftest import World, make_user
from gipz.accounts.models import Role, Team
from gipz.prevention.services import PreventiveRequestData, preventive_request_create


def police_planner(world: World) -> Any:
    """A police coordinator with a team of the world's police organisation."""
    world.police_team = Team.objects.create(organisation=world.police, name="Basisteam Utrecht-Centrum")
    world.police_coordinator = make_user("teamchef", world.police, Role.COORDINATOR, team=world.police_team)
    world.police_coordinator_actor = world.actor(world.police_coordinator)
    return world.police_coordinator_actor


def ask(world: World, *, planned_at: datetime | None = None, now: datetime | None = None, **changes: Any) -> Any:
    data: dict[str, Any] = {
        "police_organisation_id": world.police.pk,
        "municipality_id": world.utrecht.pk,
        "event_kind": "eviction",
        "planned_at": planned_at or timezone.now() + timedelta(days=5),
        "location": "Fictieve Laan 1",
        "description": "Huisuitzetting na lange schuldhulp; bewoner heeft eerder gedreigd.",
        "violence_history": "yes",
        "weapons": "no",
        "known_to_police": "unknown",
        "care_measures": "Twee begeleiders gaan mee, de woningcorporatie is aanwezig.",
        **changes,
    }
    return preventive_request_create(actor=world.care_actor, data=PreventiveRequestData(**data), now=now)
