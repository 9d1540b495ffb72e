from __future__ import annotations

from typing import Any

from django.http import Http404
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from gipz.core.errors import ConflictError, NotAllowedError, ServiceError


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Service errors become clear 4xx answers with a Dutch message, never a 500."""
    if isinstance(exc, ServiceError):
        code = status.HTTP_400_BAD_REQUEST
        if isinstance(exc, ConflictError):
            code = status.HTTP_409_CONFLICT
        elif isinstance(exc, NotAllowedError):
            code = status.HTTP_403_FORBIDDEN
        body: dict[str, Any] = {"detail": exc.message, "code": exc.code}
        if exc.field:
            body["field"] = exc.field
        return Response(body, status=code)
    if isinstance(exc, Http404):
        return Response({"detail": "Niet gevonden."}, status=status.HTTP_404_NOT_FOUND)
    return drf_exception_handler(exc, context)
