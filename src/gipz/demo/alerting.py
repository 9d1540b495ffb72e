"""Alerts in the demo: the crisis service's people get e-mail alerts (to GIPZ_SMTP_URL when it is set, otherwise
the log) and can subscribe to push with the data directory's key pair."""

from __future__ import annotations

from gipz.accounts.models import Membership, OrganisationType
from gipz.alerts.channels import push
from gipz.alerts.models import AlertSettings


def ensure_alert_demo() -> int:
    push.write_key_file()
    crisis_users = {
        m.user
        for m in Membership.objects.filter(organisation__type=OrganisationType.CRISIS_SERVICE).select_related("user")
        if m.user.username != "synthetisch"
    }
    for user in crisis_users:
        if not user.email:
            user.email = f"{user.username}@demo.gipz.invalid"  # a reserved domain: nothing is ever delivered
            user.save(update_fields=["email"])
        AlertSettings.objects.get_or_create(user=user, defaults={"email": True})
    return len(crisis_users)
