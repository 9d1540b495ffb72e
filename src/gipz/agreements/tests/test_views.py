"""Werkafspraken pages: everyone reads, coordinators of the region draft and approve; bad input keeps what was typed."""

from __future__ import annotations

from django.utils import timezone

from conftest import World, intake, logged_in, page_text
from gipz.agreements.models import AgreementVersion
from gipz.agreements.tests.helpers import approve, editor
from gipz.core.tests.pdf import pdf_text


def _edit_post(draft: AgreementVersion, **changes: str) -> dict[str, str]:
    data = {"title": "Werkafspraken Utrecht 2027"}
    for kind, entry in draft.terms["responsibilities"].items():
        data[f"party_{kind}"] = entry["party"]
        data[f"note_{kind}"] = entry["note"]
    data.update({k: str(v) for k, v in draft.terms["targets"].items()})
    data.update({"contacts-TOTAL_FORMS": "1", "contacts-INITIAL_FORMS": "0"})
    data.update(
        {"contacts-0-name": "OvD politie", "contacts-0-organisation": "Politie", "contacts-0-phone": "0900-8844"}
    )
    levels = draft.terms["unsafe_levels"]
    data.update({"levels-TOTAL_FORMS": str(len(levels)), "levels-INITIAL_FORMS": str(len(levels))})
    for i, level in enumerate(levels):
        for key, value in level.items():
            if key == "call_112":
                if value:
                    data[f"levels-{i}-{key}"] = "on"
            else:
                data[f"levels-{i}-{key}"] = str(value)
    data.update(changes)
    return data


def test_a_coordinator_drafts_edits_and_approves_through_the_pages(world: World) -> None:
    editor(world.coordinator_actor, world.utrecht)
    client = logged_in(world.coordinator)
    response = client.post(
        "/werkafspraken/nieuw/", {"safety_region": world.utrecht.safety_region_id, "municipality": ""}
    )
    draft = AgreementVersion.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/werkafspraken/{draft.pk}/bewerken/"
    assert "Wie zorgt voor wat" in page_text(client.get(response["Location"]))

    # Bad input: a clear message, what was typed stays, nothing is saved.
    bad = client.post(f"/werkafspraken/{draft.pk}/bewerken/", _edit_post(draft, u2_minutes="veel", title="Mijn titel"))
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "Vul een heel getal in." in page and 'value="Mijn titel"' in page
    draft.refresh_from_db()
    assert draft.title != "Mijn titel"

    ok = client.post(
        f"/werkafspraken/{draft.pk}/bewerken/", _edit_post(draft, party_confused_with_offence="police", u2_minutes="45")
    )
    assert ok.status_code == 302
    draft.refresh_from_db()
    assert draft.terms["targets"]["u2_minutes"] == 45
    assert draft.terms["responsibilities"]["confused_with_offence"]["party"] == "police"
    assert draft.terms["contacts"] == [
        {"name": "OvD politie", "organisation": "Politie", "phone": "0900-8844", "when": ""}
    ]

    refused = client.post(
        f"/werkafspraken/{draft.pk}/vaststellen/", {"effective_from": "gisteren", "approval_note": ""}
    )
    assert refused.status_code == 400 and "Vul een geldige datum in." in refused.content.decode()
    approved = client.post(
        f"/werkafspraken/{draft.pk}/vaststellen/",
        {"effective_from": timezone.localdate().isoformat(), "approval_note": "Driehoeksoverleg 1 december"},
    )
    assert approved.status_code == 302
    draft.refresh_from_db()
    assert draft.status == AgreementVersion.Status.APPROVED
    listing = page_text(client.get("/werkafspraken/"))
    assert "geldt nu" in listing and "Werkafspraken Utrecht 2027" in listing


def test_everyone_reads_but_only_the_region_coordinator_edits(world: World) -> None:
    version = approve(world.coordinator_actor, world.utrecht)
    police = logged_in(world.police_user)
    page = page_text(police.get(f"/werkafspraken/{version.pk}/"))
    assert "Verward gedrag zonder strafbaar feit" in page and "Nieuwe versie maken" not in page
    assert police.post(f"/werkafspraken/{version.pk}/nieuwe-versie/").status_code == 302
    assert AgreementVersion.objects.count() == 1  # refused with a message
    assert police.get("/werkafspraken/nieuw/").status_code == 302
    assert police.get("/werkafspraken/999999/").status_code == 404


def test_the_pdf_for_the_joint_meeting(world: World) -> None:
    version = approve(world.coordinator_actor, world.utrecht)
    response = logged_in(world.police_user).get(f"/werkafspraken/{version.pk}/werkafspraken.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Wie zorgt voor wat" in text and "Regionaal overleg (test)" in text and "Acuut gevaarlijk" in text


def test_the_situation_page_shows_the_agreement_that_applied(world: World) -> None:
    version = approve(world.coordinator_actor, world.utrecht)
    situation = intake(world, danger_to_self=True)
    approve(world.coordinator_actor, world.utrecht)  # a later version does not rewrite the melding
    page = page_text(logged_in(world.police_user).get(f"/meldingen/{situation.pk}/"))
    assert f"/werkafspraken/{version.pk}/" in page and "versie 1" in page
    assert "Gevaar voor zichzelf" in page
