from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulebookConfig(AppConfig):
    """The sharing rulebook: a pure engine (engine.py) over a YAML file validated by a JSON schema (loader.py), its
    published versions, and the page every professional can read."""

    name = "gipz.rulebook"
    label = "rulebook"
    verbose_name = _("Regelboek")
