"""What every log line says about where it comes from: the request id (carried into the jobs a request creates),
the user and organisation ids, and the job being run. Ids only, never names or anything typed.

`RequestIdMiddleware` binds a request's context; the worker binds a job's; `ContextFilter` puts both on every
record, which the plain and the JSON formatter (GIPZ_LOG_FORMAT, docs/operations.md) then print."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse

FIELDS = ("request_id", "user_id", "organisation_id", "job_id", "job_kind")
_context: ContextVar[dict[str, Any] | None] = ContextVar("gipz_log_context", default=None)
_VALID_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")  # a proxy's X-Request-ID is kept when it looks like an id


def current() -> dict[str, Any]:
    return dict(_context.get() or {})


def request_id() -> str:
    return str(current().get("request_id", ""))


@contextmanager
def bound(**values: Any) -> Iterator[None]:
    token = _context.set({**current(), **{k: v for k, v in values.items() if v not in (None, "")}})
    try:
        yield
    finally:
        _context.reset(token)


def note(**values: Any) -> None:
    """Add ids to the context bound for this request (an API token is known only once DRF authenticates it)."""
    context = _context.get()
    if context is not None:
        context.update({k: v for k, v in values.items() if v not in (None, "")})


def log_on_commit(logger: logging.Logger, message: str, **fields: Any) -> None:
    """An INFO line once the transaction commits (nothing is logged for work that was rolled back), carrying the
    ids of the request or job that did the work."""
    context = current()
    transaction.on_commit(lambda: logger.info(message, extra={**context, **fields}))


class ContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        context = current()
        for name in FIELDS:
            if not hasattr(record, name):
                setattr(record, name, context.get(name, ""))
        return True


class RequestIdMiddleware:
    """Give each request an id (the proxy's X-Request-ID, or a new one), return it in the response, and bind it
    with the user and organisation ids for the log lines the request writes. Placed after the actor is known."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        rid = given if _VALID_ID.fullmatch(given) else uuid.uuid4().hex
        user = getattr(request, "user", None)
        actor = getattr(request, "actor", None) if user is not None and user.is_authenticated else None
        with bound(
            request_id=rid,
            user_id=user.pk if user is not None and user.is_authenticated else None,
            organisation_id=actor.organisation.pk if actor else None,
        ):
            response = self.get_response(request)
        response["X-Request-ID"] = rid
        return response
