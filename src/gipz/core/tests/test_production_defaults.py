"""Secure by default: with debug off and only a secret key and host names set, `gipz check --deploy` has nothing to
report; every page carries a Content-Security-Policy without inline script and is never stored by a cache."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World, logged_in

ROOT = Path(__file__).resolve().parents[4]


def test_check_deploy_is_clean_with_only_the_required_settings(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GIPZ_", "DJANGO_")) and key != "DATABASE_URL"
    }
    env.update(
        GIPZ_SECRET_KEY="k" * 20 + "-production-like-secret-for-the-deploy-check-" + "x" * 20,
        GIPZ_ALLOWED_HOSTS="gipz.example.nl",
        GIPZ_DATA_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "-m", "gipz.cli", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_pages_carry_a_strict_content_security_policy(world: World) -> None:
    response = logged_in(world.police_user).get(reverse("intake"))
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'" and "unsafe-inline" not in policy
    assert directives["frame-ancestors"] == "'none'"
    assert "<script>" not in response.content.decode() and " onchange=" not in response.content.decode()


@pytest.mark.parametrize("name", ["situations", "board-live", "privacy", "monitoring"])
def test_nothing_with_personal_data_is_stored_by_a_cache(world: World, name: str) -> None:
    from conftest import make_user
    from gipz.accounts.models import Role

    officer = make_user("fg", world.crisis, Role.PRIVACY_OFFICER)
    user = officer if name == "privacy" else world.crisis_user
    response = logged_in(user).get(reverse(name))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_login_page_is_not_stored_either(db: None) -> None:  # it lists the organisations' login services
    response = Client().get(reverse("login"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
