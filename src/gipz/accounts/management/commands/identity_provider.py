"""`gipz identity-provider "<organisation>" --issuer URL --client-id ID`: let an organisation's members log in with
its own OpenID Connect provider (docs/api.md, *Login with the organisation's identity provider*)."""

from __future__ import annotations

import json
import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gipz.accounts import oidc
from gipz.accounts.models import IdentityProvider, Organisation
from gipz.core.errors import ServiceError


class Command(BaseCommand):
    help = (
        "Configure (or --disable) an organisation's OpenID Connect provider. The client secret is read from the "
        "environment variable GIPZ_OIDC_CLIENT_SECRET, never from the command line."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organisation", help="the organisation's exact name")
        parser.add_argument(
            "--issuer", help="the provider's issuer URL (discovery at /.well-known/openid-configuration)"
        )
        parser.add_argument("--client-id", help="GIPZ's client id at the provider")
        parser.add_argument("--roles-claim", default="gipz_roles", help="the ID-token claim with the GIPZ roles")
        parser.add_argument(
            "--role-map", default="{}", help='JSON: provider value → GIPZ role, e.g. {"ggz-arts": "professional"}'
        )
        parser.add_argument("--disable", action="store_true", help="members log in with GIPZ passwords again")

    def handle(self, *args: Any, organisation: str, **options: Any) -> None:
        found = Organisation.objects.filter(name=organisation).first()
        if found is None:
            raise CommandError(f"No organisation named {organisation!r}.")
        if options["disable"]:
            count = IdentityProvider.objects.filter(organisation=found).update(enabled=False)
            self.stdout.write(f"Identity provider of {found.name} disabled." if count else "None was configured.")
            return
        secret = os.environ.get("GIPZ_OIDC_CLIENT_SECRET", "")
        if not (options["issuer"] and options["client_id"] and secret):
            raise CommandError("Give --issuer and --client-id, and the secret in GIPZ_OIDC_CLIENT_SECRET.")
        try:
            role_map = json.loads(options["role_map"])
            provider = oidc.provider_configure(
                organisation=found, issuer=options["issuer"], client_id=options["client_id"], client_secret=secret,
                roles_claim=options["roles_claim"], role_map=role_map,
            )  # fmt: skip
        except (ValueError, AttributeError) as exc:
            raise CommandError(f"--role-map: not a JSON object of strings ({exc}).") from None
        except ServiceError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(
            f"{found.name} logs in via {provider.issuer} (redirect URI: <GIPZ>/login/organisatie/terug/)."
        )
