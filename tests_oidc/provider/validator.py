from typing import Any

from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator


class Validator(OAuth2Validator):
    """Adds the person's name, e-mail and GIPZ roles to the ID token."""

    oidc_claim_scope = None  # every claim below goes into the ID token

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        person = settings.PEOPLE[request.user.username]
        return {key: person[key] for key in ("given_name", "family_name", "email", "gipz_roles")}
