from typing import Any

from django.http import HttpRequest


def actor(request: HttpRequest) -> dict[str, Any]:
    value = getattr(request, "actor", None)
    return {"actor": value if value else None}
