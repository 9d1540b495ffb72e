from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "gipz.api"
    label = "api"
    verbose_name = "API"
