from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnsafetyConfig(AppConfig):
    name = "gipz.unsafety"
    label = "unsafety"
    verbose_name = _("Onveilige situaties in de zorg")
