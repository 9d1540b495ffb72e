from typing import Any

from django.core.management.base import BaseCommand, CommandError

from gipz.accounts.models import Organisation
from gipz.accounts.services import api_token_create


class Command(BaseCommand):
    help = "Create an API token for an organisation and print its key (shown only once)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("organisation", help="The organisation's exact name")
        parser.add_argument("--label", required=True, help="What the token is for, e.g. 'meldkamer koppeling'")

    def handle(self, *args: Any, organisation: str, label: str, **options: Any) -> None:
        found = Organisation.objects.filter(name=organisation).first()
        if found is None:
            names = ", ".join(Organisation.objects.order_by("name").values_list("name", flat=True)[:20])
            raise CommandError(f"No organisation named {organisation!r}. Known: {names or '(none)'}")
        if not label.strip():
            raise CommandError("--label must not be empty")
        token, key = api_token_create(organisation=found, label=label.strip())
        self.stderr.write(f"Token {token.prefix}… for {found.name}. Store the key now; it is not shown again:")
        self.stdout.write(key)
