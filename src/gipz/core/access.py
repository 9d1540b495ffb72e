"""One helper to fetch an object for a user: outside the user's reach the answer is 404, never 403."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404

M = TypeVar("M", bound=Model)


def get_in_scope(queryset: QuerySet[M], **lookup: Any) -> M:
    """`queryset` must already be scoped to the user by a selector."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
