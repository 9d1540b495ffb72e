from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "gipz.accounts"
    label = "accounts"
    verbose_name = _("Organisaties en gebruikers")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from gipz.accounts.models import Membership, User
        from gipz.core.memo import memo_clear

        # A team's members are memoised per process (selectors.team_members).
        for model in (Membership, User):
            post_save.connect(memo_clear, sender=model, dispatch_uid=f"memo-save-{model.__name__}")
            post_delete.connect(memo_clear, sender=model, dispatch_uid=f"memo-delete-{model.__name__}")
