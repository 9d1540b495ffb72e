"""An alert about a melding that reached its recipient by no channel (alerts/delivery.py): the coordinators of the
recipient's organisation are told in the app, where they will look, so someone can phone that person instead."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver
from django.utils.translation import gettext as _

from gipz.accounts.models import Membership, Role
from gipz.alerts.delivery import alert_undeliverable
from gipz.alerts.models import Alert
from gipz.situations.models import Notification, Situation


@receiver(alert_undeliverable)
def _tell_the_coordinators(sender: Any, alert: Alert, **kwargs: Any) -> None:
    situation = Situation.objects.filter(reference=alert.reference).first()
    if situation is None:  # a test alert, or one about something other than a melding
        return
    recipient = alert.recipient
    organisations = Membership.objects.filter(user=recipient).values_list("organisation_id", flat=True)
    coordinators = set(
        Membership.objects.filter(organisation_id__in=organisations, role=Role.COORDINATOR).values_list(
            "user_id", flat=True
        )
    )
    message = _("Alarm over %(ref)s heeft %(name)s niet bereikt (%(kind)s): neem op een andere manier contact op.") % {
        "ref": situation.reference,
        "name": recipient.get_full_name() or recipient.get_username(),
        "kind": Alert.Kind(alert.kind).label,
    }
    Notification.objects.bulk_create(
        [Notification(user_id=user_id, situation=situation, message=message[:300]) for user_id in sorted(coordinators)]
    )
