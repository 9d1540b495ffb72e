"""Publishing rulebook versions and reading the one in force."""

from __future__ import annotations

import hashlib
import threading

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gipz.accounts.models import User
from gipz.core.audit import audit_record
from gipz.core.errors import ServiceError
from gipz.rulebook.engine import Rulebook, RulebookError
from gipz.rulebook.loader import default_rulebook_text, parse_rulebook
from gipz.rulebook.models import RulebookVersion

_parsed: dict[str, Rulebook] = {}
_lock = threading.Lock()


def rulebook_validate(text: str) -> Rulebook:
    """The parsed rulebook, or a ServiceError saying where the text is wrong (the admin form shows it there)."""
    try:
        return parse_rulebook(text)
    except RulebookError as exc:
        raise ServiceError(
            _("Het regelboek klopt niet bij %(path)s: %(message)s") % {"path": exc.path, "message": exc.message},
            field="text",
        ) from None


def rulebook_publish(*, user: User | None, text: str, note: str) -> RulebookVersion:
    """Validate and publish a new version; it applies from now on. Earlier versions stay as they were."""
    rulebook = rulebook_validate(text)
    if not note.strip():
        raise ServiceError(_("Beschrijf kort wat er is veranderd."), field="note")
    with transaction.atomic():
        number = (RulebookVersion.objects.aggregate(n=Max("number"))["n"] or 0) + 1
        version = RulebookVersion.objects.create(
            number=number,
            label=rulebook.version,
            text=text,
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            note=note.strip()[:300],
            published_by=user,
            published_at=timezone.now(),
        )
        audit_record(
            actor=user,
            event_type="rulebook.published",
            obj=version,
            new={"number": number, "label": rulebook.version, "rules": len(rulebook.rules), "sha256": version.sha256},
        )
    return version


def rulebook_current() -> tuple[RulebookVersion, Rulebook]:
    """The newest published version and its parsed rules. A fresh installation publishes the shipped one."""
    version = RulebookVersion.objects.order_by("-number").first()
    if version is None:
        try:
            version = rulebook_publish(user=None, text=default_rulebook_text(), note="Startversie meegeleverd met GIPZ")
        except IntegrityError:  # another process published the first version at the same moment
            version = RulebookVersion.objects.order_by("-number").first()
            assert version is not None
    return version, rulebook_of(version)


def rulebook_of(version: RulebookVersion) -> Rulebook:
    found = _parsed.get(version.sha256)
    if found is None:
        found = parse_rulebook(version.text)
        with _lock:
            _parsed[version.sha256] = found
    return found
