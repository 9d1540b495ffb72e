from __future__ import annotations

import hashlib

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    POLICE = "police", _("Politie")
    CRISIS_SERVICE = "crisis_service", _("Crisisdienst")
    CARE_PROVIDER = "care_provider", _("Zorgaanbieder")
    MELDPUNT = "meldpunt", _("Meldpunt niet-acute zorg")
    MUNICIPALITY = "municipality", _("Gemeente")
    AMBULANCE = "ambulance", _("Ambulancezorg")


# Organisations whose members may see health details (medical secrecy applies to them).
CARE_TYPES = frozenset({OrganisationType.CRISIS_SERVICE, OrganisationType.CARE_PROVIDER, OrganisationType.AMBULANCE})


class Role(models.TextChoices):
    PROFESSIONAL = "professional", _("Medewerker")
    COORDINATOR = "coordinator", _("Coördinator")
    KEY_FIGURE = "key_figure", _("Sleutelfiguur")
    PRIVACY_OFFICER = "privacy_officer", _("Privacyfunctionaris")
    ANALYST = "analyst", _("Analist")
    ADMIN = "admin", _("Beheerder")
    # Answers the information requests addressed to the organisation (police: the desk for such questions; care:
    # the crisis service's triage or the privacy desk). Others in the organisation do not see those questions.
    INFORMATION_DESK = "information_desk", _("Informatiedesk")


class Organisation(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    type = models.CharField(_("soort"), max_length=32, choices=OrganisationType.choices)
    safety_region = models.ForeignKey(
        "geo.SafetyRegion",
        verbose_name=_("veiligheidsregio"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    phone = models.CharField(_("telefoon"), max_length=32, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name

    @property
    def is_care(self) -> bool:
        return self.type in CARE_TYPES


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(_("naam"), max_length=200)
    phone = models.CharField(_("telefoon"), max_length=32, blank=True)
    base_municipality = models.ForeignKey(
        "geo.Municipality", verbose_name=_("standplaats"), null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        ordering = ["organisation__name", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name")]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation.name})"


class User(AbstractUser):
    is_service_account = models.BooleanField(default=False, help_text=_("Gebruikt door een API-token."))
    phone = models.CharField(_("telefoon"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Membership(models.Model):
    """A user's role in an organisation (one row per role). A user works for one organisation at a time."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="memberships")
    role = models.CharField(_("rol"), max_length=32, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation", "role"], name="membership_unique_role")]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} @ {self.organisation}"


class ApiToken(models.Model):
    """An organisation's API key. Only a hash is stored; the key is shown once when it is made."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="api_tokens")
    service_user = models.OneToOneField(User, on_delete=models.PROTECT, related_name="api_token")
    label = models.CharField(_("omschrijving"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")

    def __str__(self) -> str:
        return f"{self.label} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()


class IdentityProvider(models.Model):
    """An organisation's own OpenID Connect provider: its members log in there (with that provider's second factor)
    instead of with a GIPZ password. The client secret is stored encrypted (accounts/oidc.py)."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="identity_provider")
    issuer = models.URLField(_("issuer"), max_length=300)  # discovery at {issuer}/.well-known/openid-configuration
    client_id = models.CharField(max_length=200)
    client_secret_encrypted = models.BinaryField()
    roles_claim = models.CharField(max_length=100, default="gipz_roles")  # a list of role codes, or one
    role_map = models.JSONField(default=dict, blank=True)  # provider value → GIPZ role; empty: GIPZ's own codes
    enabled = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("identiteitsprovider")
        verbose_name_plural = _("identiteitsproviders")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.issuer}"


class ExternalIdentity(models.Model):
    """A user as their organisation's identity provider knows them: the issuer's `sub`, which never changes."""

    provider = models.ForeignKey(IdentityProvider, on_delete=models.CASCADE, related_name="identities")
    subject = models.CharField(max_length=255)
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="external_identity")
    last_login_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "subject"], name="external_identity_unique")]

    def __str__(self) -> str:
        return f"{self.provider_id}:{self.subject}"
