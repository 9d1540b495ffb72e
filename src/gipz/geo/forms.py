"""A form field for where new work happens: a municipality valid today."""

from __future__ import annotations

from typing import Any

from django import forms

from gipz.geo.models import Municipality
from gipz.geo.selectors import dissolved_refusal


class MunicipalityField(forms.ModelChoiceField):
    """A municipality valid today; one that no longer exists is refused with the name of its successor."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Municipality.objects.filter(active=True).order_by("name"))
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> Any:
        try:
            return super().to_python(value)
        except forms.ValidationError:
            dissolved = Municipality.objects.filter(pk=value, active=False).first() if str(value).isdigit() else None
            if dissolved is not None:
                raise forms.ValidationError(dissolved_refusal(dissolved), code="dissolved") from None
            raise
