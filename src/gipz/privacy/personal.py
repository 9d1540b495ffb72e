"""Small pure helpers for personal data: pseudonyms and keeping BSNs out."""

from __future__ import annotations

import re
import secrets
import unicodedata
from datetime import date

from django.conf import settings
from django.utils.crypto import salted_hmac

_NINE_DIGITS = re.compile(r"(?<!\d)(\d{9})(?!\d)|(?<!\d)(\d{4}[.\s]\d{2}[.\s]\d{3})(?!\d)")


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


def refuse_bsn(*texts: str, field: str) -> None:
    """The one refusal every service gives when a free text holds a BSN (GIPZ never stores one)."""
    from django.utils.translation import gettext as _

    from gipz.core.errors import ServiceError

    if any(contains_bsn(text) for text in texts):
        raise ServiceError(_("Een BSN hoort niet in GIPZ. Laat het nummer weg."), field=field)


def normalise_name(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(letters.lower().split())


def pseudonym_for(full_name: str, date_of_birth: date | None) -> str:
    """The same name and date of birth give the same pseudonym (repeat situations stay linkable for analytics);
    it is a keyed hash, so it cannot be reversed without the key. Without both, a random one."""
    name = normalise_name(full_name)
    if not name or date_of_birth is None:
        return secrets.token_hex(16)
    key = settings.GIPZ_PSEUDONYM_KEY or settings.SECRET_KEY
    return salted_hmac(
        "gipz.privacy.pseudonym", f"{name}|{date_of_birth.isoformat()}", secret=key, algorithm="sha256"
    ).hexdigest()[:32]
