"""Small pure helpers for personal data: pseudonyms. Keeping BSNs out is core/text.py."""

from __future__ import annotations

import secrets
import unicodedata
from datetime import date

from django.conf import settings
from django.utils.crypto import salted_hmac


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
