from typing import Any

from django.http import HttpRequest


def open_requests(request: HttpRequest) -> dict[str, Any]:
    """How many information requests wait for an answer from the user's organisation (shown in the menu)."""
    actor = getattr(request, "actor", None)
    if not actor:
        return {}
    from gipz.privacy.selectors import open_requests_for

    return {"open_information_requests": open_requests_for(actor).count}
