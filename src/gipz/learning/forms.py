from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gipz.agreements.models import AgreementVersion
from gipz.core.forms import DATETIME_ERRORS, DATETIME_WIDGET
from gipz.core.text import FreeTextForm
from gipz.learning.models import Activity, ImproperCallDiscussion


class ActivityForm(FreeTextForm):
    kind = forms.ChoiceField(label=_("Soort"), choices=Activity.Kind.choices)
    title = forms.CharField(label=_("Titel"), max_length=200)
    description = forms.CharField(label=_("Omschrijving"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    location = forms.CharField(label=_("Locatie"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Begint"), widget=DATETIME_WIDGET, input_formats=["%Y-%m-%dT%H:%M"], error_messages=DATETIME_ERRORS
    )
    ends_at = forms.DateTimeField(
        label=_("Eindigt"), widget=DATETIME_WIDGET, input_formats=["%Y-%m-%dT%H:%M"], error_messages=DATETIME_ERRORS
    )
    capacity = forms.IntegerField(
        label=_("Aantal plaatsen"), min_value=1, max_value=500, error_messages={"invalid": _("Vul een heel getal in.")}
    )
    audience = forms.ChoiceField(label=_("Voor wie"), choices=Activity.Audience.choices)


class AttendanceForm(FreeTextForm):
    present = forms.MultipleChoiceField(
        label=_("Aanwezig"), required=False, widget=forms.CheckboxSelectMultiple, choices=[]
    )

    def __init__(self, *args: Any, registrations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(str(r.user_id), str(r.user)) for r in registrations]
        self.fields["present"].initial = [str(r.user_id) for r in registrations if r.attended]


class CancelForm(FreeTextForm):
    reason = forms.CharField(label=_("Reden van annuleren"), max_length=300)


class DiscussionForm(FreeTextForm):
    status = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=[
            (ImproperCallDiscussion.Status.DISCUSSED, ImproperCallDiscussion.Status.DISCUSSED.label),
            (ImproperCallDiscussion.Status.AGREEMENT_CHANGED, ImproperCallDiscussion.Status.AGREEMENT_CHANGED.label),
        ],
    )
    notes = forms.CharField(
        label=_("Wat hebt u samen afgesproken?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    changed_agreement = forms.ModelChoiceField(
        label=_("Aangepaste werkafspraak"), queryset=AgreementVersion.objects.none(), required=False
    )

    def __init__(self, *args: Any, discussion: ImproperCallDiscussion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["changed_agreement"].queryset = AgreementVersion.objects.filter(
            status=AgreementVersion.Status.APPROVED,
            safety_region_id=discussion.situation.municipality.safety_region_id,
            approved_at__gte=discussion.created_at,
        ).select_related("safety_region", "municipality")
