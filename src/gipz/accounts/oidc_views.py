"""Login via the organisation's own identity provider (accounts/oidc.py): the redirect there, and the way back."""

from __future__ import annotations

from authlib.integrations.base_client.errors import OAuthError
from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gipz.accounts import oidc
from gipz.accounts.models import IdentityProvider
from gipz.core.errors import ServiceError

SESSION_PROVIDER = "gipz_oidc_provider"
SESSION_IDP_LOGIN = "gipz_idp"  # this session's login (and second factor) was the provider's


def providers_for_login() -> list[IdentityProvider]:
    """For the login page (called per render)."""
    return list(IdentityProvider.objects.filter(enabled=True).select_related("organisation").order_by("organisation"))


@require_GET
def oidc_login(request: HttpRequest, organisation_id: int) -> HttpResponse:
    provider = IdentityProvider.objects.filter(organisation_id=organisation_id, enabled=True).first()
    if provider is None:
        messages.error(request, _("Inloggen via deze organisatie is niet ingesteld."))
        return redirect("login")
    request.session[SESSION_PROVIDER] = provider.pk
    try:
        return oidc.client_for(provider).authorize_redirect(
            request, request.build_absolute_uri(reverse("oidc-callback"))
        )  # type: ignore[no-any-return]
    except (OAuthError, OSError, ValueError):
        messages.error(request, _("De inlogdienst van uw organisatie is niet bereikbaar. Probeer het later opnieuw."))
        return redirect("login")


@require_GET
def oidc_callback(request: HttpRequest) -> HttpResponse:
    provider = IdentityProvider.objects.filter(pk=request.session.get(SESSION_PROVIDER), enabled=True).first()
    if provider is None:
        messages.error(request, _("Deze inlogpoging is verlopen; begin opnieuw."))
        return redirect("login")
    try:
        token = oidc.client_for(provider).authorize_access_token(request)  # checks state, PKCE, the ID token
        user = oidc.oidc_sign_in(provider=provider, claims=dict(token.get("userinfo") or {}))
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("login")
    except (OAuthError, OSError, ValueError, KeyError):
        messages.error(request, _("Inloggen via de inlogdienst van uw organisatie is mislukt; begin opnieuw."))
        return redirect("login")
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[SESSION_IDP_LOGIN] = provider.pk
    request.session.pop(SESSION_PROVIDER, None)
    return redirect("home")
