"""The acting user as services see them: who, for which organisation, in which roles."""

from __future__ import annotations

from dataclasses import dataclass, field

from gipz.accounts.models import Membership, Organisation, OrganisationType, Role, Team, User


@dataclass(frozen=True)
class Actor:
    user: User
    organisation: Organisation
    roles: frozenset[str] = field(default_factory=frozenset)
    team: Team | None = None

    @property
    def is_police(self) -> bool:
        return self.organisation.type == OrganisationType.POLICE

    @property
    def is_crisis(self) -> bool:
        return self.organisation.type == OrganisationType.CRISIS_SERVICE

    @property
    def is_care(self) -> bool:
        return self.organisation.is_care

    @property
    def is_coordinator(self) -> bool:
        return bool(self.roles & {Role.COORDINATOR, Role.ADMIN})

    @property
    def can_plan_capacity(self) -> bool:
        """Capacity scenarios are for the roles the role matrix grants them (accounts/permissions.py)."""
        from gipz.accounts.permissions import Area, areas_for

        return Area.CAPACITY in areas_for(self.roles)

    @property
    def is_privacy_officer(self) -> bool:
        return Role.PRIVACY_OFFICER in self.roles

    def has_role(self, role: str) -> bool:
        return role in self.roles


def actor_for(user: User) -> Actor | None:
    """The actor for a logged-in user: their (first) organisation and all their roles there."""
    if not user.is_authenticated:
        return None
    memberships = list(
        Membership.objects.filter(user=user).select_related("organisation", "team").order_by("organisation_id", "id")
    )
    if not memberships:
        return None
    organisation = memberships[0].organisation
    mine = [m for m in memberships if m.organisation_id == organisation.pk]
    team = next((m.team for m in mine if m.team is not None), None)
    return Actor(user=user, organisation=organisation, roles=frozenset(m.role for m in mine), team=team)
