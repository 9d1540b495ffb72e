from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupConfig(AppConfig):
    """`gipz backup` and `gipz restore`: a consistent copy of the database with the access log's checkpoints."""

    name = "gipz.backup"
    label = "backup"
    verbose_name = _("Back-up en herstel")
