"""GIPZ as an installable web app: a manifest with icons, and a service worker that caches the app shell only and
never a page (pages hold personal data)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from conftest import logged_in

STATIC = Path(__file__).resolve().parents[2] / "static"


def test_the_manifest_makes_it_installable(db: None) -> None:
    response = Client().get("/manifest.webmanifest")
    assert response.status_code == 200 and response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/" and manifest["short_name"] == "GIPZ"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        path = STATIC / icon["src"].removeprefix("/static/")
        assert path.exists(), icon["src"]
        if icon["type"] == "image/png":
            width, height = (
                int.from_bytes(path.read_bytes()[16:20], "big"),
                int.from_bytes(path.read_bytes()[20:24], "big"),
            )
            assert f"{width}x{height}" == icon["sizes"]


def test_the_service_worker_caches_the_shell_only(db: None) -> None:
    response = Client().get("/sw.js")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/javascript")
    script = response.content.decode()
    shell = json.loads(re.search(r"const SHELL = (\[.*?\]);", script).group(1))
    assert shell[-1] == "/offline/" and all(url.startswith("/static/") for url in shell[:-1])
    assert "cache.put" not in script  # nothing fetched later is stored
    assert 'request.mode === "navigate"' in script and "caches.match(OFFLINE)" in script


@pytest.mark.django_db
def test_the_offline_page_needs_no_login_and_shows_no_data(world: Any) -> None:
    response = Client().get("/offline/")
    text = response.content.decode()
    assert response.status_code == 200 and "Geen verbinding" in text and "Bel 112" in text
    page = logged_in(world.police_user).get("/").content.decode()
    assert 'rel="manifest" href="/manifest.webmanifest"' in page and 'name="theme-color"' in page
