from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The text fields of this app's models that hold no personal data, and why (core/text_retention.py).
NOT_PERSONAL = {
    "rulebook.RulebookVersion.*": "the rulebook text",
}


class RulebookConfig(AppConfig):
    """The sharing rulebook: a pure engine (engine.py) over a YAML file validated by a JSON schema (loader.py), its
    published versions, and the page every professional can read."""

    name = "gipz.rulebook"
    label = "rulebook"
    verbose_name = _("Regelboek")

    def ready(self) -> None:
        from gipz.core.text_retention import text_not_personal

        text_not_personal("rulebook", NOT_PERSONAL)
