"""Login with the organisation's own identity provider (issue #18): against a real OpenID Connect provider
(django-oauth-toolkit, tests_oidc/provider) started in a process of its own — discovery, the authorization code flow
with PKCE, a signed ID token checked against the provider's keys, claims mapped to membership and roles."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.test import Client

from conftest import PASSWORD, World
from gipz.accounts import oidc
from gipz.accounts.models import ExternalIdentity, IdentityProvider, Membership, Role, User

ROOT = Path(__file__).resolve().parents[4]
CALLBACK = "http://testserver/login/organisatie/terug/"
CLIENT_ID, CLIENT_SECRET = "gipz-test-client", "gipz-test-secret-0123456789"


# A hang ceiling, not a start-up budget: the provider migrates a fresh database and makes an RSA key, which on a
# loaded CI machine took minutes once; the wait ends as soon as it answers, or fails at once if it exits.
START_CEILING_SECONDS = 900


def wait_until_serving(process: subprocess.Popen[bytes], url: str, log: IO[bytes]) -> None:
    deadline = time.monotonic() + START_CEILING_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            said = log.read().decode(errors="replace")[-2000:]
            pytest.fail(f"the test OpenID provider exited ({process.returncode}): {said}")
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            time.sleep(0.2)
    pytest.fail(f"the test OpenID provider did not answer within {START_CEILING_SECONDS} s")


@pytest.fixture(scope="module")
def provider_url() -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # The log goes to a file, not a pipe: the server's request log would fill a pipe and block it.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "tests_oidc" / "provider" / "run.py"), str(port), CLIENT_ID, CLIENT_SECRET,
             CALLBACK], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "tests_oidc")},
            stdout=subprocess.DEVNULL, stderr=log,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_serving(process, f"{base}/o/.well-known/openid-configuration", log)
            yield f"{base}/o"
        finally:
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture
def configured(world: World, provider_url: str) -> IdentityProvider:
    return oidc.provider_configure(organisation=world.crisis, issuer=provider_url, client_id=CLIENT_ID,
                                   client_secret=CLIENT_SECRET)  # fmt: skip


def log_in_at_the_provider(client: Client, organisation_id: int, username: str, password: str) -> Any:
    """The browser's part: GIPZ sends it to the provider, the person logs in there, the provider sends it back."""
    start = client.get(f"/login/organisatie/{organisation_id}/")
    assert start.status_code == 302
    authorize = start["Location"]
    query = parse_qs(urlsplit(authorize).query)
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"][0]  # PKCE
    assert "openid" in query["scope"][0].split()
    browser = requests.Session()
    login_page = browser.get(authorize)  # → the provider's login form
    assert login_page.status_code == 200
    answer = browser.post(
        login_page.url,
        data={"username": username, "password": password, "csrfmiddlewaretoken": browser.cookies["csrftoken"],
              "next": parse_qs(urlsplit(login_page.url).query)["next"][0]},
        headers={"Referer": login_page.url}, allow_redirects=False,
    )  # fmt: skip
    assert answer.status_code == 302
    back = browser.get(urlsplit(login_page.url)._replace(path=answer.headers["Location"], query="").geturl()
                       if answer.headers["Location"].startswith("/") else answer.headers["Location"],
                       allow_redirects=False)  # fmt: skip
    assert back.status_code == 302 and back.headers["Location"].startswith(CALLBACK)
    callback = urlsplit(back.headers["Location"])
    return client.get(f"{callback.path}?{callback.query}")


def test_a_member_logs_in_with_the_organisations_provider(world: World, configured: IdentityProvider,
                                                          settings: Any) -> None:  # fmt: skip
    settings.GIPZ_REQUIRE_2FA = True  # the provider's login counts as the second factor
    client = Client()
    done = log_in_at_the_provider(client, world.crisis.pk, "zorgverlener", "provider-pw-1")
    assert done.status_code == 302 and done["Location"] == "/"
    identity = ExternalIdentity.objects.select_related("user").get(provider=configured)
    user = identity.user
    assert (user.first_name, user.last_name, user.email) == ("Zeynep", "Verlener", "zorgverlener@crisis.example")
    assert not user.has_usable_password()
    roles = set(Membership.objects.filter(user=user, organisation=world.crisis).values_list("role", flat=True))
    assert roles == {Role.PROFESSIONAL, Role.INFORMATION_DESK}
    board = client.get("/bord/")
    assert board.status_code == 200  # in, without GIPZ's own second factor
    again = log_in_at_the_provider(Client(), world.crisis.pk, "zorgverlener", "provider-pw-1")
    assert again.status_code == 302 and User.objects.filter(external_identity__provider=configured).count() == 1


def test_a_person_without_a_gipz_role_is_refused(world: World, configured: IdentityProvider) -> None:
    client = Client()
    refused = log_in_at_the_provider(client, world.crisis.pk, "zonder-rol", "provider-pw-2")
    assert refused.status_code == 302 and refused["Location"] == "/login/"
    page = client.get("/login/")
    assert "geen rol in GIPZ" in page.content.decode()
    assert not ExternalIdentity.objects.exists()


def test_a_forged_or_replayed_callback_is_refused(world: World, configured: IdentityProvider) -> None:
    client = Client()
    client.get(f"/login/organisatie/{world.crisis.pk}/")
    forged = client.get("/login/organisatie/terug/?code=made-up&state=wrong")
    assert forged.status_code == 302 and forged["Location"] == "/login/"
    assert "_auth_user_id" not in client.session
    assert Client().get("/login/organisatie/terug/?code=x&state=y")["Location"] == "/login/"  # no attempt begun


def test_local_accounts_and_their_second_factor_stay(world: World, configured: IdentityProvider,
                                                     settings: Any) -> None:  # fmt: skip
    settings.GIPZ_REQUIRE_2FA = True
    client = Client()
    assert client.post("/login/", {"username": world.police_user.username, "password": PASSWORD}).status_code == 302
    assert client.get("/bord/")["Location"].startswith("/tweede-factor/")  # police: no provider, GIPZ's own factor
    page = Client().get("/login/").content.decode()
    assert f"/login/organisatie/{world.crisis.pk}/" in page and world.crisis.name in page
    assert Client().get(f"/login/organisatie/{world.police.pk}/")["Location"] == "/login/"  # none configured


def test_the_command_configures_and_disables_a_provider(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    args = [world.crisis.name, "--issuer", "https://login.crisis.example/realms/gipz", "--client-id", "gipz"]
    with pytest.raises(CommandError, match="GIPZ_OIDC_CLIENT_SECRET"):
        call_command("identity_provider", *args)
    monkeypatch.setenv("GIPZ_OIDC_CLIENT_SECRET", "s3cret")
    with pytest.raises(CommandError, match=r"Onbekende GIPZ-rollen|Unknown GIPZ roles"):
        call_command("identity_provider", *args, "--role-map", '{"arts": "chief"}')
    with pytest.raises(CommandError, match=r"--role-map"):
        call_command("identity_provider", *args, "--role-map", "[1")
    call_command("identity_provider", *args, "--role-map", '{"ggz-arts": "professional"}', stdout=StringIO())
    provider = IdentityProvider.objects.get(organisation=world.crisis)
    assert provider.enabled and provider.role_map == {"ggz-arts": "professional"}
    assert b"s3cret" not in bytes(provider.client_secret_encrypted)  # stored encrypted
    assert oidc.roles_from(provider, {"gipz_roles": ["ggz-arts", "professional"]}) == {Role.PROFESSIONAL}
    call_command("identity_provider", world.crisis.name, "--disable", stdout=StringIO())
    provider.refresh_from_db()
    assert not provider.enabled


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_command_works_outside_a_test_transaction(monkeypatch: pytest.MonkeyPatch) -> None:
    """As an operator runs it: no surrounding transaction (its audit entry needs one of its own)."""
    from io import StringIO

    from django.core.management import call_command

    from gipz.accounts.models import Organisation, OrganisationType

    organisation = Organisation.objects.create(name="Crisisdienst Los", type=OrganisationType.CRISIS_SERVICE)
    monkeypatch.setenv("GIPZ_OIDC_CLIENT_SECRET", "s3cret")
    out = StringIO()
    call_command("identity_provider", organisation.name, "--issuer", "https://idp.example/r", "--client-id", "g",
                 stdout=out)  # fmt: skip
    assert "logs in via https://idp.example/r" in out.getvalue()


def test_a_provider_that_exits_fails_the_wait_at_once_with_what_it_said() -> None:
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen([sys.executable, "-c", "import sys; sys.stderr.write('kapot'); sys.exit(3)"],
                                   stderr=log)  # fmt: skip
        with pytest.raises(pytest.fail.Exception, match=r"exited \(3\): kapot"):
            wait_until_serving(process, "http://127.0.0.1:9/", log)
