"""Forms of the privacy officer's pages: erasure, restriction, access requests, breaches, informing. They parse;
services decide. Choices that depend on the law (Wpg for the police) come from privacy/rules.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gipz.accounts.models import User
from gipz.core.forms import DATETIME_ERRORS, DATETIME_WIDGET
from gipz.core.text import FreeTextForm
from gipz.privacy.forms import DATE_WIDGET
from gipz.privacy.models import IdentityCheck, InformedHow, NotInformedException, WpgRestriction

DATE_ERRORS = {"invalid": _("Vul een geldige datum in.")}


class EraseForm(FreeTextForm):
    ground = forms.ChoiceField(label=_("Grond"), error_messages={"required": _("Kies de grond voor het wissen.")})
    explanation = forms.CharField(
        label=_("Toelichting (verzoek en beoordeling)"),
        help_text=_("Blijft bij het verzoek en gaat mee met de bewaartermijn; niet in het inzagelog."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Licht het verzoek en uw beoordeling toe.")},
    )

    def __init__(self, *args: Any, grounds: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ground"].choices = [("", "—"), *grounds]


class ApprovalForm(FreeTextForm):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("approve", _("Goedkeuren en wissen")), ("refuse", _("Weigeren"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies goedkeuren of weigeren.")},
    )
    ground = forms.ChoiceField(label=_("Grond van uw organisatie (bij goedkeuren)"), required=False)

    def __init__(self, *args: Any, grounds: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ground"].choices = [("", "—"), *grounds]


class RestrictForm(FreeTextForm):
    ground = forms.ChoiceField(label=_("Grond"), error_messages={"required": _("Kies de grond voor de beperking.")})
    reason = forms.CharField(
        label=_("Toelichting"),
        max_length=300,
        error_messages={"required": _("Licht de beperking toe.")},
    )

    def __init__(self, *args: Any, grounds: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ground"].choices = [("", "—"), *grounds]


class SubjectRequestForm(FreeTextForm):
    received_at = forms.DateField(
        label=_("Verzoek ontvangen op"),
        widget=DATE_WIDGET,
        error_messages={**DATE_ERRORS, "required": _("Vul de ontvangstdatum in.")},
    )
    identity_check = forms.ChoiceField(
        label=_("Identiteit gecontroleerd"),
        choices=[("", "—"), *IdentityCheck.choices],
        error_messages={"required": _("Geef aan hoe de identiteit is gecontroleerd.")},
    )
    wpg_restriction = forms.ChoiceField(
        label=_("Deel niet verstrekt (Wpg art. 27, alleen politie)"),
        choices=[("", _("Geen beperking")), *WpgRestriction.choices],
        required=False,
    )

    def __init__(self, *args: Any, police: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not police:
            del self.fields["wpg_restriction"]


class ExtendForm(FreeTextForm):
    until = forms.DateField(
        label=_("Verlengen tot"), widget=DATE_WIDGET, error_messages={**DATE_ERRORS, "required": _("Vul een datum in.")}
    )
    reason = forms.CharField(label=_("Reden (wordt de betrokkene meegedeeld)"), max_length=300)


class InformedForm(FreeTextForm):
    """The follow-up of 'will inform': told (when, how) or an exception the law allows."""

    outcome = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=[("informed", _("Betrokkene is geïnformeerd")), ("exception", _("Niet informeren: uitzondering"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of de betrokkene is geïnformeerd.")},
    )
    informed_at = forms.DateTimeField(
        label=_("Wanneer"), required=False, widget=DATETIME_WIDGET, error_messages=DATETIME_ERRORS
    )
    informed_how = forms.ChoiceField(label=_("Hoe"), choices=[("", "—"), *InformedHow.choices], required=False)
    exception = forms.ChoiceField(
        label=_("Uitzondering"), choices=[("", "—"), *NotInformedException.choices], required=False
    )


class BreachForm(FreeTextForm):
    account = forms.ModelChoiceField(
        label=_("Account waarmee het gebeurde (als dat bekend is)"), queryset=User.objects.none(), required=False
    )
    period_from = forms.DateField(
        label=_("Periode van"), required=False, widget=DATE_WIDGET, error_messages=DATE_ERRORS
    )
    period_until = forms.DateField(
        label=_("Periode tot en met"), required=False, widget=DATE_WIDGET, error_messages=DATE_ERRORS
    )
    discovered_at = forms.DateTimeField(
        label=_("Ontdekt op"),
        widget=DATETIME_WIDGET,
        error_messages={**DATETIME_ERRORS, "required": _("Vul in wanneer het lek is ontdekt.")},
    )
    facts = forms.CharField(
        label=_("Wat is er gebeurd"),
        help_text=_("Zonder namen van betrokkenen: verwijs naar meldingen met hun kenmerk."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    effects = forms.CharField(
        label=_("Gevolgen voor betrokkenen"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    measures = forms.CharField(
        label=_("Genomen maatregelen"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    persons_affected = forms.IntegerField(label=_("Aantal betrokkenen (schatting)"), min_value=0, max_value=10_000_000)
    reported_to_ap_at = forms.DateTimeField(
        label=_("Gemeld bij de AP op"), required=False, widget=DATETIME_WIDGET, error_messages=DATETIME_ERRORS
    )
    not_reported_reason = forms.CharField(label=_("Of: waarom niet gemeld"), max_length=300, required=False)
    persons_informed_at = forms.DateTimeField(
        label=_("Betrokkenen geïnformeerd op"), required=False, widget=DATETIME_WIDGET, error_messages=DATETIME_ERRORS
    )

    def __init__(self, *args: Any, colleagues: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = colleagues  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_from"), data.get("period_until")
        if bool(start) != bool(end):
            raise forms.ValidationError(_("Vul de periode helemaal in, of laat haar leeg."))
        if start and end and start > end:
            raise forms.ValidationError(_("De begindatum ligt na de einddatum."))
        return data


class PeriodForm(forms.Form):
    van = forms.DateField(
        label=_("Van"), widget=DATE_WIDGET, error_messages={**DATE_ERRORS, "required": _("Vul de begindatum in.")}
    )
    tot = forms.DateField(
        label=_("Tot en met"), widget=DATE_WIDGET, error_messages={**DATE_ERRORS, "required": _("Vul de einddatum in.")}
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            raise forms.ValidationError(_("De begindatum ligt na de einddatum."))
        return data
