"""Outside a user's reach, or an address that does not exist: a Dutch page in the house style, status 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from conftest import intake as make_situation
from conftest import logged_in, page_text

pytestmark = pytest.mark.django_db


def test_a_page_outside_ones_reach_is_a_dutch_404_in_the_house_style(world: Any) -> None:
    situation = make_situation(world)
    response = logged_in(world.outsider_police).get(f"/meldingen/{situation.pk}/")
    text = page_text(response, 404)
    assert "Deze pagina is er niet, of niet voor u" in text and "Naar de start" in text
    assert 'class="top"' in text and "Not Found" not in text  # the app's header, not Django's bare page
    assert situation.reference not in text


def test_an_unknown_address_without_login_is_the_same_page(db: None) -> None:
    response = Client().get("/bestaat-niet/")
    assert "Deze pagina is er niet" in page_text(response, 404)
