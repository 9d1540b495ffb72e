"""Rules for free text that can reach another organisation: no BSN (GIPZ never stores one) and no control
characters. One definition, used three ways: `refuse_free_text` in services (the last line of defence),
`FreeTextForm` in forms and `FreeTextSerializer` in the API (so the refusal comes in the first round of validation,
beside every other field error)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gipz.core.errors import ServiceError

_NINE_DIGITS = re.compile(r"(?<!\d)(\d{9})(?!\d)|(?<!\d)(\d{4}[.\s]\d{2}[.\s]\d{3})(?!\d)")
# C0 and C1 control characters except tab, line feed and carriage return; also the Unicode bidi overrides that
# can make a text read differently than it is stored.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

BSN_MESSAGE = gettext_lazy("Een BSN hoort niet in GIPZ. Laat het nummer weg.")
CONTROL_MESSAGE = gettext_lazy("De tekst bevat onzichtbare stuurtekens. Typ hem opnieuw of plak hem als platte tekst.")


def passes_eleven_test(digits: str) -> bool:
    """The BSN 'elfproef': 9×d1 + 8×d2 + … + 2×d8 − 1×d9 is divisible by 11 (and not all zeros)."""
    if len(digits) != 9 or not digits.isdigit() or int(digits) == 0:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def contains_bsn(text: str) -> bool:
    """True when the text holds a nine-digit number that passes the BSN check (with or without dots/spaces)."""
    for match in _NINE_DIGITS.finditer(text or ""):
        digits = re.sub(r"\D", "", match.group(0))
        if passes_eleven_test(digits):
            return True
    return False


def contains_control_characters(text: str) -> bool:
    return bool(_CONTROL.search(text or ""))


def validate_free_text(value: Any) -> None:
    """A Django validator (forms, models, and DRF fields, which accept Django validators)."""
    if not isinstance(value, str):
        return
    if contains_bsn(value):
        raise ValidationError(BSN_MESSAGE, code="bsn")
    if contains_control_characters(value):
        raise ValidationError(CONTROL_MESSAGE, code="control_characters")


def refuse_free_text(*texts: str | None, field: str) -> None:
    """The one refusal every service gives for a free text that holds a BSN or control characters."""
    for text in texts:
        if contains_bsn(text or ""):
            raise ServiceError(_("Een BSN hoort niet in GIPZ. Laat het nummer weg."), field=field)
        if contains_control_characters(text or ""):
            raise ServiceError(str(CONTROL_MESSAGE), field=field)


class FreeTextForm(forms.Form):
    """A form whose every text field refuses a BSN and control characters in its own validation."""

    def full_clean(self) -> None:
        # At cleaning time, so fields a subclass adds in its __init__ (the answer form's items) are covered too.
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and validate_free_text not in field.validators:
                field.validators.append(validate_free_text)
        super().full_clean()
