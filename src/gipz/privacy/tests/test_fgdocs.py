"""The privacy officer's documents are generated from the system: every processing GIPZ does is in the register and
the DPIA, every model with personal data belongs to a processing, and the committed docs/privacy/ are current."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from conftest import logged_in, make_user
from gipz.accounts.models import Role
from gipz.core.text_retention import text_rules
from gipz.privacy.fgdocs.processing import PROCESSINGS
from gipz.privacy.fgdocs.render import For, dpia, register
from gipz.rulebook.loader import default_rulebook_text, parse_rulebook

REPO = Path(__file__).resolve().parents[4]


def test_every_model_with_personal_text_belongs_to_a_processing() -> None:
    covered = {label for p in PROCESSINGS for label in p.models}
    undeclared = {rule.model._meta.label for rule in text_rules()} - covered
    assert undeclared == set(), "add these models to a processing in privacy/fgdocs/processing.py"


def test_the_register_and_the_dpia_contain_every_processing_and_the_retention_periods() -> None:
    rulebook = parse_rulebook(default_rulebook_text())
    text_register = register(For(), rulebook)
    text_dpia = dpia(For(), rulebook)
    for processing in PROCESSINGS:
        assert f"## {processing.name}" in text_register, processing.key
        assert f"| {processing.name} |" in text_dpia, processing.key
    assert "1825 dagen na afloop van de melding" in text_register
    assert "Stcrt. 2021, 48897" in text_register  # a rulebook source
    police = register(For(name="Politie Test", kind="police"), rulebook)
    assert "Wpg art. 8" in police and "Grondslag (zorg" not in police


def test_the_committed_documents_are_current() -> None:
    call_command("privacy_documents", out=str(REPO / "docs" / "privacy"), check=True, stdout=StringIO())


@pytest.mark.django_db
def test_the_officer_downloads_them_filled_in_for_the_organisation(world: Any) -> None:
    officer = logged_in(make_user("fg", world.police, Role.PRIVACY_OFFICER))
    response = officer.get(reverse("privacy-document", args=["register"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/markdown")
    assert "Register van verwerkingsactiviteiten (AVG art. 30) — Politie Test" in response.content.decode()
    assert officer.get(reverse("privacy-document", args=["onbekend"])).status_code == 404
    assert logged_in(world.police_user).get(reverse("privacy-document", args=["dpia"])).status_code == 404
