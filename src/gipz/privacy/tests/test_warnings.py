"""A warning given on a care professional's own initiative (lawful issue item 8): recorded truthfully, visible to
the privacy officers of both sides and in the access log, never with its text in the timeline or audit."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from conftest import logged_in, make_user, page_text
from gipz.accesslog.models import AccessAction, AccessLogEntry
from gipz.accounts.models import Role
from gipz.core.models import AuditEvent
from gipz.privacy.models import Criterion, OwnInitiativeWarning
from gipz.privacy.tests.helpers import situation_with_person
from gipz.situations.models import TimelineEvent

CONTENT = "Hij heeft gezegd zijn buurman vannacht iets aan te doen; ga niet alleen naar binnen."


def form(world: Any, **overrides: Any) -> dict[str, Any]:
    data = {
        "recipient": world.police.pk,
        "warned_at": (timezone.localtime() - timedelta(minutes=20)).strftime("%Y-%m-%dT%H:%M"),
        "categories": ["danger_signals"],
        "content": CONTENT,
        "weighing": "Concrete dreiging tegen de buurman; toestemming geweigerd; geen andere weg vannacht.",
        "person_informed": "unsafe",
        "person_not_informed_reason": "Vertellen maakt de dreiging acuter.",
        "not_informed_exception": "uavg_41",
        **{f"criterion_{c}": "yes" for c in Criterion.values},
    }
    data.update(overrides)
    return data


def test_a_nurse_records_a_warning_that_both_privacy_officers_and_the_log_see(world: Any) -> None:
    situation, person = situation_with_person(world)
    nurse = logged_in(world.crisis_user)
    url = reverse("own-initiative-warning-new", args=[situation.pk])
    assert "De zes voorwaarden" in page_text(nurse.get(url))
    response = nurse.post(url, form(world, criterion_consent="no"))
    assert response.status_code == 302
    warning = OwnInitiativeWarning.objects.get()
    assert (warning.organisation, warning.recipient, warning.criteria_met) == (world.crisis, world.police, 5)
    assert warning.criteria["consent"] is False

    # The timeline says that a warning was given and to whom; no text goes into append-only rows.
    event = TimelineEvent.objects.get(situation=situation, kind="own_initiative_warning")
    assert event.note == world.police.name
    audit = AuditEvent.objects.get(event_type="own_initiative_warning.recorded")
    assert CONTENT not in str(audit.new) and audit.new["criteria_met"] == 5
    shared = AccessLogEntry.objects.get(action=AccessAction.SHARE, object_id=str(warning.pk), situation_id=situation.pk)
    assert shared.person_id == person.pk and world.police.name in shared.detail

    # The police see the warning on the situation page; the crisis service's privacy officer and the police's
    # privacy officer see it among what was shared without consent.
    assert CONTENT in page_text(logged_in(world.police_user).get(reverse("situation", args=[situation.pk])))
    for org in (world.crisis, world.police):
        officer = make_user(f"fg-{org.pk}", org, Role.PRIVACY_OFFICER)
        text = page_text(logged_in(officer).get(reverse("privacy")))
        assert "Waarschuwingen uit eigen beweging" in text and "5 van 6 voldaan" in text
        assert situation.reference in text


def test_a_bad_warning_keeps_what_was_typed_and_saves_nothing(world: Any) -> None:
    situation, _ = situation_with_person(world)
    nurse = logged_in(world.crisis_user)
    url = reverse("own-initiative-warning-new", args=[situation.pk])
    for bad in (
        form(world, criterion_minimal=""),
        form(world, warned_at=(timezone.localtime() + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")),
        form(world, person_not_informed_reason=""),
        form(world, recipient=world.care.pk),
        form(world, content="BSN 111222333 gewaarschuwd"),
    ):
        text = page_text(nurse.post(url, bad), status=400)
        assert "Hij heeft gezegd" in text or "111222333" in text  # what was typed stays
    assert not OwnInitiativeWarning.objects.exists()
    assert not TimelineEvent.objects.filter(kind="own_initiative_warning").exists()


def test_only_care_professionals_in_the_situation_record_a_warning(world: Any) -> None:
    situation, _ = situation_with_person(world)
    url = reverse("own-initiative-warning-new", args=[situation.pk])
    assert logged_in(world.police_user).get(url).status_code == 404  # the police do not break medical secrecy
    assert logged_in(world.outsider_crisis).get(url).status_code == 404  # not in the situation
    assert logged_in(world.police_user).post(url, form(world)).status_code == 404
    assert not OwnInitiativeWarning.objects.exists()
