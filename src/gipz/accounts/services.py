from __future__ import annotations

import secrets

from django.db import transaction

from gipz.accounts.models import ApiToken, Membership, Organisation, Role, User


def api_token_create(*, organisation: Organisation, label: str) -> tuple[ApiToken, str]:
    """Create an API token for an organisation; returns the token row and the key (shown once)."""
    key = "gipz_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        service_user = User.objects.create(
            username=f"api-{organisation.pk}-{secrets.token_hex(4)}",
            first_name="API",
            last_name=label[:150],
            is_service_account=True,
        )
        service_user.set_unusable_password()
        service_user.save(update_fields=["password"])
        Membership.objects.create(user=service_user, organisation=organisation, role=Role.PROFESSIONAL)
        token = ApiToken.objects.create(
            organisation=organisation,
            service_user=service_user,
            label=label,
            prefix=key[5:13],
            key_hash=ApiToken.hash_key(key),
        )
    return token, key
