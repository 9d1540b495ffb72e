from __future__ import annotations

from typing import Any

from conftest import World, make_user
from gipz.accounts.models import Role
from gipz.keyfigures.services import KeyFigureData, key_figure_save


def key_figure(world: World, *, organisation: Any = None, username: str = "sleutel", **changes: Any) -> Any:
    """A key figure of the care provider for Utrecht, registered through the service by themselves."""
    user = make_user(username, organisation or world.care, Role.KEY_FIGURE)
    data: dict[str, Any] = {
        "domains": ["ggz", "lvb"],
        "municipality_ids": [world.utrecht.pk],
        "expertise": "Psychiatrie en licht verstandelijke beperking; kent de politiepraktijk.",
        "phone": "030-0000000",
        "reachable_hours": "ma–vr 8:30–17:00",
        **changes,
    }
    return key_figure_save(actor=world.actor(user), user_id=user.pk, data=KeyFigureData(**data))
