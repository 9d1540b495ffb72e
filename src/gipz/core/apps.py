from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gipz.core"
    label = "core"
