"""'Oneigenlijk beroep': flagged in an evaluation, discussed by key figures of both sides, linked to the agreement."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from conftest import World, logged_in, make_user, page_text
from gipz.accounts.models import Role
from gipz.agreements.tests.helpers import approve
from gipz.core.errors import NotAllowedError, ServiceError, TransitionError
from gipz.learning.models import DiscussionEvent, ImproperCallDiscussion
from gipz.learning.selectors import discussion_get
from gipz.learning.services.discussions import improper_call_discussion_update
from gipz.learning.tests.helpers import closed_situation, flagged_discussion
from gipz.situations import services
from gipz.situations.models import Notification

Status = ImproperCallDiscussion.Status


def test_a_flag_opens_a_discussion_and_notifies_key_figures_of_both_sides(world: World) -> None:
    discussion = flagged_discussion(world)
    assert discussion.status == Status.OPEN
    notified = set(Notification.objects.filter(situation=discussion.situation).values_list("user_id", flat=True))
    assert notified == {world.police_key_figure.pk, world.crisis_key_figure.pk}


def test_no_flag_no_discussion(world: World) -> None:
    situation = closed_situation(world)
    services.evaluation_submit(
        actor=world.police_actor,
        situation_id=situation.pk,
        rating=4,
        improper_call=False,
        improper_call_reason="",
        tensions=[],
    )
    assert ImproperCallDiscussion.objects.count() == 0


def test_who_sees_and_discusses(world: World) -> None:
    discussion = flagged_discussion(world)
    for user in (world.police_key_figure, world.crisis_key_figure, world.coordinator):
        assert discussion_get(actor=world.actor(user), discussion_id=discussion.pk) == discussion
    outsider_key_figure = world.actor(make_user("sleutel-elders", world.other_police, Role.KEY_FIGURE))
    for actor in (world.police_actor, outsider_key_figure):  # a professional; a key figure of another organisation
        with pytest.raises(Http404):
            discussion_get(actor=actor, discussion_id=discussion.pk)
    with pytest.raises(NotAllowedError):
        improper_call_discussion_update(
            actor=outsider_key_figure, discussion_id=discussion.pk, status="discussed", notes="Wij vinden er iets van."
        )


def test_discussed_then_agreement_changed_needs_a_later_version(world: World) -> None:
    before = approve(world.coordinator_actor, world.utrecht)
    discussion = flagged_discussion(world)
    key = world.actor(world.police_key_figure)
    improper_call_discussion_update(
        actor=key, discussion_id=discussion.pk, status="discussed", notes="Burenruzie hoort bij de wijkagent."
    )
    with pytest.raises(ServiceError) as refused:  # a version from before the melding changed nothing
        improper_call_discussion_update(
            actor=key,
            discussion_id=discussion.pk,
            status="agreement_changed",
            notes="Afspraak aangepast.",
            changed_agreement_id=before.pk,
        )
    assert refused.value.field == "changed_agreement"
    after = approve(world.coordinator_actor, world.utrecht, effective_from=timezone.localdate() + timedelta(days=1))
    improper_call_discussion_update(
        actor=key,
        discussion_id=discussion.pk,
        status="agreement_changed",
        notes="Burenruzie zonder zorgvraag: wijkagent.",
        changed_agreement_id=after.pk,
    )
    discussion.refresh_from_db()
    assert discussion.status == Status.AGREEMENT_CHANGED and discussion.changed_agreement == after
    assert list(
        DiscussionEvent.objects.filter(discussion=discussion).order_by("id").values_list("kind", flat=True)
    ) == [
        "opened",
        "discussed",
        "agreement_changed",
    ]
    with pytest.raises(TransitionError):
        improper_call_discussion_update(
            actor=key, discussion_id=discussion.pk, status="discussed", notes="Nog eens besproken."
        )


def test_discussion_pages(world: World) -> None:
    discussion = flagged_discussion(world)
    client = logged_in(world.crisis_key_figure)
    page = page_text(client.get(f"/oneigenlijk-beroep/{discussion.pk}/"))
    assert "burenruzie" in page and "Bespreking vastleggen" in page
    bad = client.post(f"/oneigenlijk-beroep/{discussion.pk}/bespreking/", {"status": "discussed", "notes": "kort"})
    assert bad.status_code == 400 and "ten minste 10 tekens" in bad.content.decode()
    ok = client.post(
        f"/oneigenlijk-beroep/{discussion.pk}/bespreking/",
        {"status": "discussed", "notes": "Samen besproken in het overleg."},
    )
    assert ok.status_code == 302
    assert discussion.situation.reference in page_text(client.get("/leren/"))


def test_the_list_shows_each_discussion_once_with_the_side_that_flagged_it(world: World) -> None:
    """Both sides flag the same melding: two discussions, each listed once and saying who flagged it."""
    discussion = flagged_discussion(world)
    services.evaluation_submit(
        actor=world.police_actor,
        situation_id=discussion.situation_id,
        rating=2,
        improper_call=True,
        improper_call_reason="Ook de politie vond dit geen zaak voor de crisisdienst.",
        tensions=["mutual_expectations"],
    )
    page = page_text(logged_in(world.police_key_figure).get(reverse("improper-call-discussions")))
    reference = discussion.situation.reference
    assert page.count(reference) == 2
    assert "Crisisdienst Test (crisisdienst)" in page and "Politie Test (politie)" in page
