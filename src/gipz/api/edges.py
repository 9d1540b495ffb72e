"""The API's edges: what a client can send before any view runs. Malformed, oversized or deeply nested JSON is a
Dutch 400, never a 500; each token has a rate; a list has a largest page."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.parsers import BaseParser
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

MAX_BODY_BYTES = 64 * 1024  # an intake is under 2 KB
MAX_DEPTH = 8  # the deepest valid body nests 2 levels


def _depth(value: Any) -> int:
    """Nesting depth without recursion (a hostile body must not exhaust the stack here either)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if isinstance(item, dict):
            stack.extend((child, level + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, level + 1) for child in item)
    return deepest


class StrictJSONParser(BaseParser):
    media_type = "application/json"

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        raw = stream.read(MAX_BODY_BYTES + 1) if stream is not None else b""
        if len(raw) > MAX_BODY_BYTES:
            raise ParseError(_("Het bericht is te groot (hoogstens 64 kB)."))
        try:
            data = json.loads(raw.decode("utf-8")) if raw else {}
        except (ValueError, UnicodeDecodeError):
            raise ParseError(_("Het bericht is geen geldige JSON.")) from None
        except RecursionError:
            raise ParseError(_("Het bericht is te diep genest.")) from None
        if _depth(data) > MAX_DEPTH:
            raise ParseError(_("Het bericht is te diep genest."))
        return data


class TokenRateThrottle(SimpleRateThrottle):
    """Requests per API token (or per logged-in user), `GIPZ_API_RATE`; counted per process (the local cache)."""

    scope = "token"

    def get_rate(self) -> str:
        return str(settings.GIPZ_API_RATE)

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if request.auth is not None and getattr(request.auth, "pk", None) is not None:
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class BoundedPagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = 200  # ?limit= beyond this gives this many
