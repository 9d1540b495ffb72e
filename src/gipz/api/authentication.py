from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from gipz.accounts.models import ApiToken
from gipz.core import logcontext


class OrganisationTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Token gipz_…` — an organisation's key; it acts as that organisation's service account."""

    keyword = "Token"

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0] != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Ongeldige token-header."))
        token = (
            ApiToken.objects.select_related("service_user", "organisation")
            .filter(key_hash=ApiToken.hash_key(header[1]), revoked_at__isnull=True)
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(_("Onbekend of ingetrokken token."))
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        logcontext.note(user_id=token.service_user.pk, organisation_id=token.organisation.pk)
        return token.service_user, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


class OrganisationTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "gipz.api.authentication.OrganisationTokenAuthentication"
    name = "organisationToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Organisation token: `Token gipz_…` (see `gipz create-api-token`).",
        }
