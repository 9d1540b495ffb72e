"""The follow-up of 'the person will be informed': the sharing organisation records when and how the person was told,
or which exception the law allows (AVG art. 14(5), UAVG art. 41, the Wpg). Until then it is on the worklist."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from gipz.accounts.actor import Actor
from gipz.accounts.models import Role
from gipz.core.audit import audit_record
from gipz.core.errors import NotAllowedError, ServiceError
from gipz.privacy.models import Disclosure, InformedHow, NotInformedException, OwnInitiativeWarning
from gipz.privacy.rules import DESK_ROLES

KINDS: dict[str, type[Disclosure] | type[OwnInitiativeWarning]] = {
    "disclosure": Disclosure,
    "warning": OwnInitiativeWarning,
}


def informing_record(
    *,
    actor: Actor,
    kind: str,
    pk: int,
    outcome: str,
    informed_at: datetime | None,
    how: str,
    exception: str,
) -> Model:
    if not actor.roles & (DESK_ROLES | {Role.PROFESSIONAL, Role.COORDINATOR}):
        raise NotAllowedError(_("Uw rol legt dit niet vast."))
    model = KINDS.get(kind)
    if model is None:
        raise ServiceError(_("Onbekend soort verstrekking."))
    if outcome == "informed":
        if informed_at is None or informed_at > timezone.now():
            raise ServiceError(
                _("Vul in wanneer de betrokkene is geïnformeerd (niet in de toekomst)."), field="informed_at"
            )
        if how not in InformedHow.values:
            raise ServiceError(_("Geef aan hoe de betrokkene is geïnformeerd."), field="informed_how")
        values: dict[str, object] = {
            "person_informed": Disclosure.Informed.INFORMED,
            "informed_at": informed_at,
            "informed_by": actor.user,
            "informed_how": how,
        }
    elif outcome == "exception":
        if exception not in NotInformedException.values:
            raise ServiceError(_("Kies de uitzondering."), field="exception")
        values = {"person_informed": Disclosure.Informed.UNSAFE, "not_informed_exception": exception}
    else:
        raise ServiceError(_("Kies of de betrokkene is geïnformeerd."), field="outcome")
    with transaction.atomic():
        row = model.objects.select_for_update().filter(pk=pk, organisation=actor.organisation).first()
        if row is None:
            raise NotAllowedError(_("Alleen de organisatie die deelde, legt dit vast."))
        if row.person_informed != Disclosure.Informed.WILL_INFORM:
            raise ServiceError(_("Dit is al vastgelegd."))
        model.objects.filter(pk=row.pk).update(**values)
        audit_record(actor=actor, event_type=f"{kind}.person_informed", obj=row, new={"outcome": outcome})
        row.refresh_from_db()
        return row
