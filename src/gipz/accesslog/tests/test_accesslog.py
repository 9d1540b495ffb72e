"""The access log: every page that shows personal data writes a row; `gipz audit verify` finds tampering."""

from __future__ import annotations

from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from conftest import logged_in, make_user, page_text
from gipz.accesslog.log import access_log_record
from gipz.accesslog.models import AccessLogEntry, AccessLogHead
from gipz.accounts.models import Role
from gipz.api.views import SituationDetail
from gipz.keyfigures.services import consult_request
from gipz.keyfigures.tests.helpers import key_figure
from gipz.learning.tests.helpers import flagged_discussion
from gipz.prevention.services import DecisionData, preventive_request_decide
from gipz.prevention.tests.helpers import ask as ask_preventive
from gipz.prevention.tests.helpers import police_planner
from gipz.privacy.models import Breach
from gipz.privacy.tests.helpers import answer_partly, ask, situation_with_person
from gipz.unsafety.tests.helpers import report as unsafe_report

pytestmark = pytest.mark.django_db


def _patterns(resolver: URLResolver, prefix: str = "") -> list[tuple[str, Any]]:
    """(name, view) of every URL of the project, except Django's own admin (staff only, read-only here)."""
    found: list[tuple[str, Any]] = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if str(entry.pattern) != "admin/":
                found += _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            found.append((entry.name or prefix + str(entry.pattern), entry.callback))
    return found


def _marked(callback: Any) -> bool:
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    return bool(getattr(callback, "shows_personal_data", False) or getattr(view_class, "shows_personal_data", False))


# Pages that show no personal data (lists show references and statuses; forms and actions redirect).
NO_PERSONAL_DATA = {
    "home",
    "alert-settings",
    "alert-push-subscribe",
    "alert-push-remove",
    "alert-test",
    "live-events",
    "situations",
    "intake",
    "triage-preview",
    "situation-live",  # the SBAR only once, when it arrives, and then the view logs it itself
    "situation-follow-up-update",
    "board",
    "board-live",
    "notifications-read",
    "login",
    "logout",
    "second-factor",
    "second-factor-setup",
    "set_language",
    "webapp-manifest",  # the web app: manifest, service worker, offline page — no data at all
    "webapp-service-worker",
    "offline",
    "health-live",  # process and database health: counts and ages, no data of anyone
    "health-ready",
    "oidc-login",  # the login via an identity provider: redirects, no data
    "oidc-callback",
    "webhooks",  # an organisation's webhook endpoints and deliveries: event types, references and links, no person
    "webhook",
    "webhook-deactivate",
    "api-schema",
    "api-situations",
    "api-situation-accept",
    "api-bench-ping",
    "simulation",
    "simulation-new",
    "simulation-scenario",
    "simulation-run-request",
    "simulation-run",
    "simulation-run-status",
    "simulation-compare",
    "information-request-new",
    "own-initiative-warning-new",  # the form shows the situation's reference only
    "information-requests",
    "information-request-withdraw",
    "rulebook",
    # The officer's registers and documents: references, counts and codes, no person's data.
    "privacy-notices-seen",
    "privacy-notice",  # references and counts
    "privacy-person-restriction-lift",  # buttons that redirect
    "privacy-subject-request-sent",
    "privacy-erasure-decide",
    "privacy-informed",
    "privacy-breaches",
    "privacy-breach-notify",
    "privacy-documents",
    "privacy-document",
    "monitoring",
    "comparison",
    "infographic",
    "factsheet",  # aggregates only, small numbers suppressed
    "factsheet-pdf",
    # Werkafspraken: agreements between organisations, no data about persons.
    "agreements",
    "agreement-new",
    "agreement",
    "agreement-edit",
    "agreement-copy",
    "agreement-approve",
    "agreement-discard",
    "agreement-pdf",
    # Lists show a reference, the kind of moment, the municipality and the status; the form shows nothing yet.
    "preventive-requests",
    "preventive-request-new",
    "unsafe-reports",
    "unsafe-report-new",
    # Key figures: work contact details; the consult form shows the situation's reference only.
    "key-figures",
    "key-figure-own",
    "key-figure-edit",
    "consult-new",
    "consults",
    # Samen leren: activities and registrations of staff; the discussion list shows references only.
    "activities",
    "activity-new",
    "my-calendar",
    "activity",
    "activity-register",
    "activity-unregister",
    "activity-attendance",
    "activity-cancel",
    "activity-ics",
    "improper-call-discussions",
}


def test_every_url_is_classified() -> None:
    """A new page must say whether it shows personal data: marked with @shows_personal_data, or listed here."""
    from gipz.situations.views.detail import ACTIONS

    # The situation's action POSTs (accept, en-route, ...) redirect; on bad input they re-render the detail page,
    # which logs its view itself.
    actions = {f"situation-{action}" for action in ACTIONS}
    unclassified = []
    for name, callback in _patterns(get_resolver()):
        if not _marked(callback) and name not in NO_PERSONAL_DATA | actions:
            unclassified.append(name)
    assert unclassified == []


@pytest.fixture
def scene(world: Any) -> dict[str, Any]:
    situation, person = situation_with_person(world)
    request = ask(world, situation)
    answer_partly(world, request)
    officer = make_user("fg", world.crisis, Role.PRIVACY_OFFICER)
    chief = police_planner(world)
    preventive = ask_preventive(world)
    preventive_request_decide(
        actor=chief,
        request_id=preventive.pk,
        data=DecisionData(decision="assist", reason="Eerder geweld bekend.", team_id=world.police_team.pk, officers=2),
    )
    unsafe = unsafe_report(world)
    return {
        "situation": situation,
        "person": person,
        "request": request,
        "officer": officer,
        "preventive": preventive,
        "unsafe": unsafe,
    }


def breach_of(officer: Any, world: Any) -> Breach:
    today = timezone.localdate()
    return Breach.objects.create(
        organisation=world.crisis,
        discovered_at=timezone.now(),
        account=world.crisis_user,
        period_from=today,
        period_until=today,
        facts="Laptop met open sessie kwijt.",
        effects="Mogelijk inzage.",
        measures="Sessies beëindigd.",
        recorded_by=officer,
        recorded_at=timezone.now(),
    )


def test_every_page_with_personal_data_writes_an_access_log_row(world: Any, scene: dict[str, Any]) -> None:
    situation, person, request, officer = scene["situation"], scene["person"], scene["request"], scene["officer"]
    p, u = scene["preventive"], scene["unsafe"]
    d = flagged_discussion(world)
    c = consult_request(
        actor=world.crisis_actor,
        situation_id=situation.pk,
        key_figure_id=key_figure(world).pk,
        question="Wat werkt bij deze persoon?",
    )
    calls: dict[str, tuple[Any, str, str, dict[str, Any]]] = {
        "situation": (world.crisis_user, "get", reverse("situation", args=[situation.pk]), {}),
        "person-edit": (world.police_user, "get", reverse("person-edit", args=[situation.pk]), {}),
        "information-request": (world.police_user, "get", reverse("information-request", args=[request.pk]), {}),
        "information-request-answer": (
            world.crisis_user,
            "post",
            reverse("information-request-answer", args=[request.pk]),
            {},
        ),
        "privacy": (officer, "get", reverse("privacy"), {"reference": situation.reference}),
        "privacy-person": (officer, "get", reverse("privacy-person", args=[person.pk]), {}),
        "privacy-person-erase": (officer, "post", reverse("privacy-person-erase", args=[person.pk]), {}),
        "privacy-report-pdf": (officer, "get", reverse("privacy-report-pdf", args=[person.pk]), {}),
        "privacy-report-csv": (officer, "get", reverse("privacy-report-csv", args=[person.pk]), {}),
        "privacy-user": (officer, "get", reverse("privacy-user", args=[world.crisis_user.pk]), {}),
        "privacy-person-restrict": (officer, "post", reverse("privacy-person-restrict", args=[person.pk]), {}),
        "privacy-subject-request": (officer, "post", reverse("privacy-subject-request", args=[person.pk]), {}),
        "privacy-subject-request-extend": (
            officer,
            "post",
            reverse("privacy-subject-request-extend", args=[person.pk, 1]),
            {},
        ),
        "privacy-breach": (officer, "get", reverse("privacy-breach", args=[breach_of(officer, world).pk]), {}),
        "api-situation": (world.crisis_user, "get", reverse("api-situation", args=[situation.reference]), {}),
        "api-situation-fhir": (world.crisis_user, "get", reverse("api-situation-fhir", args=[situation.reference]), {}),
        # Each action re-renders the page (with its personal data) on bad input.
        **{
            name: (world.care_user, "post" if name != "preventive-request" else "get", reverse(name, args=[p.pk]), {})
            for name in (
                "preventive-request",
                "preventive-decide",
                "preventive-add-info",
                "preventive-withdraw",
                "preventive-outcome",
            )
        },
        "preventive-planning": (world.police_coordinator, "get", reverse("preventive-planning"), {}),
        **{
            name: (world.care_user, "post" if name != "unsafe-report" else "get", reverse(name, args=[u.pk]), {})
            for name in ("unsafe-report", "unsafe-respond", "unsafe-close", "unsafe-withdraw")
        },
        "unsafe-pick-up": (world.care_user, "post", reverse("unsafe-pick-up", args=[u.pk]), {}),
        **{
            name: (world.crisis_user, "post" if name != "consult" else "get", reverse(name, args=[c.pk]), {})
            for name in ("consult", "consult-answer", "consult-decline")
        },
        "improper-call-discussion": (
            world.police_key_figure,
            "get",
            reverse("improper-call-discussion", args=[d.pk]),
            {},
        ),
        "improper-call-discussion-update": (
            world.police_key_figure,
            "post",
            reverse("improper-call-discussion-update", args=[d.pk]),
            {},
        ),
    }
    marked = {name for name, callback in _patterns(get_resolver()) if _marked(callback)}
    assert marked == set(calls), "every marked URL needs a call here"
    for name, (user, method, url, data) in calls.items():
        before = AccessLogEntry.objects.count()
        response = getattr(logged_in(user), method)(url, data)
        assert response.status_code in (200, 400), (name, response.status_code)
        new = AccessLogEntry.objects.filter(seq__gt=before).order_by("seq")
        assert new.exists(), f"{name} showed personal data without an access-log row"
        row = new.last()
        assert row.user_id == user.pk and row.organisation_id is not None and row.roles
    assert SituationDetail.shows_personal_data


def test_a_row_records_who_for_which_organisation_in_which_role_what_and_where(world: Any) -> None:
    situation, person = situation_with_person(world)
    logged_in(world.crisis_user).get(reverse("situation", args=[situation.pk]))
    row = AccessLogEntry.objects.order_by("-seq").first()
    assert (row.user_id, row.organisation_id, row.roles, row.action) == (
        world.crisis_user.pk,
        world.crisis.pk,
        "information_desk,professional",
        "view",
    )
    assert (row.person_id, row.situation_id) == (person.pk, situation.pk)
    assert "met zorggegevens" in row.detail


def _verify() -> tuple[int, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("audit", "verify", stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), err.getvalue()
    return 0, out.getvalue()


def test_audit_verify_passes_on_an_intact_log(world: Any) -> None:
    situation_with_person(world)
    for _ in range(3):
        access_log_record(actor=world.police_actor, action="view", obj=world.police)
    code, text = _verify()
    assert code == 0 and "OK" in text and "4 entries" in text


def test_audit_verify_fails_naming_the_first_changed_row(world: Any) -> None:
    situation_with_person(world)
    for _ in range(4):
        access_log_record(actor=world.police_actor, action="view", obj=world.police)
    third = AccessLogEntry.objects.get(seq=3)
    AccessLogEntry.objects.filter(pk=third.pk).update(detail="overwritten")  # bypasses the model: a tamperer
    code, text = _verify()
    assert code == 1 and "#3" in text and "changed" in text


def test_audit_verify_fails_on_a_removed_row_and_on_a_cut_off_end(world: Any) -> None:
    for _ in range(4):
        access_log_record(actor=world.police_actor, action="view", obj=world.police)
    AccessLogEntry.objects.filter(seq=2)._raw_delete(AccessLogEntry.objects.db)
    code, text = _verify()
    assert code == 1 and "#2" in text and "missing" in text
    AccessLogEntry.objects.filter(seq__gte=2)._raw_delete(AccessLogEntry.objects.db)
    code, text = _verify()
    assert code == 1 and "#2" in text and "removed from the end" in text
    assert AccessLogHead.objects.get().seq == 4


def test_an_entry_committed_while_the_walk_runs_does_not_look_like_a_cut_off_end(
    world: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GIPZ keeps writing while `gipz audit verify` or `gipz backup` walks the log: an entry committed after the head
    was read lies past it and is not held against the walk (issue #28: a backup under load was refused)."""
    from gipz.accesslog import log as accesslog

    for _ in range(3):
        access_log_record(actor=world.police_actor, action="view", obj=world.police)
    real_anchor = accesslog.access_log_anchor

    def a_write_commits_meanwhile() -> Any:  # called after the head was read, before the rows are walked
        access_log_record(actor=world.police_actor, action="view", obj=world.police)
        return real_anchor()

    monkeypatch.setattr(accesslog, "access_log_anchor", a_write_commits_meanwhile)
    report = accesslog.access_log_verify()
    assert report.ok and report.checked == 3
    monkeypatch.setattr(accesslog, "access_log_anchor", real_anchor)
    assert accesslog.access_log_verify().checked == 4  # the next walk takes it in


def _rechain_without_the_key(from_seq: int) -> None:
    """What someone with full database access but without GIPZ_ACCESS_LOG_KEY can do: recompute every hash from
    `from_seq` on and fix the head row, so the plain chain is consistent again."""
    from gipz.accesslog.chain import HASHED_FIELDS, entry_digest

    previous = AccessLogEntry.objects.get(seq=from_seq - 1).entry_hash if from_seq > 1 else "0" * 64
    for row in AccessLogEntry.objects.filter(seq__gte=from_seq).order_by("seq").values(*HASHED_FIELDS, "pk"):
        row["prev_hash"] = previous
        digest = entry_digest(row)
        AccessLogEntry.objects.filter(pk=row["pk"]).update(prev_hash=previous, entry_hash=digest)
        previous = digest
    last = AccessLogEntry.objects.order_by("-seq").first()
    AccessLogHead.objects.filter(pk=1).update(seq=last.seq, entry_hash=previous)


def test_a_rewrite_with_every_hash_recomputed_is_detected_by_the_seal(world: Any) -> None:
    for _ in range(5):
        access_log_record(actor=world.police_actor, action="view", obj=world.police)
    AccessLogEntry.objects.filter(seq=3).update(detail="nooit gezien")
    _rechain_without_the_key(3)
    code, text = _verify()
    assert code == 1 and "#3" in text and "seal" in text


def test_cutting_the_tail_and_fixing_the_head_is_detected_by_a_checkpoint(world: Any) -> None:
    from gipz.accesslog.log import access_log_checkpoint

    for _ in range(5):
        access_log_record(actor=world.police_actor, action="view", obj=world.police)
    access_log_checkpoint()  # the worker wrote the head (#5) outside the database
    AccessLogEntry.objects.filter(seq__gte=4)._raw_delete(AccessLogEntry.objects.db)
    third = AccessLogEntry.objects.get(seq=3)
    AccessLogHead.objects.filter(pk=1).update(seq=3, entry_hash=third.entry_hash)
    code, text = _verify()
    assert code == 1 and "#4" in text and "removed from the end" in text


def test_a_rewrite_re_sealed_with_the_key_is_still_caught_by_a_later_checkpoint(world: Any, settings: Any) -> None:
    """Even with the key (an insider holding both), rewriting an entry changes every later hash, which no longer
    matches the checkpoint written before the rewrite."""
    from gipz.accesslog.chain import entry_mac
    from gipz.accesslog.log import access_log_checkpoint, seal_key

    for _ in range(4):
        access_log_record(actor=world.police_actor, action="view", obj=world.police)
    access_log_checkpoint()
    AccessLogEntry.objects.filter(seq=2).update(detail="nooit gezien")
    _rechain_without_the_key(2)
    for row in AccessLogEntry.objects.all():
        AccessLogEntry.objects.filter(pk=row.pk).update(mac=entry_mac(row.entry_hash, seal_key()))
    code, text = _verify()
    assert code == 1 and "#4" in text and "checkpoint" in text


def test_a_forged_checkpoint_line_is_refused(world: Any, settings: Any) -> None:
    from pathlib import Path

    access_log_record(actor=world.police_actor, action="view", obj=world.police)
    Path(settings.GIPZ_ACCESS_LOG_CHECKPOINTS).write_text("1 " + "0" * 64 + " 2026-01-01T00:00:00+00:00 beef\n")
    code, text = _verify()
    assert code == 1 and "not sealed" in text


def test_the_worker_writes_checkpoints_every_few_minutes(world: Any, settings: Any) -> None:
    from pathlib import Path

    from django.utils import timezone

    from gipz.core.jobs import ensure_recurring, run_due_jobs

    access_log_record(actor=world.police_actor, action="view", obj=world.police)
    ensure_recurring(now=timezone.now())  # what the worker does when it starts
    run_due_jobs(worker="test")
    lines = Path(settings.GIPZ_ACCESS_LOG_CHECKPOINTS).read_text().splitlines()
    assert len(lines) == 1 and lines[0].startswith("1 ")
    code, text = _verify()
    assert code == 0 and "1 checkpoints agree" in text


def test_log_rows_cannot_be_changed_through_the_model(world: Any) -> None:
    from gipz.core.models import AppendOnlyError

    row = access_log_record(actor=world.police_actor, action="view", obj=world.police)
    row.detail = "x"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()


def test_a_logged_person_reference_holds_no_name(world: Any) -> None:
    situation_with_person(world, full_name="Fictief Uniekenaam", date_of_birth=date(1970, 5, 5))
    assert not AccessLogEntry.objects.filter(detail__icontains="Uniekenaam").exists()


def test_changes_of_care_data_in_the_acute_flow_are_logged(world: Any) -> None:
    from conftest import intake
    from gipz.situations import services

    situation = intake(world, person_description="man, ca. 40, rode jas")
    assert AccessLogEntry.objects.filter(action="create", situation_id=situation.pk, detail="signalement")
    services.care_request_accept(actor=world.crisis_actor, situation_id=situation.pk)
    services.situation_on_site(actor=world.crisis_actor, situation_id=situation.pk)
    services.handover_submit(
        actor=world.crisis_actor,
        situation_id=situation.pk,
        situation_text="Rustig",
        background="Bekend bij GGZ",
        assessment="Geen gevaar",
        recommendation="Politie kan gaan",
    )
    row = AccessLogEntry.objects.filter(object_type="situations.handover").get()
    assert (row.action, row.user_id) == ("create", world.crisis_user.pk)
    services.follow_up_add(
        actor=world.crisis_actor,
        situation_id=situation.pk,
        kind="gp",
        responsible_organisation=None,
        details="Huisarts",
    )
    assert AccessLogEntry.objects.filter(object_type="situations.followup", action="create").exists()


def test_the_polled_live_fragment_shows_no_personal_data_and_writes_no_row(world: Any) -> None:
    situation, _ = situation_with_person(world, known_risks="Fictief risico")
    client = logged_in(world.crisis_user)
    before = AccessLogEntry.objects.count()
    live = page_text(client.get(reverse("situation-live", args=[situation.pk])))
    assert "Fictief Testpersoon" not in live and "Fictief risico" not in live
    assert AccessLogEntry.objects.count() == before
