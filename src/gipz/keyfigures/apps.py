from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KeyFiguresConfig(AppConfig):
    name = "gipz.keyfigures"
    label = "keyfigures"
    verbose_name = _("Sleutelfiguren")

    def ready(self) -> None:
        from gipz.keyfigures.selectors import situation_section
        from gipz.situations.sections import section_register

        section_register("keyfigures", situation_section)
        from gipz.geo.changes import change_mover_register
        from gipz.keyfigures.herindeling import move_key_figures

        change_mover_register("sleutelfiguren", move_key_figures)
        from gipz.keyfigures.models import Consult
        from gipz.privacy.text_retention import TextRetention, text_retention_register

        # The question and outcome of a consult are about the person: removed with the situation's identity.
        text_retention_register(
            TextRetention(Consult, ("question", "outcome"), "identity", situation_field="situation")
        )
