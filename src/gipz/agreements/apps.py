from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The text fields of this app's models that hold no personal data, and why (core/text_retention.py).
NOT_PERSONAL = {
    "agreements.*": "werkafspraken and the roster: about organisations, not about people",
}


class AgreementsConfig(AppConfig):
    name = "gipz.agreements"
    label = "agreements"
    verbose_name = _("Afspraken en diensten")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from gipz.agreements.models import AgreementVersion, DutyShift, ServiceArea
        from gipz.core.memo import memo_clear
        from gipz.core.text_retention import text_not_personal
        from gipz.geo.models import Municipality

        text_not_personal("agreements", NOT_PERSONAL)

        # Reference data memoised per process (core/memo.py): forget it when it changes here.
        for model in (DutyShift, AgreementVersion, ServiceArea, Municipality):
            post_save.connect(memo_clear, sender=model, dispatch_uid=f"memo-save-{model.__name__}")
            post_delete.connect(memo_clear, sender=model, dispatch_uid=f"memo-delete-{model.__name__}")
        m2m_changed.connect(memo_clear, sender=ServiceArea.municipalities.through, dispatch_uid="memo-area-m2m")

        from gipz.agreements.herindeling import move_agreements, move_service_areas
        from gipz.geo.changes import change_mover_register

        change_mover_register("werkgebieden", move_service_areas)
        change_mover_register("werkafspraken", move_agreements)
