"""Login with the organisation's own identity provider: OpenID Connect, authorization code flow with PKCE (S256),
through Authlib. Configured per organisation (IdentityProvider); the ID token's claims decide who the user is (the
issuer's `sub`) and which GIPZ roles they hold in that organisation (`roles_claim`, mapped by `role_map`). Members of
organisations without a provider keep their GIPZ password and GIPZ's second factor; with a provider, the provider's
own login (and its second factor) counts.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from authlib.integrations.django_client import OAuth
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gipz.accounts.models import ExternalIdentity, IdentityProvider, Membership, Organisation, Role, User
from gipz.core.audit import audit_record
from gipz.core.errors import ServiceError
from gipz.core.sealed import seal, unseal

SCOPE = "openid profile email"


def provider_configure(
    *, organisation: Organisation, issuer: str, client_id: str, client_secret: str, roles_claim: str = "gipz_roles",
    role_map: dict[str, str] | None = None,
) -> IdentityProvider:  # fmt: skip
    unknown = sorted(set((role_map or {}).values()) - set(Role.values))
    if unknown:
        raise ServiceError(_("Onbekende GIPZ-rollen in de koppeling: %(roles)s") % {"roles": ", ".join(unknown)})
    with transaction.atomic():
        provider, _created = IdentityProvider.objects.update_or_create(
            organisation=organisation,
            defaults={"issuer": issuer.rstrip("/"), "client_id": client_id, "roles_claim": roles_claim,
                      "role_map": role_map or {}, "client_secret_encrypted": seal("oidc", client_secret),
                      "enabled": True},
        )  # fmt: skip
        audit_record(actor=None, event_type="oidc.configured", obj=provider, new={"issuer": provider.issuer})
    return provider


def client_for(provider: IdentityProvider) -> Any:
    """An Authlib client for this provider (its metadata and keys come from the issuer's discovery document)."""
    registry = OAuth()
    return registry.register(
        name=f"idp{provider.pk}",
        client_id=provider.client_id,
        client_secret=unseal("oidc", provider.client_secret_encrypted),
        server_metadata_url=f"{provider.issuer}/.well-known/openid-configuration",
        client_kwargs={"scope": SCOPE, "code_challenge_method": "S256"},
    )


def roles_from(provider: IdentityProvider, claims: dict[str, Any]) -> set[str]:
    value = claims.get(provider.roles_claim) or []
    values = [value] if isinstance(value, str) else [str(v) for v in value if isinstance(v, str | int)]
    mapping = provider.role_map or {role: role for role in Role.values}
    return {mapping[v] for v in values if v in mapping and mapping[v] in Role.values}


def oidc_sign_in(*, provider: IdentityProvider, claims: dict[str, Any], now: datetime | None = None) -> User:
    """The user behind these (already verified) ID-token claims, created on first login, with exactly the roles the
    claims give in the provider's organisation."""
    now = now or timezone.now()
    subject = str(claims.get("sub") or "")
    if not subject:
        raise ServiceError(_("De inlogdienst van uw organisatie gaf geen gebruikerskenmerk (sub)."))
    roles = roles_from(provider, claims)
    if not roles:
        raise ServiceError(_("De inlogdienst van uw organisatie gaf u geen rol in GIPZ. Vraag uw beheerder."))
    with transaction.atomic():
        identity = ExternalIdentity.objects.select_related("user").filter(provider=provider, subject=subject).first()
        if identity is None:
            user = User.objects.create(username=f"idp{provider.pk}-{subject}"[:150])
            user.set_unusable_password()
            identity = ExternalIdentity(provider=provider, subject=subject, user=user, last_login_at=now)
        user = identity.user
        user.first_name = str(claims.get("given_name", ""))[:150]
        user.last_name = str(claims.get("family_name", ""))[:150]
        user.email = str(claims.get("email", ""))[:254]
        user.is_active = True
        user.save()
        identity.last_login_at = now
        identity.save()
        current = set(
            Membership.objects.filter(user=user, organisation=provider.organisation).values_list("role", flat=True)
        )
        Membership.objects.filter(user=user, organisation=provider.organisation, role__in=current - roles).delete()
        Membership.objects.bulk_create(
            [Membership(user=user, organisation=provider.organisation, role=role) for role in sorted(roles - current)]
        )
        audit_record(actor=None, event_type="oidc.login", obj=user,
                     old={"roles": sorted(current)}, new={"roles": sorted(roles), "provider": provider.pk})  # fmt: skip
    return user
