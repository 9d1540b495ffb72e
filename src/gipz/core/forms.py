"""Form widgets every app's forms share."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

# A phone's native date-and-time picker; the value round-trips in the format the browser sends.
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_ERRORS = {"invalid": _("Vul een geldige datum en tijd in."), "required": _("Vul de datum en tijd in.")}
