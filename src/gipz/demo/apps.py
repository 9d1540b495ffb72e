from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "gipz.demo"
    label = "demo"
    verbose_name = "Demo"
