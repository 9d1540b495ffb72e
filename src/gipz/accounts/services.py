from __future__ import annotations

import secrets

from django.db import transaction

from gipz.accounts.models import ApiToken, Membership, Organisation, Role, User
from gipz.core.audit import audit_record


def api_token_create(*, organisation: Organisation, label: str, created_by: User | None = None) -> tuple[ApiToken, str]:
    """Create an API token for an organisation; returns the token row and the key (shown once). Audited, with the
    administrator who made it (None: the `gipz create-api-token` command on the server)."""
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
        audit_record(
            actor=created_by,
            event_type="api_token.created",
            obj=token,
            new={"organisation": organisation.pk, "label": label, "prefix": token.prefix},
        )
    return token, key
