"""Informing the person that data were shared: when, by whom and how, or which legal exception; 'will inform' is a
worklist for the sharing organisation's privacy officer until that is recorded."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import logged_in, make_user, page_text
from gipz.accounts.models import Role
from gipz.privacy.models import Disclosure
from gipz.privacy.tests.helpers import answer_partly, ask, situation_with_person

pytestmark = pytest.mark.django_db


def test_will_inform_is_on_the_worklist_until_recorded(world: Any) -> None:
    situation, _person = situation_with_person(world)
    disclosure = answer_partly(world, ask(world, situation), person_informed="will_inform")
    officer = logged_in(make_user("fg-crisis", world.crisis, Role.PRIVACY_OFFICER))
    home = page_text(officer.get(reverse("privacy")))
    assert "Nog te informeren" in home and situation.reference in home
    other = page_text(logged_in(make_user("fg-politie", world.police, Role.PRIVACY_OFFICER)).get(reverse("privacy")))
    assert "Niemand." in other  # the police did not share: not their worklist
    url = reverse("privacy-informed", args=["disclosure", disclosure.pk])
    prefix = f"disclosure-{disclosure.pk}"
    refused = officer.post(url, {f"{prefix}-outcome": "informed", f"{prefix}-informed_how": "phone"})
    assert "Vul in wanneer de betrokkene is geïnformeerd" in page_text(refused, 400)
    assert Disclosure.objects.get().informed_at is None
    when = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    done = officer.post(
        url, {f"{prefix}-outcome": "informed", f"{prefix}-informed_at": when, f"{prefix}-informed_how": "phone"}
    )
    assert done.status_code == 302
    disclosure.refresh_from_db()
    assert disclosure.person_informed == "informed" and disclosure.informed_how == "phone"
    assert disclosure.informed_by is not None and disclosure.informed_at is not None
    assert (
        situation.reference
        not in page_text(officer.get(reverse("privacy")))
        .split("Nog te informeren")[1]
        .split("Gedeeld zonder toestemming")[0]
    )


def test_not_informing_names_the_legal_exception(world: Any) -> None:
    situation, _person = situation_with_person(world)
    disclosure = answer_partly(world, ask(world, situation), person_informed="will_inform")
    officer = logged_in(make_user("fg-crisis", world.crisis, Role.PRIVACY_OFFICER))
    prefix = f"disclosure-{disclosure.pk}"
    url = reverse("privacy-informed", args=["disclosure", disclosure.pk])
    assert officer.post(url, {f"{prefix}-outcome": "exception"}).status_code == 400
    assert officer.post(url, {f"{prefix}-outcome": "exception", f"{prefix}-exception": "uavg_41"}).status_code == 302
    disclosure.refresh_from_db()
    assert (disclosure.person_informed, disclosure.not_informed_exception) == ("unsafe", "uavg_41")
