"""Who may use the API: a token acts as its organisation with the professional role; a logged-in user with their
own roles. The role matrix (accounts/permissions.py) decides per endpoint, before anything else: outside it the
answer is 404, as in the app."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from gipz.accounts.actor import Actor, actor_for
from gipz.accounts.models import ApiToken, Role
from gipz.accounts.permissions import may_use


def request_actor(request: Request) -> Actor:
    if isinstance(request.auth, ApiToken):  # a token acts as its organisation, with the professional role
        token = request.auth
        return Actor(user=token.service_user, organisation=token.organisation, roles=frozenset({Role.PROFESSIONAL}))
    actor = actor_for(request.user)
    if actor is None:
        raise PermissionDenied(_("Uw account hoort bij geen enkele organisatie."))
    return actor


class RoleMatrixPermission(BasePermission):
    """Authenticated, and the endpoint is in the actor's part of the role matrix (else 404)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        match = request.resolver_match
        if not may_use(request_actor(request).roles, match.url_name if match else None):
            raise NotFound
        return True
