"""The second factor (django-otp): a TOTP app and ten single-use recovery codes. With GIPZ_REQUIRE_2FA on (the
default; `make demo` turns it off and every page says so), a logged-in user reaches nothing but enrolment,
verification and logout until they have proved the second factor in this session."""

from __future__ import annotations

import base64
from collections.abc import Callable

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from gipz.accounts.models import User
from gipz.core.audit import audit_record

RECOVERY_CODES = 10
# What an unverified user may still reach: the pages to get verified, logging out, the language, static files.
_OPEN_NAMES = frozenset(
    {"second-factor", "second-factor-setup", "logout", "set_language", "login", "oidc-login", "oidc-callback"}
)


def has_second_factor(user: User) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def totp_pending(user: User) -> TOTPDevice:
    """The unconfirmed TOTP device of an enrolment in progress (one per user)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="app", confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    """The enrolment link as an inline SVG path (no image request, nothing for the Content-Security-Policy)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    return str(image.to_string(encoding="unicode"))


def typed_key(device: TOTPDevice) -> str:
    """The key as an app expects it typed: base32, in groups of four."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def totp_confirm(*, request: HttpRequest, user: User, token: str) -> list[str] | None:
    """Confirm the enrolment with the first code from the app. Returns the recovery codes (shown once), or None
    when the code is wrong."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token.strip()):
        return None
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        StaticDevice.objects.filter(user=user).delete()
        backup = StaticDevice.objects.create(user=user, name="herstelcodes", confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create([StaticToken(device=backup, token=code) for code in codes])
        audit_record(actor=user, event_type="user.second_factor_enrolled", obj=user, new={"user": user.username})
    otp_login(request, device)
    return codes


def verify(*, request: HttpRequest, user: User, token: str) -> bool:
    """A code from the app, or one of the recovery codes (each works once)."""
    device = match_token(user, token.strip().replace(" ", ""))
    if device is None:
        return False
    otp_login(request, device)
    return True


class SecondFactorMiddleware:
    """With GIPZ_REQUIRE_2FA, a session is of use only once its second factor is verified."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: object, args: object, kwargs: object) -> HttpResponse | None:
        if not settings.GIPZ_REQUIRE_2FA or not request.user.is_authenticated:
            return None
        if request.user.is_verified():  # type: ignore[union-attr]
            return None
        if request.session.get("gipz_idp"):  # logged in at the organisation's own provider, with its second factor
            return None
        match = request.resolver_match
        if match is not None and match.url_name in _OPEN_NAMES:
            return None
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": "Tweede factor nog niet bevestigd.", "code": "second_factor"}, status=403)
        target = reverse("second-factor" if has_second_factor(request.user) else "second-factor-setup")  # type: ignore[arg-type]
        if getattr(request, "htmx", False):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        return redirect(f"{target}?next={request.get_full_path()}")
