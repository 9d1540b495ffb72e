"""Forms for persons, information requests, answers and the privacy officer. They parse; services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gipz.accounts.models import Organisation
from gipz.core.forms import DATETIME_ERRORS, DATETIME_WIDGET
from gipz.core.text import FreeTextForm
from gipz.privacy.models import (
    Circumstance,
    Criterion,
    DataCategory,
    Disclosure,
    InformationRequest,
    InformedHow,
    NotInformedException,
    OwnInitiativeWarning,
    Purpose,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InformingFields(forms.Form):
    """How the person was told, or the legal exception: asked when sharing (answer and warning alike)."""

    informed_how = forms.ChoiceField(
        label=_("Hoe geïnformeerd (als dat nu is gebeurd)"), choices=[("", "—"), *InformedHow.choices], required=False
    )
    not_informed_exception = forms.ChoiceField(
        label=_("Uitzondering (als u niet informeert)"),
        choices=[("", "—"), *NotInformedException.choices],
        required=False,
    )


class PersonForm(FreeTextForm):
    full_name = forms.CharField(label=_("Naam"), max_length=150, required=False)
    date_of_birth = forms.DateField(
        label=_("Geboortedatum"),
        required=False,
        widget=DATE_WIDGET,
        error_messages={"invalid": _("Vul een geldige datum in (dag-maand-jaar).")},
    )
    contact = forms.CharField(label=_("Contact (telefoon of adres)"), max_length=200, required=False)
    known_risks = forms.CharField(
        label=_("Bekende risico's (voor de veiligheid van hulpverleners)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    care_details = forms.CharField(
        label=_("Zorggegevens (alleen zichtbaar voor zorg)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, show_care: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not show_care:
            del self.fields["care_details"]


class InformationRequestForm(FreeTextForm):
    holder_organisation = forms.ModelChoiceField(
        label=_("Vraag aan"),
        queryset=Organisation.objects.none(),
        empty_label=_("— kies de organisatie —"),
        error_messages={
            "required": _("Kies de organisatie die u iets wilt vragen."),
            "invalid_choice": _("Kies een organisatie uit de lijst."),
        },
    )
    purpose = forms.ChoiceField(
        label=_("Doel"),
        choices=[("", _("— kies het doel —")), *Purpose.choices],
        error_messages={"required": _("Kies het doel van uw vraag.")},
    )
    question = forms.CharField(
        label=_("Uw vraag"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Stel uw vraag.")},
    )
    categories = forms.MultipleChoiceField(
        label=_("Welke soorten gegevens hebt u nodig?"),
        choices=DataCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies welke soorten gegevens u nodig hebt.")},
    )
    urgency = forms.ChoiceField(
        label=_("Urgentie"),
        choices=InformationRequest.Urgency.choices,
        initial=InformationRequest.Urgency.TODAY,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de urgentie.")},
    )
    circumstance = forms.ChoiceField(
        label=_("Welke omstandigheid geldt volgens u?"),
        help_text=_(
            "De organisatie die u iets vraagt, stelt dit zelf vast; uw keuze ziet zij als 'volgens de vrager'."
        ),
        choices=Circumstance.choices,
        initial=Circumstance.NONE,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de omstandigheid.")},
    )
    claimed_basis = forms.CharField(
        label=_("Welke grondslag denkt u dat geldt? (mag leeg)"), max_length=300, required=False
    )

    def __init__(self, *args: Any, own_organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["holder_organisation"].queryset = Organisation.objects.exclude(pk=own_organisation.pk)  # type: ignore[attr-defined]


class AnswerForm(FreeTextForm, InformingFields):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=Disclosure.Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies: delen, deels delen of weigeren.")},
    )
    circumstance = forms.ChoiceField(
        label=_("Omstandigheid waarop u zich baseert"),
        choices=Circumstance.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de omstandigheid waarop u zich baseert.")},
    )
    legal_basis = forms.CharField(label=_("Grondslag (artikel)"), max_length=300, required=False)
    weighing = forms.CharField(
        label=_("Uw afweging"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Leg uw afweging vast.")},
    )
    consent_given_by = forms.CharField(label=_("Toestemming gegeven door"), max_length=150, required=False)
    consent_given_at = forms.DateTimeField(
        label=_("Toestemming gegeven op"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": _("Vul een geldige datum en tijd in.")},
    )
    consent_how = forms.ChoiceField(label=_("Hoe"), choices=[("", "—"), *Disclosure.ConsentHow.choices], required=False)
    justification = forms.ChoiceField(
        label=_("Rechtvaardiging zonder toestemming"),
        choices=[("", "—"), *Disclosure.Justification.choices],
        required=False,
    )
    justification_text = forms.CharField(
        label=_("Toelichting rechtvaardiging"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    person_informed = forms.ChoiceField(
        label=_("Betrokkene informeren"),
        choices=[("", "—"), *[(v, label) for v, label in Disclosure.Informed.choices if v != "not_applicable"]],
        required=False,
    )
    person_not_informed_reason = forms.CharField(label=_("Waarom niet"), max_length=300, required=False)
    message_to_requester = forms.CharField(
        label=_("Toelichting voor de vrager (mag leeg)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    visible_days = forms.IntegerField(
        label=_("Zichtbaar voor de vrager (dagen)"),
        min_value=1,
        max_value=365,
        required=False,
        error_messages={
            "invalid": _("Vul een heel aantal dagen in."),
            "min_value": _("Ten minste 1 dag."),
            "max_value": _("Ten hoogste 365 dagen."),
        },
    )

    def __init__(self, *args: Any, categories: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(DataCategory.choices)
        self.item_fields = []
        for category in categories:
            name = f"item_{category}"
            self.fields[name] = forms.CharField(
                label=labels.get(category, category),
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.item_fields.append(name)

    def items(self) -> dict[str, str]:
        return {name.removeprefix("item_"): self.cleaned_data.get(name) or "" for name in self.item_fields}


class PersonSearchForm(FreeTextForm):
    full_name = forms.CharField(label=_("Naam"), max_length=150, required=False)
    date_of_birth = forms.DateField(
        label=_("Geboortedatum"),
        required=False,
        widget=DATE_WIDGET,
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )
    reference = forms.CharField(label=_("of kenmerk van de melding"), max_length=20, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("reference") and not (data.get("full_name") and data.get("date_of_birth")):
            raise forms.ValidationError(_("Zoek op naam én geboortedatum, of op het kenmerk van de melding."))
        return data


class OwnInitiativeWarningForm(FreeTextForm, InformingFields):
    recipient = forms.ModelChoiceField(
        label=_("Wie hebt u gewaarschuwd?"),
        queryset=Organisation.objects.none(),
        empty_label=_("— kies de organisatie —"),
        error_messages={
            "required": _("Kies wie u hebt gewaarschuwd (politie of gemeente)."),
            "invalid_choice": _("Kies een organisatie uit de lijst."),
        },
    )
    warned_at = forms.DateTimeField(
        label=_("Wanneer hebt u gewaarschuwd?"), widget=DATETIME_WIDGET, error_messages=DATETIME_ERRORS
    )
    categories = forms.MultipleChoiceField(
        label=_("Welke soorten gegevens hebt u gedeeld?"),
        choices=DataCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies welke soorten gegevens u hebt gedeeld.")},
    )
    content = forms.CharField(
        label=_("Wat hebt u gedeeld?"),
        help_text=_("Precies wat u zei, zonder diagnose als die niet nodig was."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Leg vast wat u hebt gedeeld.")},
    )
    weighing = forms.CharField(
        label=_("Uw afweging"),
        help_text=_("Welk ernstig gevaar, voor wie, en waarom u niet kon zwijgen. Licht een 'nee' hieronder toe."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Leg uw afweging vast.")},
    )
    person_informed = forms.ChoiceField(
        label=_("Is de betrokkene verteld dat u waarschuwde?"),
        choices=OwnInitiativeWarning.INFORMED_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Geef aan of de betrokkene wordt geïnformeerd.")},
    )
    person_not_informed_reason = forms.CharField(label=_("Waarom niet?"), max_length=300, required=False)

    def __init__(self, *args: Any, recipients: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = recipients  # type: ignore[attr-defined]
        for criterion in Criterion:
            self.fields[f"criterion_{criterion.value}"] = forms.TypedChoiceField(
                label=criterion.label,
                choices=[("yes", _("Ja")), ("no", _("Nee"))],
                coerce=lambda value: value == "yes",
                widget=forms.RadioSelect,
                error_messages={"required": _("Beantwoord deze voorwaarde met ja of nee.")},
            )

    def criterion_fields(self) -> list[forms.BoundField]:
        return [self[f"criterion_{criterion.value}"] for criterion in Criterion]

    def criteria(self) -> dict[str, bool]:
        return {criterion.value: bool(self.cleaned_data[f"criterion_{criterion.value}"]) for criterion in Criterion}
