from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from gipz.core.errors import ConflictError, NotAllowedError, ServiceError


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Service errors become clear 4xx answers with a Dutch message, never a 500."""
    if isinstance(exc, ServiceError):
        code = status.HTTP_400_BAD_REQUEST
        if isinstance(exc, ConflictError):
            code = status.HTTP_409_CONFLICT
        elif exc.code == "idempotency_key_reused":
            code = status.HTTP_422_UNPROCESSABLE_ENTITY
        elif isinstance(exc, NotAllowedError):
            code = status.HTTP_403_FORBIDDEN
        body: dict[str, Any] = {"detail": exc.message, "code": exc.code}
        if exc.field:
            body["field"] = exc.field
        return Response(body, status=code)
    if isinstance(exc, Http404):
        return Response({"detail": "Niet gevonden.", "code": "not_found"}, status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, ValidationError):
        return Response(_validation_body(exc.detail), status=status.HTTP_400_BAD_REQUEST)
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict) and "detail" in response.data:
        detail = response.data["detail"]
        response.data = {"detail": str(detail), "code": getattr(detail, "code", None) or "error"}
    return response


def _validation_body(detail: Any) -> dict[str, Any]:
    """One shape for every error (ErrorSerializer): the first message as `detail`, every field's in `errors`."""
    if isinstance(detail, dict):
        errors = {
            str(name): [str(m) for m in (messages if isinstance(messages, list) else [messages])]
            for name, messages in detail.items()
        }
        field, messages = next(iter(errors.items()), ("", [_("Ongeldige invoer.")]))
        body: dict[str, Any] = {"detail": messages[0] if messages else _("Ongeldige invoer."), "code": "invalid"}
        if field and field != "non_field_errors":
            body["field"] = field
        body["errors"] = errors
        return body
    messages = [str(m) for m in detail] if isinstance(detail, list) else [str(detail)]
    return {"detail": messages[0] if messages else _("Ongeldige invoer."), "code": "invalid"}
