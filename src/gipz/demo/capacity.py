"""A demo capacity scenario for the crisis service's coordinator, with one run queued for the worker."""

from __future__ import annotations

from datetime import datetime

from gipz.accounts.actor import actor_for
from gipz.accounts.models import Membership, Role
from gipz.demo import world
from gipz.simulation import services
from gipz.simulation.forms import default_settings
from gipz.simulation.models import ScenarioRecord

DEMO_SCENARIO = "Demo: Midden-Nederland 2024, twee teams per dienst"


def ensure_scenario(*, now: datetime) -> bool:
    """Create the demo scenario once; the worker (`gipz serve` starts one) computes its first run."""
    crisis = world.organisations()[world.CRISIS]
    if ScenarioRecord.objects.filter(organisation=crisis, name=DEMO_SCENARIO).exists():
        return False
    coordinator = Membership.objects.filter(organisation=crisis, role=Role.COORDINATOR).select_related("user").first()
    if coordinator is None:
        return False
    actor = actor_for(coordinator.user)
    assert actor is not None
    settings = default_settings(name=DEMO_SCENARIO)
    for key in settings:
        if key.startswith("teams_"):
            settings[key] = 2
    record = services.scenario_create(actor=actor, settings=settings)
    services.run_request(actor=actor, scenario_id=record.pk, kind="simulate", now=now)
    return True
