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
        from django.db.models.signals import post_delete, post_save

        from gipz.accounts.models import Membership, User
        from gipz.core.memo import memo_clear
        from gipz.core.text_retention import text_not_personal

        text_not_personal("accounts", NOT_PERSONAL)

        # A team's members are memoised per process (selectors.team_members). Every login saves the user's
        # last_login: that changes nothing an alert needs, and must not empty the whole memo each time.
        post_save.connect(memo_clear, sender=Membership, dispatch_uid="memo-save-Membership")
        post_delete.connect(memo_clear, sender=Membership, dispatch_uid="memo-delete-Membership")
        post_save.connect(_user_saved, sender=User, dispatch_uid="memo-save-User")
        post_delete.connect(memo_clear, sender=User, dispatch_uid="memo-delete-User")


def _user_saved(sender: object, update_fields: frozenset[str] | None = None, **kwargs: object) -> None:
    from gipz.core.memo import memo_clear

    if update_fields is None or not update_fields <= {"last_login", "password"}:
        memo_clear()
