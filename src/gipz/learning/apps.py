from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The text fields of this app's models that hold no personal data, and why (core/text_retention.py).
NOT_PERSONAL = {
    "learning.Activity.*": "a training's title, description and venue",
}


class LearningConfig(AppConfig):
    name = "gipz.learning"
    label = "learning"
    verbose_name = _("Samen leren")

    def ready(self) -> None:
        from gipz.core.text_retention import text_not_personal
        from gipz.learning.services.discussions import improper_call_discussion_open
        from gipz.situations.events import improper_call_flagged

        text_not_personal("learning", NOT_PERSONAL)

        def on_improper_call(sender: object, *, actor: Any, evaluation: Any, **_: object) -> None:
            improper_call_discussion_open(actor=actor, evaluation=evaluation)

        improper_call_flagged.connect(on_improper_call, dispatch_uid="learning.improper_call_discussion", weak=False)

        from gipz.core.text_retention import TextRetention, text_retention_register
        from gipz.learning.models import ImproperCallDiscussion

        text_retention_register(
            TextRetention(ImproperCallDiscussion, ("notes",), "identity", situation_field="situation")
        )
