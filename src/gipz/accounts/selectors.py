from __future__ import annotations

from django.db.models import QuerySet

from gipz.accounts.models import Organisation, OrganisationType, User
from gipz.core.memo import memo


def police_organisations() -> QuerySet[Organisation]:
    """The police organisations care can address (preventive assistance, unsafe situations)."""
    return Organisation.objects.filter(type=OrganisationType.POLICE).order_by("name")


def team_members(team_id: int) -> list[User]:
    """Who is alerted for the team's requests. Read on every intake, so memoised like the roster (core/memo.py):
    a change of membership or user made here is seen at once, one made elsewhere within the memo's lifetime."""
    return memo(("team-members", team_id), lambda: list(User.objects.filter(memberships__team_id=team_id).distinct()))
