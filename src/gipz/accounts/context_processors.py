from typing import Any

from django.conf import settings
from django.http import HttpRequest

from gipz.accounts.permissions import areas_for


def actor(request: HttpRequest) -> dict[str, Any]:
    """The actor, and the areas of the role matrix they may use (templates show only those)."""
    value = getattr(request, "actor", None)
    return {
        "actor": value if value else None,
        "areas": areas_for(value.roles) if value else frozenset(),
        "second_factor_off": not settings.GIPZ_REQUIRE_2FA,
        # Logged in with a password but not yet with the second factor: no menu, nothing opens yet.
        "second_factor_pending": bool(
            settings.GIPZ_REQUIRE_2FA
            and request.user.is_authenticated
            and not getattr(request.user, "is_verified", lambda: False)()
        ),
    }
