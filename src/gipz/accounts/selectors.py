from __future__ import annotations

from django.db.models import QuerySet

from gipz.accounts.models import Organisation, OrganisationType


def police_organisations() -> QuerySet[Organisation]:
    """The police organisations care can address (preventive assistance, unsafe situations)."""
    return Organisation.objects.filter(type=OrganisationType.POLICE).order_by("name")
