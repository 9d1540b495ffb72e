from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The text fields of this app's models that hold no personal data, and why (core/text_retention.py).
NOT_PERSONAL = {
    "accounts.IdentityProvider.*": "an organisation's login service: issuer, client id, claim name, encrypted secret",
    "accounts.ExternalIdentity.*": "the login service's opaque subject id of a user account (account data)",
    "accounts.*": "organisations, teams and staff accounts: work data of professionals, managed by the admin",
}


class AccountsConfig(AppConfig):
    name = "gipz.accounts"
    label = "accounts"
    verbose_name = _("Organisaties en gebruikers")

    def ready(self) -> None:
        from gipz.core.text_retention import text_not_personal

        text_not_personal("accounts", NOT_PERSONAL)
        from django.db.models.signals import post_delete, post_save

        from gipz.accounts.models import Membership, User
        from gipz.core.memo import memo_clear

        # A team's members are memoised per process (selectors.team_members).
        for model in (Membership, User):
            post_save.connect(memo_clear, sender=model, dispatch_uid=f"memo-save-{model.__name__}")
            post_delete.connect(memo_clear, sender=model, dispatch_uid=f"memo-delete-{model.__name__}")
