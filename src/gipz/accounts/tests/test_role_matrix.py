"""The role matrix, walked: every URL of the app and the API, as every demo user and as an anonymous visitor.

Where the matrix refuses, the answer is 404 (as outside the organisation); where it allows, the page works for an
object the user's organisation can see (200, a redirect, or 405 for an action that only takes POST); anonymous
visitors are sent to the login (the API answers 401/403)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from gipz.accounts.actor import Actor, actor_for
from gipz.accounts.models import User
from gipz.accounts.permissions import Area, area_of, may_use
from gipz.api.models import WebhookEndpoint
from gipz.demo.world import DEMO_PASSWORD, USERS
from gipz.privacy.models import Breach, OfficerNotice
from gipz.privacy.rules import may_warn

pytestmark = pytest.mark.django_db


def _names(resolver: URLResolver) -> list[tuple[str, URLPattern]]:
    found: list[tuple[str, URLPattern]] = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if str(entry.pattern) != "admin/":
                found += _names(entry)
        elif isinstance(entry, URLPattern):
            found.append((entry.name or str(entry.pattern), entry))
    return found


def test_every_url_is_in_the_matrix() -> None:
    unclassified = sorted(name for name, _ in _names(get_resolver()) if area_of(name) is None)
    assert unclassified == [], "classify these URLs in accounts/permissions.py: URL_AREAS"


def _first(queryset: Any) -> Any:
    return queryset.order_by("pk").first()


def _kwargs_providers() -> dict[str, Callable[[Actor], dict[str, Any] | None]]:
    """For each URL with arguments: the arguments of an object the actor's organisation can see (or None)."""
    from gipz.agreements.models import AgreementVersion
    from gipz.keyfigures.selectors import consults_visible_to, key_figure_of
    from gipz.learning.selectors import activities_for, discussions_for
    from gipz.prevention.selectors import preventive_requests_visible_to
    from gipz.privacy.selectors import persons_for_officer, requests_visible_to
    from gipz.simulation.selectors import runs_for, scenarios_for
    from gipz.situations.models import FollowUp
    from gipz.situations.selectors import situations_visible_to
    from gipz.unsafety.selectors import unsafe_reports_visible_to

    def pk(queryset_of: Callable[[Actor], Any]) -> Callable[[Actor], dict[str, Any] | None]:
        def provide(actor: Actor) -> dict[str, Any] | None:
            found = _first(queryset_of(actor))
            return {"pk": found.pk} if found else None

        return provide

    def situation(actor: Actor) -> Any:
        return situations_visible_to(actor)

    def follow_up(actor: Actor) -> dict[str, Any] | None:
        found = _first(FollowUp.objects.filter(situation__in=situation(actor)))
        return {"pk": found.situation_id, "follow_up_id": found.pk} if found else None

    def request_id(actor: Actor) -> dict[str, Any] | None:
        found = _first(requests_visible_to(actor))
        return {"request_id": found.pk} if found else None

    def person(actor: Actor) -> dict[str, Any] | None:
        found = _first(persons_for_officer(actor))
        return {"person_id": found.pk} if found else None

    def reference(actor: Actor) -> dict[str, Any] | None:
        found = _first(situation(actor))
        return {"reference": found.reference} if found else None

    def own_key_figure(actor: Actor) -> dict[str, Any] | None:
        found = key_figure_of(actor)
        return {"pk": found.pk} if found else None

    year = timezone.localdate().year
    providers: dict[str, Callable[[Actor], dict[str, Any] | None]] = {
        "situation": pk(situation),
        "situation-live": pk(situation),
        "person-edit": pk(situation),
        "consult-new": pk(situation),
        "information-request-new": pk(situation),
        # Only care professionals break medical secrecy; for others this is outside their reach (a 404).
        "own-initiative-warning-new": lambda actor: pk(situation)(actor) if may_warn(actor) else None,
        "situation-follow-up-update": follow_up,
        "consult": pk(consults_visible_to),
        "information-request": request_id,
        "information-request-answer": request_id,
        "information-request-withdraw": request_id,
        "preventive-request": pk(preventive_requests_visible_to),
        "unsafe-report": pk(unsafe_reports_visible_to),
        "activity": pk(activities_for),
        "activity-ics": pk(activities_for),
        "improper-call-discussion": pk(discussions_for),
        "agreement": pk(lambda actor: AgreementVersion.objects.all()),
        "agreement-pdf": pk(lambda actor: AgreementVersion.objects.all()),
        "key-figure-edit": own_key_figure,
        "simulation-scenario": pk(scenarios_for),
        "simulation-run": pk(runs_for),
        "simulation-run-status": pk(runs_for),
        "privacy-person": person,
        "privacy-report-pdf": person,
        "privacy-report-csv": person,
        "privacy-user": lambda actor: {"user_id": actor.user.pk},
        "privacy-document": lambda actor: {"name": "register"},
        "privacy-notice": lambda actor: _first_id(
            "notice_id", OfficerNotice.objects.filter(organisation=actor.organisation)
        ),
        "privacy-breach": lambda actor: _first_id("breach_id", Breach.objects.filter(organisation=actor.organisation)),
        "webhook": lambda actor: _first_id("pk", WebhookEndpoint.objects.filter(organisation=actor.organisation)),
        "factsheet": lambda actor: {"code": "GM0344", "year": year},
        "factsheet-pdf": lambda actor: {"code": "GM0344", "year": year},
        "infographic": lambda actor: {"year": year},
        "comparison": lambda actor: {"year": year},
        "api-situation": reference,
        "api-situation-accept": reference,
        "api-situation-fhir": reference,
    }
    return providers


def _first_id(argument: str, rows: Any) -> dict[str, Any] | None:
    found = rows.first()
    return {argument: found.pk} if found else None


def _pattern_kwargs(pattern: URLPattern) -> list[str]:
    return list(pattern.pattern.regex.groupindex)


@pytest.fixture
def demo(db: None) -> None:
    call_command("loaddemo", situations=40, stdout=open("/dev/null", "w"))  # noqa: SIM115


def _walk(client: Client, roles: frozenset[str] | None, actor: Actor | None) -> list[str]:
    problems: list[str] = []
    providers = _kwargs_providers()
    for name, pattern in _names(get_resolver()):
        if name in {"logout", "set_language"}:  # ending the session or switching language is tested elsewhere
            continue
        kwargs: dict[str, Any] = dict(pattern.default_args)
        arguments = [a for a in _pattern_kwargs(pattern) if a not in kwargs]
        allowed = roles is not None and may_use(roles, name)
        if arguments:
            provider = providers.get(name)  # none for actions that only take POST: any id gives 405 first
            provided = provider(actor) if (provider and actor is not None and allowed) else None
            if provided is None:
                if allowed and provider:
                    continue  # nothing of this kind in the user's reach: the matrix part is checked below
                provided = {arg: 1 if arg not in {"reference", "code"} else "X" for arg in arguments}
                if "year" in arguments:
                    provided["year"] = 2026
                if "code" in arguments:
                    provided["code"] = "GM0344"
            kwargs.update(provided)
        url = reverse(name, kwargs={k: v for k, v in kwargs.items() if k in _pattern_kwargs(pattern)})
        status = client.get(url).status_code
        api = name.startswith("api-")
        if roles is None:
            # An action that only takes POST answers 405 before anything else, which tells nothing.
            expected = {200, 302, 405} if area_of(name) == Area.OPEN else ({401, 403} if api else {302, 405})
        elif allowed:
            expected = {200, 302, 405}
        else:
            expected = {404}
        if name == "health-ready":
            expected |= {503}  # open to all; 503 says no worker runs in the test, not who may look
        if status not in expected:
            problems.append(f"{name} {url}: {status}, expected {sorted(expected)}")
    return problems


def test_every_demo_user_gets_what_the_matrix_allows_and_404_elsewhere_and_anonymous_gets_the_login(
    demo: None,
) -> None:
    problems = [f"anonymous: {p}" for p in _walk(Client(), None, None)]
    for spec in USERS:
        user = User.objects.get(username=spec.username)
        actor = actor_for(user)
        assert actor is not None
        client = Client()
        assert client.login(username=spec.username, password=DEMO_PASSWORD)
        problems += [f"{spec.username}: {p}" for p in _walk(client, actor.roles, actor)]
    assert problems == []


def test_the_analyst_sees_aggregates_and_no_situation(demo: None) -> None:
    client = Client()
    assert client.login(username="analist", password=DEMO_PASSWORD)
    from gipz.situations.models import Situation

    situation = Situation.objects.order_by("pk").first()
    assert client.get(reverse("situation", args=[situation.pk])).status_code == 404
    assert client.get(reverse("situations")).status_code == 404
    assert client.get(reverse("monitoring")).status_code == 200
    assert client.get("/", follow=True).redirect_chain[-1][0] == reverse("monitoring")


def test_a_session_ends_after_inactivity_but_live_updates_do_not_keep_it_alive(
    db: None, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time as time_module

    from conftest import make_user
    from gipz.accounts.models import Organisation, OrganisationType

    settings.GIPZ_IDLE_SECONDS = 600
    police = Organisation.objects.create(name="Politie Sessie", type=OrganisationType.POLICE)
    user = make_user("sessie", police)
    client = Client()
    assert client.login(username="sessie", password="test-wachtwoord-123")
    clock = [time_module.time()]
    monkeypatch.setattr("gipz.accounts.middleware.time.time", lambda: clock[0])
    assert client.get(reverse("situations")).status_code == 200
    first = client.session["gipz_active"]
    clock[0] += 30
    assert client.get(reverse("situations")).status_code == 200
    assert client.session["gipz_active"] == first  # not a session write on every click: once a minute
    clock[0] += 470
    assert client.get(reverse("situations"), headers={"HX-Request": "true"}).status_code == 200  # a poll
    clock[0] += 200  # 700 s after the last click, though only 200 s after the poll
    response = client.get(reverse("situations"), headers={"HX-Request": "true"})
    assert response.status_code == 204 and response["HX-Redirect"].startswith(reverse("login"))
    assert client.get(reverse("situations")).status_code == 302  # logged out
    assert user.is_authenticated
