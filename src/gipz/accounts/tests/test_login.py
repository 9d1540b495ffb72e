"""Strong login: a second factor for everyone (GIPZ_REQUIRE_2FA), recovery codes that work once, and lockout after
repeated wrong passwords, per account and per address."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD, World, page_text
from gipz.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _login(client: Client, username: str, password: str = PASSWORD, **extra: Any) -> Any:
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@override_settings(GIPZ_REQUIRE_2FA=True)
def test_without_a_second_factor_nothing_with_personal_data_opens(world: World) -> None:
    client = Client()
    assert _login(client, world.crisis_user.username).status_code == 302
    response = client.get(reverse("board"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("second-factor-setup"))
    assert client.get("/admin/").status_code == 302
    assert client.get(reverse("board-live"), headers={"HX-Request": "true"})["HX-Redirect"].startswith("/tweede")
    api = client.get("/api/v1/situations/")
    assert api.status_code == 403 and api.json()["code"] == "second_factor"


# django-otp makes a device wait after a wrong code; the test does not wait.
@override_settings(GIPZ_REQUIRE_2FA=True, OTP_TOTP_THROTTLE_FACTOR=0, OTP_STATIC_THROTTLE_FACTOR=0)
def test_enrolment_then_login_with_the_app_or_a_recovery_code_once(world: World) -> None:
    client = Client()
    _login(client, world.crisis_user.username)
    setup = page_text(client.get(reverse("second-factor-setup")))
    assert "<svg" in setup and "Sleutel" in setup
    assert 'aria-label="Hoofdmenu"' not in setup and "Uitloggen" in setup  # no menu until verified; logout stays
    device = TOTPDevice.objects.get(user=world.crisis_user, confirmed=False)
    wrong = client.post(reverse("second-factor-setup"), {"code": "000000"})
    assert wrong.status_code == 400 and "klopt niet" in wrong.content.decode()
    done = client.post(reverse("second-factor-setup"), {"code": _code(device), "next": reverse("board")})
    codes = done.context["codes"]
    assert done.status_code == 200 and len(codes) == 10
    assert AuditEvent.objects.filter(event_type="user.second_factor_enrolled").exists()
    assert client.get(reverse("board")).status_code == 200  # verified in this session

    again = Client()
    _login(again, world.crisis_user.username)
    assert again.get(reverse("board"))["Location"].startswith(reverse("second-factor"))
    assert again.post(reverse("second-factor"), {"code": "123"}).status_code == 400
    assert again.post(reverse("second-factor"), {"code": codes[0], "next": reverse("board")}).status_code == 302
    assert again.get(reverse("board")).status_code == 200

    third = Client()
    _login(third, world.crisis_user.username)
    assert third.post(reverse("second-factor"), {"code": codes[0]}).status_code == 400  # each code works once


@override_settings(GIPZ_REQUIRE_2FA=False)
def test_with_the_second_factor_off_every_page_says_so(world: World) -> None:
    client = Client()
    _login(client, world.police_user.username)
    assert "zonder tweede factor" in page_text(client.get(reverse("situations")))


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_repeated_wrong_passwords_lock_the_account_even_for_the_right_one(world: World) -> None:
    client = Client()
    for _ in range(5):
        assert _login(client, world.police_user.username, "fout-wachtwoord").status_code in (200, 429)
    locked = _login(client, world.police_user.username)
    assert locked.status_code == 429
    assert "Tijdelijk geblokkeerd" in locked.content.decode()
    # Another address guessing the same account is locked out too; the account's owner elsewhere as well.
    other = Client(REMOTE_ADDR="10.9.8.7")
    assert _login(other, world.police_user.username).status_code == 429
    # A colleague at another address is not affected.
    assert _login(Client(REMOTE_ADDR="10.1.1.1"), world.police_colleague.username).status_code == 302


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_one_address_trying_many_accounts_is_locked_out(world: World) -> None:
    client = Client(REMOTE_ADDR="10.6.6.6")
    for name in ("a", "b", "c", "d", "e"):
        _login(client, f"niemand-{name}", "fout")
    assert _login(client, world.police_colleague.username).status_code == 429


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_an_administrator_lifts_a_lockout(world: World) -> None:
    from django.core.management import call_command

    client = Client()
    for _ in range(3):
        _login(client, world.police_user.username, "fout")
    assert _login(client, world.police_user.username).status_code == 429
    call_command("axes_reset_username", world.police_user.username, stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("axes_reset_ip", "127.0.0.1", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _login(client, world.police_user.username).status_code == 302


def test_the_password_policy_refuses_short_and_common_passwords() -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("kort123", "password123", "1234567890"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("paard-batterij-nietje-correct")
