"""Finding a melding: the criteria a list or the API accepts, and the keyset cursor that pages through the result.

One form validates the criteria for the web page (Dutch messages, what was typed kept) and for the API (the same
messages as a 400). Pages are cut by a cursor — the (created_at, id) of the last row shown — never by an offset, so
the millionth row costs what the first does, and nothing counts the rows it could show.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gipz.accounts.models import Team
from gipz.geo.models import Municipality
from gipz.geo.selectors import municipality_choices
from gipz.situations.models import Status, Urgency

PAGE_SIZE = 50
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts: after the row with this creation time and id (newest first)."""

    created_at: datetime
    pk: int

    def encode(self) -> str:
        raw = f"{self.created_at.isoformat()}|{self.pk}".encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str) -> Cursor:
        """The cursor a previous page handed out; ValueError for anything else."""
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
            moment, pk = raw.split("|")
            created_at = datetime.fromisoformat(moment)
        except (binascii.Error, UnicodeDecodeError, ValueError) as error:
            raise ValueError("not a cursor") from error
        if created_at.tzinfo is None or not pk.isdigit():
            raise ValueError("not a cursor")
        return cls(created_at=created_at, pk=int(pk))


YES_NO = [("", _("alle")), ("true", _("ja")), ("false", _("nee"))]
OPEN_CLOSED = [("", _("alle")), ("open", _("lopend")), ("closed", _("afgerond of doorverwezen"))]


def _yes_no(value: str) -> bool | None:
    return {"true": True, "false": False}.get(value)


class SituationSearchForm(forms.Form):
    """The criteria of the list of meldingen and of `GET /api/v1/situations/` (same names in both)."""

    q = forms.CharField(label=_("Kenmerk"), required=False, max_length=20, strip=True)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("alle")), *Status.choices])
    urgency = forms.ChoiceField(
        label=_("Urgentie (getrieerd)"), required=False, choices=[("", _("alle")), *Urgency.choices]
    )
    advised_urgency = forms.ChoiceField(
        label=_("Urgentie (advies)"), required=False, choices=[("", _("alle")), *Urgency.choices]
    )
    municipality = forms.CharField(label=_("Gemeente (CBS-code, bv. GM0344)"), required=False, max_length=6)
    team = forms.IntegerField(label=_("Team"), required=False, min_value=1)
    created_after = forms.DateField(label=_("Gemeld vanaf"), required=False)
    created_before = forms.DateField(label=_("Gemeld tot en met"), required=False)
    state = forms.ChoiceField(label=_("Lopend of afgerond"), required=False, choices=OPEN_CLOSED)
    escalated = forms.ChoiceField(label=_("Geëscaleerd"), required=False, choices=YES_NO)
    improper_call = forms.ChoiceField(label=_("Oneigenlijk beroep"), required=False, choices=YES_NO)
    cursor = forms.CharField(required=False, widget=forms.HiddenInput)
    limit = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        teams: list[tuple[int, str]] | None = None,
        municipalities: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if municipalities is not None:  # the page offers a list; the API takes any code, old ones too
            self.fields["municipality"].label = _("Gemeente")
            self.fields["municipality"].widget = forms.Select(choices=[("", _("alle")), *municipalities])
        self.fields["created_after"].widget = forms.DateInput(attrs={"type": "date"})
        self.fields["created_before"].widget = forms.DateInput(attrs={"type": "date"})
        if teams is not None:
            self.fields["team"] = forms.TypedChoiceField(
                label=_("Team"), required=False, coerce=int, empty_value=None, choices=[("", _("alle")), *teams]
            )
        self.fields["created_after"].error_messages["invalid"] = _("Geef een datum als JJJJ-MM-DD.")
        self.fields["created_before"].error_messages["invalid"] = _("Geef een datum als JJJJ-MM-DD.")

    def clean_q(self) -> str:
        return str(self.cleaned_data["q"]).upper()

    def clean_municipality(self) -> Municipality | None:
        code = str(self.cleaned_data["municipality"]).strip().upper()
        if not code:
            return None
        # Old codes stay findable: a melding keeps the municipality it was made in, even after a merger.
        found = Municipality.objects.filter(code=code).first()
        if found is None:
            raise forms.ValidationError(_("Onbekende gemeentecode '%(code)s'."), params={"code": code})
        return found

    def clean_cursor(self) -> Cursor | None:
        token = str(self.cleaned_data["cursor"]).strip()
        if not token:
            return None
        try:
            return Cursor.decode(token)
        except ValueError:
            raise forms.ValidationError(_("Deze vervolgpagina bestaat niet (meer); begin opnieuw.")) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        after, before = data.get("created_after"), data.get("created_before")
        if after and before and after > before:
            self.add_error("created_before", _("De einddatum ligt vóór de begindatum."))
        return data

    def criteria(self) -> SearchCriteria:
        """The validated criteria (call after is_valid())."""
        data = self.cleaned_data
        return SearchCriteria(
            reference=data["q"] or "",
            status=data["status"] or "",
            urgency=data["urgency"] or "",
            advised_urgency=data["advised_urgency"] or "",
            municipality_id=data["municipality"].pk if data["municipality"] else None,
            team_id=data["team"],
            created_from=_start_of(data["created_after"]),
            created_until=_start_of(data["created_before"] + timedelta(days=1) if data["created_before"] else None),
            open=None if not data["state"] else data["state"] == "open",
            escalated=_yes_no(data["escalated"]),
            improper_call=_yes_no(data["improper_call"]),
        )


def search_form(data: Any = None, *, organisation: Any = None) -> SituationSearchForm:
    """The form with its lists filled: teams, and the municipalities an officer of `organisation` picks from."""
    teams = [
        (team.pk, f"{team.name} ({team.organisation.name})") for team in Team.objects.select_related("organisation")
    ]
    municipalities = list(municipality_choices(organisation).values_list("code", "name"))
    return SituationSearchForm(data, teams=teams, municipalities=municipalities)


def _start_of(day: date | None) -> datetime | None:
    return timezone.make_aware(datetime.combine(day, time.min)) if day else None


@dataclass(frozen=True)
class SearchCriteria:
    reference: str = ""
    status: str = ""
    urgency: str = ""
    advised_urgency: str = ""
    municipality_id: int | None = None
    team_id: int | None = None
    created_from: datetime | None = None  # inclusive
    created_until: datetime | None = None  # exclusive
    open: bool | None = None
    escalated: bool | None = None
    improper_call: bool | None = None


@dataclass(frozen=True)
class Page:
    rows: list[Any]
    next: Cursor | None
