from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class AlertSettingsForm(forms.Form):
    email = forms.BooleanField(label=_("Alarmering per e-mail"), required=False)
    sms = forms.BooleanField(label=_("Alarmering per sms"), required=False)
    phone = forms.CharField(
        label=_("Mobiel nummer (voor sms)"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
