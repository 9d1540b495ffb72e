from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The text fields of this app's models that hold no personal data, and why (core/text_retention.py).
NOT_PERSONAL = {
    "keyfigures.KeyFigure.*": "a professional's work contact details and expertise",
}


class KeyFiguresConfig(AppConfig):
    name = "gipz.keyfigures"
    label = "keyfigures"
    verbose_name = _("Sleutelfiguren")

    def ready(self) -> None:
        from gipz.core.text_retention import text_not_personal
        from gipz.keyfigures.selectors import situation_section
        from gipz.situations.sections import section_register

        text_not_personal("keyfigures", NOT_PERSONAL)

        section_register("keyfigures", situation_section)
        from gipz.geo.changes import change_mover_register
        from gipz.keyfigures.herindeling import move_key_figures

        change_mover_register("sleutelfiguren", move_key_figures)
        from gipz.core.text_retention import TextRetention, text_retention_register
        from gipz.keyfigures.models import Consult

        # The question and outcome of a consult are about the person: removed with the situation's identity.
        text_retention_register(
            TextRetention(Consult, ("question", "outcome"), "identity", situation_field="situation")
        )
