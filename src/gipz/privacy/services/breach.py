"""The breach register (AVG art. 33(5)) and breach support: record a breach with the 72-hour clock, settle it
(reported to the Autoriteit Persoonsgegevens, or why not), and tell the privacy officers of the other organisations
whose meldingen the account viewed in the period (references and counts only)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gipz.accounts.actor import Actor
from gipz.accounts.models import Organisation, User
from gipz.core.audit import audit_record
from gipz.core.errors import ServiceError
from gipz.core.text import refuse_free_text
from gipz.privacy.models import Breach, OfficerNotice
from gipz.privacy.officer_selectors import viewed_in_period
from gipz.privacy.services.rights import require_officer
from gipz.situations.models import Participant


@dataclass(frozen=True)
class BreachData:
    discovered_at: datetime
    facts: str
    effects: str
    measures: str
    persons_affected: int
    reported_to_ap_at: datetime | None = None
    not_reported_reason: str = ""
    persons_informed_at: datetime | None = None


def _validate(data: BreachData) -> None:
    now = timezone.now()
    if data.discovered_at > now:
        raise ServiceError(_("Het moment van ontdekken kan niet in de toekomst liggen."), field="discovered_at")
    for name in ("facts", "effects", "measures"):
        if len(getattr(data, name).strip()) < 10:
            raise ServiceError(_("Vul dit in (ten minste 10 tekens)."), field=name)
    for name in ("reported_to_ap_at", "persons_informed_at"):
        moment = getattr(data, name)
        if moment is not None and (moment > now or moment < data.discovered_at):
            raise ServiceError(_("Dit moment ligt tussen het ontdekken en nu."), field=name)
    if data.reported_to_ap_at is not None and data.not_reported_reason.strip():
        raise ServiceError(
            _("Vul óf de melding bij de AP óf de reden om niet te melden in."), field="not_reported_reason"
        )
    refuse_free_text(data.facts, data.effects, data.measures, data.not_reported_reason, field="facts")


def _values(data: BreachData) -> dict[str, object]:
    return {
        "discovered_at": data.discovered_at,
        "facts": data.facts.strip(),
        "effects": data.effects.strip(),
        "measures": data.measures.strip(),
        "persons_affected": data.persons_affected,
        "reported_to_ap_at": data.reported_to_ap_at,
        "not_reported_reason": data.not_reported_reason.strip(),
        "persons_informed_at": data.persons_informed_at,
    }


def breach_record(
    *, actor: Actor, data: BreachData, account: User | None = None, period: tuple[date, date] | None = None
) -> Breach:
    require_officer(actor)
    _validate(data)
    with transaction.atomic():
        breach = Breach.objects.create(
            organisation=actor.organisation,
            account=account,
            period_from=period[0] if period else None,
            period_until=period[1] if period else None,
            recorded_by=actor.user,
            recorded_at=timezone.now(),
            **_values(data),
        )
        audit_record(actor=actor, event_type="breach.recorded", obj=breach)
        return breach


def breach_update(*, actor: Actor, breach: Breach, data: BreachData) -> Breach:
    require_officer(actor)
    _validate(data)
    with transaction.atomic():
        Breach.objects.filter(pk=breach.pk, organisation=actor.organisation).update(**_values(data))
        breach.refresh_from_db()
        audit_record(actor=actor, event_type="breach.updated", obj=breach, new={"settled": breach.settled})
        return breach


def breach_notify(*, actor: Actor, breach: Breach) -> list[Organisation]:
    """One notice per other organisation in the meldingen the account viewed in the breach's period, with how many
    of them: that organisation's officer decides about its own data (AVG art. 33/34 for each controller)."""
    require_officer(actor)
    if breach.account is None or breach.period_from is None or breach.period_until is None:
        raise ServiceError(_("Leg eerst het account en de periode van het lek vast."))
    viewed = viewed_in_period(actor=actor, user=breach.account, start=breach.period_from, end=breach.period_until)
    counts: Counter[int] = Counter()
    for org_id, _situation in (
        Participant.objects.filter(situation_id__in=[v.situation.pk for v in viewed])
        .exclude(organisation=actor.organisation)
        .values_list("organisation_id", "situation_id")
    ):
        counts[org_id] += 1
    if not counts:
        raise ServiceError(_("In deze periode zijn geen meldingen van andere organisaties ingezien."))
    now = timezone.now()
    with transaction.atomic():
        OfficerNotice.objects.bulk_create(
            OfficerNotice(
                organisation_id=org_id,
                kind=OfficerNotice.Kind.BREACH_VIEWS,
                from_organisation=actor.organisation,
                breach=breach,
                count=n,
                created_at=now,
            )
            for org_id, n in sorted(counts.items())
        )
        audit_record(actor=actor, event_type="breach.notified", obj=breach, new={"organisations": sorted(counts)})
    return list(Organisation.objects.filter(pk__in=counts).order_by("name"))
