from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "gipz.learning"
    label = "learning"
    verbose_name = _("Samen leren")
